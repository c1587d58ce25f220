// tests/cli/test_golden.cpp — golden files through the real CLI. Each tests/golden/<case>/ holds
// `input.txt`, optional extra CLI arguments `args`, the expected optimized program `expected.txt`, the expected report fields
// `expected.report.json` (verdicts, removals, ranges, summary: the stable part of the report)
// and `NOTES.md` saying why each verdict is right.
//
// Regenerate with SYMRANGE_UPDATE_GOLDENS=1 (then review the diff like code):
//   SYMRANGE_UPDATE_GOLDENS=1 build/tests/test_cli -tc='golden*'
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/ExprEval.h"
#include "ir/ExprParser.h"
#include "tests/cli/CliRun.h"

using nlohmann::ordered_json;
using symrange::testing::runCli;
using symrange::testing::slurp;
namespace fs = std::filesystem;

namespace {

/// The stable fields of a report (no timings, no solver-dependent cores or witnesses).
ordered_json project(const ordered_json& r, int exitCode) {
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
void checkWitnesses(const ordered_json& r) {
  for (const auto& c : r["checks"]) {
    if (c["verdict"] != "required" || !c.contains("witness") || c["expr"].is_null()) continue;
    symrange::ir::ExprContext cx;
    const std::string expr = c["expr"];
    symrange::ir::ExprRef e = symrange::ir::parseExpr(cx, expr, {"<report>", 1, 1});
    auto v = symrange::ir::evaluate(e, [&](symrange::ir::ExprRef s) -> std::optional<symrange::ir::Value> {
      if (!c["witness"].contains(s->name())) return std::nullopt;
      return symrange::ir::Value::ofInt(c["witness"][s->name()].get<std::int64_t>());
    });
    CAPTURE(expr);
    INFO("witness: " << c["witness"].dump());
    REQUIRE(v.value.has_value());
    CHECK(v.value->i == 0);
  }
}

}  // namespace

TEST_CASE("golden files: input -> expected program and report") {
  const fs::path root = fs::path(SYMRANGE_SOURCE_DIR) / "tests/golden";
  const bool update = std::getenv("SYMRANGE_UPDATE_GOLDENS") != nullptr &&
                      std::string(std::getenv("SYMRANGE_UPDATE_GOLDENS")) == "1";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory() && fs::exists(entry.path() / "input.txt")) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 12);
  const fs::path report = fs::temp_directory_path() / ("symrange_golden_" + std::to_string(::getpid()) + ".json");
  for (const auto& dir : cases) {
    CAPTURE(dir.filename().string());
    CHECK_MESSAGE(fs::exists(dir / "NOTES.md"), "every golden explains its verdicts");
    // `args` (optional): extra CLI arguments of the case, whitespace-separated.
    std::vector<std::string> argv{"analyze", (dir / "input.txt").string(), "--report", report.string()};
    if (fs::exists(dir / "args")) {
      std::istringstream words(slurp(dir / "args"));
      for (std::string w; words >> w;) argv.push_back(w);
    }
    auto r = runCli(argv);
    INFO("stderr: " << r.err);
    REQUIRE((r.exitCode == 0 || r.exitCode == 1));
    const ordered_json full = ordered_json::parse(slurp(report));
    checkWitnesses(full);
    const ordered_json got = project(full, r.exitCode);
    if (update) {
      std::ofstream(dir / "expected.txt") << r.out;
      std::ofstream(dir / "expected.report.json") << got.dump(2) << "\n";
      MESSAGE("updated " << dir.string());
      continue;
    }
    REQUIRE(fs::exists(dir / "expected.txt"));
    CHECK(r.out == slurp(dir / "expected.txt"));
    const ordered_json want = ordered_json::parse(slurp(dir / "expected.report.json"));
    INFO("got: " << got.dump(2));
    CHECK(got == want);
  }
  fs::remove(report);
}
