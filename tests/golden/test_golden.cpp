// tests/golden/test_golden.cpp — golden files through the real CLI, one case per run, in the style
// of LLVM's lit tests. Each tests/golden/<case>/ holds `input.txt`, the expected optimized program
// `expected.txt`, the expected report fields `expected.report.json` (verdicts, removals, ranges,
// summary: the stable part of the report) and `NOTES.md`, which says why each verdict is right and
// opens with the case's `ARGS:` line: the flags given to `symrange analyze input.txt --report R`
// (`%S` is the case's directory). tests/CMakeLists.txt registers one ctest per case directory.
//
//   build/tests/test_golden sample_E03 big_literals   # the named cases
//   build/tests/test_golden                            # every case
//   SYMRANGE_UPDATE_GOLDENS=1 build/tests/test_golden  # regenerate (then review the diff like code)
//
// Arguments that do not start with `-` name cases; the others go to doctest.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli/GoldenSupport.h"

using nlohmann::ordered_json;
using symrange::testing::checkWitnesses;
using symrange::testing::compareOrUpdate;
using symrange::testing::projectReport;
using symrange::testing::runCli;
using symrange::testing::slurp;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(SYMRANGE_SOURCE_DIR) / "tests/golden";
std::vector<std::string> gNamedCases;  // from the command line; empty: every case

std::vector<fs::path> allCases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kRoot))
    if (entry.is_directory() && fs::exists(entry.path() / "input.txt")) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  return cases;
}

/// The words of the `ARGS:` line of the case's NOTES.md, `%S` replaced by the case directory.
/// std::nullopt when there is no such line (every case states its flags, even none).
std::optional<std::vector<std::string>> caseArgs(const fs::path& dir) {
  std::istringstream notes(slurp(dir / "NOTES.md"));
  for (std::string line; std::getline(notes, line);) {
    if (line.rfind("ARGS:", 0) != 0) continue;
    std::vector<std::string> words;
    std::istringstream in(line.substr(5));
    for (std::string w; in >> w;) {
      for (std::size_t at; (at = w.find("%S")) != std::string::npos;) w.replace(at, 2, dir.string());
      words.push_back(w);
    }
    return words;
  }
  return std::nullopt;
}

void runCase(const fs::path& dir) {
  INFO("case: " << dir.filename().string());
  REQUIRE_MESSAGE(fs::exists(dir / "input.txt"), dir.string() << " has no input.txt");
  REQUIRE_MESSAGE(fs::exists(dir / "NOTES.md"), "every golden explains its verdicts in NOTES.md");
  const auto extra = caseArgs(dir);
  REQUIRE_MESSAGE(extra.has_value(), "NOTES.md opens with the case's `ARGS:` line (it may be empty)");
  const fs::path report =
      fs::temp_directory_path() / ("symrange_golden_" + std::to_string(::getpid()) + ".json");
  fs::remove(report);
  std::vector<std::string> argv{"analyze", (dir / "input.txt").string(), "--report", report.string()};
  argv.insert(argv.end(), extra->begin(), extra->end());
  const auto r = runCli(argv);
  INFO("stderr: " << r.err);
  REQUIRE((r.exitCode == 0 || r.exitCode == 1));
  const ordered_json full = ordered_json::parse(slurp(report));
  fs::remove(report);
  checkWitnesses(full);
  compareOrUpdate(dir / "expected.txt", r.out);
  compareOrUpdate(dir / "expected.report.json", projectReport(full, r.exitCode).dump(2) + "\n");
  if (symrange::testing::updateGoldens()) MESSAGE("updated " << dir.string());
}

}  // namespace

TEST_CASE("golden case: input -> expected program and report") {
  std::vector<fs::path> cases;
  for (const auto& name : gNamedCases) cases.push_back(kRoot / name);
  if (cases.empty()) {
    cases = allCases();
    REQUIRE(cases.size() >= 12);
  }
  for (const auto& dir : cases) {
    const std::string name = dir.filename().string();
    SUBCASE(name.c_str()) { runCase(dir); }
  }
}

int main(int argc, char** argv) {
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-')
      rest.push_back(argv[i]);
    else
      gNamedCases.emplace_back(argv[i]);
  }
  doctest::Context context;
  context.applyCommandLine(static_cast<int>(rest.size()), rest.data());
  return context.run();
}
