// tools/Batch.cpp — batch verification (see the header).
#include "tools/Batch.h"

#include "tools/internal/Markup.h"
#include "tools/internal/Output.h"
#include "tools/internal/Sarif.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "engine/Engine.h"
#include "engine/Report.h"
#include "ir/Diagnostic.h"

namespace symrange::tools {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

std::vector<std::string> collectFiles(const std::vector<std::string>& paths,
                                      const std::vector<std::string>& extensions) {
  auto wanted = [&](const fs::path& p) {
    const std::string name = p.filename().string();
    return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& ext) {
      return name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
    });
  };
  std::set<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) throw std::runtime_error(path + ": no such file or directory");
    if (!fs::is_directory(st)) {
      files.insert(path);
      continue;
    }
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (it->is_regular_file(ec2) && wanted(it->path())) files.insert(it->path().string());
    }
    if (ec) throw std::runtime_error(path + ": " + ec.message());
  }
  return {files.begin(), files.end()};
}

unsigned shardOf(const std::string& path, unsigned total) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : path) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return total == 0 ? 0 : static_cast<unsigned>(h % total);
}

FileResult failedFile(const std::string& file, const std::string& message) {
  FileResult r;
  r.done = true;
  r.findings = {{"malformed-input", "error", {file, 0, 0}, message, {}}};
  r.malformed = true;
  r.json = ordered_json::object();
  r.json["file"] = file;
  r.json["error"] = message;
  return r;
}

FileResult analyseFile(const std::string& file, const BatchOptions& o) {
  FileResult r;
  r.done = true;
  auto bad = [&](const std::string& message) {
    FileResult b = failedFile(file, message);
    if (!r.findings.empty()) b.findings = std::move(r.findings);
    return b;
  };
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec) return bad(file + ":1:1: error: cannot read: " + ec.message());
  if (size > o.maxFileBytes)
    return bad(file + ":1:1: error: file too large (" + std::to_string(size) + " bytes, limit " +
               std::to_string(o.maxFileBytes) + ")");
  try {
    engine::Engine e = engine::Engine::fromFile(file, o.engine);
    r.fails = e.analyze().anyFails();
    r.findings = collectFindings(e.analyze(), e.program(), file);  // before the rewrite
    e.optimize();
    r.json = e.report(file);
  } catch (const ir::InputError& err) {
    r.findings = {malformedFinding(err)};
    return bad(err.what());
  } catch (const std::exception& err) {
    // Ours, not the user's: still reported per file so the batch goes on.
    return bad(file + ":1:1: error: internal error: " + err.what());
  }
  return r;
}

namespace {

ordered_json locJson(const ir::SourceLoc& l) { return ordered_json::array({l.file, l.line, l.col}); }

ir::SourceLoc locFromJson(const ordered_json& j) {
  return {j.at(0).get<std::string>(), j.at(1).get<int>(), j.at(2).get<int>()};
}

}  // namespace

ordered_json resultToJson(const FileResult& r) {
  ordered_json findings = ordered_json::array();
  for (const Finding& f : r.findings) {
    ordered_json notes = ordered_json::array();
    for (const Note& n : f.notes) notes.push_back({{"loc", locJson(n.loc)}, {"text", n.text}});
    findings.push_back({{"rule", f.rule}, {"level", f.level}, {"loc", locJson(f.loc)},
                        {"message", f.message}, {"notes", std::move(notes)}});
  }
  ordered_json w = ordered_json::object();
  w["file"] = r.json.value("file", std::string());
  w["malformed"] = r.malformed;
  w["fails"] = r.fails;
  w["object"] = r.json;
  w["findings"] = std::move(findings);
  return w;
}

FileResult resultFromJson(const ordered_json& w) {
  FileResult r;
  r.done = true;
  r.malformed = w.at("malformed").get<bool>();
  r.fails = w.at("fails").get<bool>();
  r.json = w.at("object");
  if (!r.json.is_object()) throw std::invalid_argument("a file result's \"object\" is not an object");
  for (const auto& f : w.at("findings")) {
    Finding x{f.at("rule").get<std::string>(), f.at("level").get<std::string>(),
              locFromJson(f.at("loc")), f.at("message").get<std::string>(), {}};
    for (const auto& n : f.at("notes")) x.notes.push_back({locFromJson(n.at("loc")), n.at("text").get<std::string>()});
    r.findings.push_back(std::move(x));
  }
  return r;
}

std::vector<FileResult> runBatch(const std::vector<std::string>& files, const BatchOptions& o,
                                 const std::function<void(std::size_t, const FileResult&)>& progress) {
  std::vector<FileResult> results(files.size());
  std::atomic<std::size_t> next{0};
  std::size_t doneCount = 0;
  std::mutex mu;
  auto worker = [&] {
    for (;;) {
      if (o.stop && o.stop->load()) return;
      std::size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      FileResult r = analyseFile(files[i], o);
      std::lock_guard<std::mutex> lock(mu);
      results[i] = std::move(r);
      ++doneCount;
      if (progress) progress(doneCount, results[i]);
    }
  };
  unsigned jobs = std::max(1u, std::min<unsigned>(o.jobs, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < jobs; ++k) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return results;
}

ordered_json batchReport(std::vector<ordered_json> files, bool complete) {
  std::stable_sort(files.begin(), files.end(), [](const ordered_json& a, const ordered_json& b) {
    return a.value("file", std::string()) < b.value("file", std::string());
  });
  static const char* counted[] = {"checks",   "redundant", "required", "fails",
                                  "unreachable", "unknown", "branches", "pruned",
                                  "nodes_in", "nodes_out", "removed_checks"};
  ordered_json s = ordered_json::object();
  s["files"] = files.size();
  std::size_t malformed = 0, failing = 0;
  for (const char* k : counted) s[k] = 0;
  double ms = 0;
  std::uint64_t smt = 0, queries = 0, withoutSmt = 0;
  for (const auto& f : files) {
    if (f.contains("error")) {
      ++malformed;
      continue;
    }
    const auto& fs_ = f.at("summary");
    for (const char* k : counted) s[k] = s[k].get<std::uint64_t>() + fs_.value(k, std::uint64_t{0});
    if (fs_.value("fails", std::uint64_t{0}) > 0) ++failing;
    if (f.contains("stats")) {
      const auto& st = f["stats"];
      ms += st.value("time_ms", 0.0);
      smt += st.value("smt_queries", std::uint64_t{0});
      queries += st.value("queries", std::uint64_t{0});
      withoutSmt += st.value("decided_without_smt", std::uint64_t{0});
    }
  }
  s["malformed"] = malformed;
  s["files_with_failing_checks"] = failing;
  const auto checks = s["checks"].get<std::uint64_t>();
  s["redundant_percent"] =
      checks ? static_cast<double>(static_cast<long long>(1000.0 * s["redundant"].get<double>() / checks + 0.5)) / 10.0
             : 0.0;
  s["queries"] = queries;
  s["decided_without_smt"] = withoutSmt;
  s["smt_queries"] = smt;
  s["complete"] = complete;
  s["time_ms"] = static_cast<double>(static_cast<long long>(ms * 100.0 + 0.5)) / 100.0;
  ordered_json out = ordered_json::object();
  out["schema_version"] = engine::kReportSchemaVersion;
  out["files"] = std::move(files);
  out["summary"] = std::move(s);
  return out;
}

ordered_json withoutTimings(ordered_json report) {
  for (auto& f : report["files"])
    if (f.contains("stats")) {
      f["stats"].erase("time_ms");
      f["stats"].erase("check_time_us");
    }
  report["summary"].erase("time_ms");
  return report;
}

BatchOutcome finishBatch(std::vector<FileResult> results, bool complete, unsigned shardIndex,
                         unsigned shardTotal, std::ostream& errors) {
  BatchOutcome out;
  std::vector<ordered_json> objects;
  for (auto& r : results) {
    if (!r.done) continue;
    // the errors (a check that always fails) with their notes; warnings go to SARIF only (a
    // malformed file's error is on its progress line)
    const std::string file = r.json.value("file", std::string());
    if (r.fails) {
      const SourceLines source = SourceLines::load(file);
      for (const Finding& f : r.findings)
        if (f.level == "error") printFinding(errors, f, source, file);
    }
    out.findings.insert(out.findings.end(), r.findings.begin(), r.findings.end());
    out.bad = out.bad || r.malformed || r.fails;
    objects.push_back(std::move(r.json));
  }
  out.complete = complete;
  out.report = batchReport(std::move(objects), complete);
  if (shardTotal > 1) out.report["summary"]["shard"] = std::to_string(shardIndex) + "/" + std::to_string(shardTotal);
  return out;
}

bool writeBatchOutputs(const BatchOutcome& outcome, const BatchOutputs& o) {
  if (!o.report.empty() && !writeOutput(o.report, outcome.report.dump(2) + "\n", "report")) return false;
  if (!o.junit.empty() && !writeOutput(o.junit, junitXml(outcome.report), "JUnit XML")) return false;
  if (!o.sarif.empty() && !writeOutput(o.sarif, sarifLog(outcome.findings).dump(2) + "\n", "SARIF log"))
    return false;
  return true;
}

std::string closingSummary(const BatchOutcome& outcome) {
  return std::string("symrange verify") + (outcome.complete ? "" : " (interrupted)") + ":\n" +
         summaryTable(outcome.report);
}

std::string junitXml(const ordered_json& report) {
  const auto& files = report["files"];
  std::size_t failures = 0;
  std::ostringstream cases;
  for (const auto& f : files) {
    const std::string file = f.value("file", std::string());
    double secs = f.contains("stats") ? f["stats"].value("time_ms", 0.0) / 1000.0 : 0.0;
    cases << "    <testcase classname=\"symrange.verify\" name=\"" << markupEscape(file)
          << "\" time=\"" << secs << "\">\n";
    if (f.contains("error")) {
      ++failures;
      cases << "      <failure type=\"malformed\" message=\""
            << markupEscape(f["error"].get<std::string>()) << "\"/>\n";
    } else {
      std::ostringstream msg;
      bool any = false;
      for (const auto& c : f["checks"])
        if (c.value("verdict", std::string()) == "fails") {
          msg << "check " << c.value("node", std::string()) << " (" << c.value("graph", std::string())
              << ") always fails: "
              << (c.contains("expr") && c["expr"].is_string() ? c["expr"].get<std::string>() : "?")
              << "\n";
          any = true;
        }
      if (any) {
        ++failures;
        cases << "      <failure type=\"fails\" message=\"a check always fails\">"
              << markupEscape(msg.str()) << "</failure>\n";
      }
    }
    cases << "    </testcase>\n";
  }
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites>\n  <testsuite name=\"symrange verify\" tests=\"" << files.size()
    << "\" failures=\"" << failures << "\" errors=\"0\">\n"
    << cases.str() << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

std::string summaryTable(const ordered_json& report) {
  const auto& s = report["summary"];
  auto n = [&](const char* k) { return std::to_string(s.value(k, std::uint64_t{0})); };
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f%%", s.value("redundant_percent", 0.0));
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.1f ms", s.value("time_ms", 0.0));
  std::vector<std::pair<std::string, std::string>> rows = {
      {"files", n("files")},
      {"malformed", n("malformed")},
      {"checks", n("checks")},
      {"redundant", n("redundant") + " (" + pct + ")"},
      {"required", n("required")},
      {"fails", n("fails")},
      {"unreachable", n("unreachable")},
      {"unknown", n("unknown")},
      {"branches", n("branches")},
      {"branches decided", n("pruned")},
      {"analysis time", ms},
  };
  std::ostringstream o;
  for (const auto& [k, v] : rows) {
    o << "  " << k << std::string(18 - std::min<std::size_t>(17, k.size()), ' ') << v << "\n";
  }
  return o.str();
}

}  // namespace symrange::tools
