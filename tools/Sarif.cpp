// tools/Sarif.cpp — see Sarif.h.
#include "tools/internal/Sarif.h"

#include <cstdio>

#include <symrange/version.h>

namespace symrange::tools {

using nlohmann::ordered_json;

std::string artifactUri(const std::string& path) {
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

namespace {

ordered_json location(const ir::SourceLoc& loc) {
  ordered_json physical = ordered_json::object();
  physical["artifactLocation"] = {{"uri", artifactUri(loc.file)}};
  if (loc.line > 0) physical["region"] = {{"startLine", loc.line}, {"startColumn", std::max(loc.col, 1)}};
  return {{"physicalLocation", std::move(physical)}};
}

}  // namespace

ordered_json sarifLog(const std::vector<Finding>& findings) {
  ordered_json rulesJson = ordered_json::array();
  for (const Rule& r : rules()) {
    rulesJson.push_back({{"id", r.id},
                         {"shortDescription", {{"text", r.description}}},
                         {"defaultConfiguration", {{"level", r.level}}}});
  }
  ordered_json results = ordered_json::array();
  for (const Finding& f : findings) {
    ordered_json r = ordered_json::object();
    r["ruleId"] = f.rule;
    for (std::size_t i = 0; i < rules().size(); ++i)
      if (f.rule == rules()[i].id) r["ruleIndex"] = i;
    r["level"] = f.level;
    r["message"] = {{"text", f.message}};
    r["locations"] = ordered_json::array({location(f.loc)});
    if (!f.notes.empty()) {
      ordered_json related = ordered_json::array();
      int id = 0;
      for (const Note& n : f.notes) {
        ordered_json l = location(n.loc);
        l["id"] = id++;
        l["message"] = {{"text", n.text}};
        related.push_back(std::move(l));
      }
      r["relatedLocations"] = std::move(related);
    }
    results.push_back(std::move(r));
  }
  ordered_json driver = ordered_json::object();
  driver["name"] = "symrange";
  driver["version"] = SYMRANGE_VERSION;
  driver["rules"] = std::move(rulesJson);
  ordered_json run = ordered_json::object();
  run["tool"] = {{"driver", std::move(driver)}};
  run["results"] = std::move(results);
  ordered_json log = ordered_json::object();
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ordered_json::array({std::move(run)});
  return log;
}

}  // namespace symrange::tools
