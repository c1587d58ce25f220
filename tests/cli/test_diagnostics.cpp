// tests/cli/test_diagnostics.cpp — what `analyze`, `verify` and `explain` tell a user about a
// check that always fails (the error with the source line, a caret and notes naming the facts
// and the witness), an unsupported op (warned once) and one node (`explain`); the SARIF log's
// shape (tests/python/test_sarif.py validates it against the schema too).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/cli/CliRun.h"

using symrange::testing::runCli;
using symrange::testing::contains;
using symrange::testing::slurp;
namespace fs = std::filesystem;

namespace {

// u0 >= 5 is checked first; `u0 < 3` then always fails, because of that check
const char* kProgram = R"P(ExportedProgram:
    class GraphModule(torch.nn.Module):
        def forward(self, x: "i64[]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x)
            ge: "Sym(u0 >= 5)" = item >= 5
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u0 >= 5 on node 'ge'");  ge = None
            lt: "Sym(u0 < 3)" = item < 3
            _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(lt, "Runtime assertion failed for expression u0 < 3 on node 'lt'");  lt = None
            frob = torch.ops.mylib.frob.default(x)
            frob_1 = torch.ops.mylib.frob.default(x);  x = None
            mul = item * 2;  item = None
            return (mul,)

Graph signature:
    x: USER_INPUT
    mul: USER_OUTPUT
Range constraints: {u0: VR[-int_oo, int_oo]}
)P";

struct Program {
  fs::path dir, file;
  Program() {
    dir = fs::temp_directory_path() / ("symrange_diag_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    file = dir / "fails.txt";
    std::ofstream(file) << kProgram;
  }
  ~Program() { fs::remove_all(dir); }
};


}  // namespace

TEST_CASE("analyze: a check that always fails is an error with the line, a caret and notes") {
  Program p;
  const std::string f = p.file.string();
  auto r = runCli({"analyze", f});
  INFO("stderr: " << r.err);
  CHECK(r.exitCode == 1);
  const std::string expected =
      f + ":8:13: error: check '_assert_scalar_default_1' always fails: u0 < 3 is false whenever it runs\n"
      "            _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(lt, \"Runtime assertion failed for expression u0 < 3 on node 'lt'\");  lt = None\n"
      "            ^\n" +
      f + ":6:13: note: fact: check '_assert_scalar_default' passed: u0 >= 5\n" +
      f + ": note: witness: u0 = 5\n";
  CHECK(contains(r.err, expected));
  // the unsupported op: one warning for two uses, naming the op
  CHECK(contains(r.err, f + ":9:13: warning: unsupported op 'torch.ops.mylib.frob.default'"));
  const auto first = r.err.find("warning: unsupported op");
  CHECK(r.err.find("warning: unsupported op", first + 1) == std::string::npos);
  // the error comes before the summary line
  CHECK(r.err.find("error:") < r.err.find("symrange analyze:"));
}

TEST_CASE("verify: the errors of a failing file are printed with their notes") {
  Program p;
  auto r = runCli({"verify", p.dir.string()});
  CHECK(r.exitCode == 1);
  CHECK(contains(r.err, p.file.string() + ":8:13: error: check '_assert_scalar_default_1' always fails"));
  CHECK(contains(r.err, ": note: witness: u0 = 5"));
}

TEST_CASE("explain: the verdict, the facts with their lines, the witness; an unknown node is exit 2") {
  Program p;
  const std::string f = p.file.string();
  auto r = runCli({"explain", f, "_assert_scalar_default_1"});
  INFO("stderr: " << r.err);
  CHECK(r.exitCode == 0);
  CHECK(contains(r.out, "_assert_scalar_default_1: check in forward at " + f + ":8:13\n"));
  CHECK(contains(r.out, "  condition: u0 < 3\n"));
  CHECK(contains(r.out, "  verdict:   fails"));
  CHECK(contains(r.out, "  facts:\n    " + f + ":6:13: check '_assert_scalar_default' passed: u0 >= 5\n"));
  CHECK(contains(r.out, "      |             _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge,"));
  CHECK(contains(r.out, "  witness:   u0 = 5\n"));
  auto first = runCli({"explain", f, "_assert_scalar_default"});
  CHECK(first.exitCode == 0);
  CHECK(contains(first.out, "  verdict:   required"));
  auto unknown = runCli({"explain", f, "no_such_node"});
  CHECK(unknown.exitCode == 2);
  CHECK(contains(unknown.err, "no check, range constraint or cond named 'no_such_node'"));
  CHECK(unknown.out.empty());
}

TEST_CASE("--sarif: a SARIF 2.1.0 log of the findings (analyze and verify)") {
  Program p;
  const fs::path log = p.dir / "log.sarif";
  auto r = runCli({"analyze", p.file.string(), "--sarif", log.string()});
  CHECK(r.exitCode == 1);
  const auto j = nlohmann::json::parse(slurp(log));
  CHECK(j["version"] == "2.1.0");
  const auto& run = j["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "symrange");
  CHECK(run["tool"]["driver"]["version"].is_string());
  CHECK(run["tool"]["driver"]["rules"].size() >= 2);
  REQUIRE(run["results"].size() == 2);
  const auto& fails = run["results"][0];
  CHECK(fails["ruleId"] == "check-fails");
  CHECK(fails["level"] == "error");
  CHECK(contains(fails["message"]["text"].get<std::string>(), "_assert_scalar_default_1"));
  const auto& loc = fails["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "file://" + p.file.string());
  CHECK(loc["region"]["startLine"] == 8);
  CHECK(loc["region"]["startColumn"] == 13);
  CHECK(fails["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 6);
  CHECK(run["results"][1]["ruleId"] == "unsupported-op");
  CHECK(run["results"][1]["level"] == "warning");

  const fs::path vlog = p.dir / "verify.sarif";
  auto v = runCli({"verify", p.dir.string(), "--ext", ".txt", "--sarif", vlog.string()});
  CHECK(v.exitCode == 1);
  const auto vj = nlohmann::json::parse(slurp(vlog));
  CHECK(vj["runs"][0]["results"].size() == 2);
}
