// tests/cli/test_golden.cpp — golden files through the real CLI. Each tests/golden/<case>/ holds
// `input.txt`, optional extra CLI arguments `args`, the expected optimized program `expected.txt`, the expected report fields
// `expected.report.json` (verdicts, removals, ranges, summary: the stable part of the report)
// and `NOTES.md` saying why each verdict is right.
//
// Regenerate with SYMRANGE_UPDATE_GOLDENS=1 (then review the diff like code):
//   SYMRANGE_UPDATE_GOLDENS=1 build/tests/test_cli -tc='golden*'
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli/GoldenSupport.h"

using nlohmann::ordered_json;
using symrange::testing::checkWitnesses;
using symrange::testing::projectReport;
using symrange::testing::runCli;
using symrange::testing::slurp;
namespace fs = std::filesystem;

TEST_CASE("golden files: input -> expected program and report") {
  const fs::path root = fs::path(SYMRANGE_SOURCE_DIR) / "tests/golden";
  const bool update = symrange::testing::updateGoldens();
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
    const ordered_json got = projectReport(full, r.exitCode);
    if (update) {
      std::ofstream(dir / "expected.txt") << r.out;
      std::ofstream(dir / "expected.report.json") << got.dump(2) << "\n";
      MESSAGE("updated " << dir.string());
      continue;
    }
    symrange::testing::compareOrUpdate(dir / "expected.txt", r.out);
    symrange::testing::compareOrUpdate(dir / "expected.report.json", got.dump(2) + "\n");
  }
  fs::remove(report);
}
