// tests/cli/GoldenSupport.h — what the golden tests share (tests/golden/ and tests/real/): the
// stable fields of a report, the witness check, the update switch and a unified diff of an
// expected file against what the CLI printed.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "ir/ExprEval.h"
#include "ir/ExprParser.h"
#include "tests/cli/CliRun.h"

namespace symrange::testing {

/// SYMRANGE_UPDATE_GOLDENS=1: write what the CLI gives instead of comparing.
inline bool updateGoldens() {
  const char* v = std::getenv("SYMRANGE_UPDATE_GOLDENS");
  return v != nullptr && std::string(v) == "1";
}

/// The stable fields of a report (no timings, no solver-dependent cores or witnesses).
inline nlohmann::ordered_json projectReport(const nlohmann::ordered_json& r, int exitCode) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["exit"] = exitCode;
  ordered_json checks = ordered_json::array();
  for (const auto& c : r["checks"]) {
    ordered_json e;
    for (const char* k : {"node", "graph", "kind", "expr", "verdict", "removed"}) e[k] = c[k];
    checks.push_back(e);
  }
  j["checks"] = checks;
  ordered_json branches = ordered_json::array();
  for (const auto& b : r["branches"]) {
    ordered_json e;
    for (const char* k : {"node", "graph", "predicate", "verdict", "pruned"}) e[k] = b[k];
    branches.push_back(e);
  }
  j["branches"] = branches;
  j["ranges"] = r["ranges"];
  j["summary"] = r["summary"];
  j["warnings"] = r["warnings"].size();
  return j;
}

/// A `required` check's witness must make its condition false (it fires there).
inline void checkWitnesses(const nlohmann::ordered_json& r) {
  for (const auto& c : r["checks"]) {
    if (c["verdict"] != "required" || !c.contains("witness") || c["expr"].is_null()) continue;
    ir::ExprContext cx;
    const std::string expr = c["expr"];
    // The report may show a symbol under its source (`x.shape[0]`, docs/report.md): such names
    // are not identifiers, so they are renamed (longest first) before the expression is parsed.
    std::string parsable = expr;
    std::map<std::string, std::int64_t> values;
    std::vector<std::string> names;
    for (const auto& [k, v] : c["witness"].items()) names.push_back(k);
    std::sort(names.begin(), names.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string id = "w__" + std::to_string(i);
      for (std::size_t at; (at = parsable.find(names[i])) != std::string::npos;)
        parsable.replace(at, names[i].size(), id);
      values[id] = c["witness"][names[i]].get<std::int64_t>();
    }
    ir::ExprRef e = ir::parseExpr(cx, parsable, {"<report>", 1, 1});
    auto v = ir::evaluate(e, [&](ir::ExprRef s) -> std::optional<ir::Value> {
      auto it = values.find(s->name());
      if (it == values.end()) return std::nullopt;
      return ir::Value::ofInt(it->second);
    });
    CAPTURE(expr);
    INFO("witness: " << c["witness"].dump());
    REQUIRE(v.value.has_value());
    CHECK(v.value->i == 0);
  }
}

/// `diff -u` of the expected file against `got` (empty when they are equal).
inline std::string unifiedDiff(const std::filesystem::path& expected, const std::string& got) {
  namespace fs = std::filesystem;
  const fs::path tmp = fs::temp_directory_path() / ("symrange_got_" + std::to_string(::getpid()));
  std::ofstream(tmp, std::ios::binary) << got;
  std::string cmd = "diff -u --label expected --label got " + shellQuote(expected.string()) + " " +
                    shellQuote(tmp.string()) + " 2>&1";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  std::filesystem::remove(tmp);
  return out;
}

/// Compares `got` with the file `expected` (or writes it when updating); a mismatch shows the
/// unified diff.
inline void compareOrUpdate(const std::filesystem::path& expected, const std::string& got) {
  if (updateGoldens()) {
    std::filesystem::create_directories(expected.parent_path());
    std::ofstream(expected, std::ios::binary) << got;
    return;
  }
  REQUIRE_MESSAGE(std::filesystem::exists(expected),
                  expected.string() << " is missing (SYMRANGE_UPDATE_GOLDENS=1 writes it)");
  const std::string want = slurp(expected);
  if (want == got) return;
  FAIL_CHECK(expected.string() << " differs:\n" << unifiedDiff(expected, got));
}

}  // namespace symrange::testing
