// tests/cli/test_golden_real.cpp — goldens of the corpus that torch 2.13 exported (tests/real/,
// written by tests/real/generate.py). For every case and every printed form F (ep.txt,
// readable.txt, code.py, graph.txt), `symrange analyze F` must print `expected/F` exactly and
// give the stable report fields of `expected/<stem>.report.json` (same fields as tests/golden/,
// witnesses checked against their expressions). `ep.txt` is also analysed with `--inputs
// checked` (`expected/ep.checked.txt`, `expected/ep.checked.report.json`). A form the readers
// cannot read yet has `expected/<stem>.error` instead: the CLI's diagnostic, exit status 2.
//
// Regenerate with SYMRANGE_UPDATE_GOLDENS=1 (then review the diff like code):
//   SYMRANGE_UPDATE_GOLDENS=1 build/tests/test_cli -tc='real*'
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli/GoldenSupport.h"

using nlohmann::ordered_json;
using symrange::testing::compareOrUpdate;
using symrange::testing::runCli;
using symrange::testing::slurp;
using symrange::testing::updateGoldens;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> realCases() {
  const fs::path root = fs::path(SYMRANGE_SOURCE_DIR) / "tests/real";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory() && fs::exists(entry.path() / "code.py")) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  return cases;
}

/// One form of one case under one input model: expected program + report, or expected error.
void checkForm(const fs::path& dir, const std::string& form, const std::string& inputs) {
  const std::string stem = form.substr(0, form.find('.')) + (inputs == "checked" ? ".checked" : "");
  const std::string ext = form.substr(form.find('.'));
  const fs::path exp = dir / "expected";
  const fs::path report = fs::temp_directory_path() / ("symrange_real_" + std::to_string(::getpid()) + ".json");
  fs::remove(report);
  std::vector<std::string> args = {"analyze", (dir / form).string(), "--report", report.string()};
  if (inputs == "checked") {
    args.push_back("--inputs");
    args.push_back("checked");
  }
  auto r = runCli(args);
  INFO("stderr: " << r.err);
  const fs::path errorFile = exp / (stem + ".error");
  if (r.exitCode == 2 || fs::exists(errorFile)) {
    // A form the readers do not read yet: its diagnostic is the golden, until they do.
    if (updateGoldens()) {
      fs::remove(exp / (stem + ext));
      fs::remove(exp / (stem + ".report.json"));
    }
    CHECK_MESSAGE(r.exitCode == 2, "the form reads now: remove " << errorFile.string()
                                                                 << " and regenerate");
    compareOrUpdate(errorFile, r.err);
    fs::remove(report);
    return;
  }
  REQUIRE((r.exitCode == 0 || r.exitCode == 1));
  const ordered_json full = ordered_json::parse(slurp(report));
  fs::remove(report);
  symrange::testing::checkWitnesses(full);
  compareOrUpdate(exp / (stem + ext), r.out);
  compareOrUpdate(exp / (stem + ".report.json"), symrange::testing::projectReport(full, r.exitCode).dump(2) + "\n");
}

void checkAll(const std::string& form, const std::string& inputs) {
  if (inputs != "unchecked" && runCli({"analyze", "--help"}).out.find("--inputs") == std::string::npos) {
    MESSAGE("symrange analyze has no --inputs option yet: the " << inputs << " goldens are skipped");
    return;
  }
  const auto cases = realCases();
  REQUIRE(cases.size() >= 80);
  for (const auto& dir : cases) {
    if (!fs::exists(dir / form)) continue;  // make_fx cases have no ep.txt
    const std::string name = dir.filename().string() + "/" + form;
    SUBCASE(name.c_str()) { checkForm(dir, form, inputs); }
  }
}

}  // namespace

TEST_CASE("real corpus: print(ep) -> expected program and report") { checkAll("ep.txt", "unchecked"); }
TEST_CASE("real corpus: print(ep) under --inputs checked") { checkAll("ep.txt", "checked"); }
TEST_CASE("real corpus: print_readable -> expected program and report") { checkAll("readable.txt", "unchecked"); }
TEST_CASE("real corpus: graph_module.code -> expected program and report") { checkAll("code.py", "unchecked"); }
TEST_CASE("real corpus: str(graph) -> expected program and report") { checkAll("graph.txt", "unchecked"); }
