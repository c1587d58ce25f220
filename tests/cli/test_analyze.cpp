// tests/cli/test_analyze.cpp — `symrange analyze` through the real binary: every sample and
// seed runs, the report's fields, stdin, exit codes 0 / 1 / 2 and their messages.
#include <doctest/doctest.h>

#include <filesystem>
#include <cctype>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/cli/CliRun.h"

using symrange::testing::runCli;
using symrange::testing::kSamples;
namespace fs = std::filesystem;

namespace {


fs::path writeTemp(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / ("symrange_test_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_CASE("analyze runs on every sample and both seeds") {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kSamples)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string file = entry.path().string();
    auto r = runCli({"analyze", file});
    CAPTURE(file);
    INFO("stderr: " << r.err);
    CHECK(r.exitCode == 0);
    CHECK_FALSE(r.out.empty());
    CHECK(r.err.find("symrange analyze: ") != std::string::npos);
    auto j = runCli({"analyze", file, "--report", "-"});
    CHECK(j.exitCode == 0);
    nlohmann::json report = nlohmann::json::parse(j.out, nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    for (const char* key : {"file", "checks", "branches", "ranges", "summary", "stats"})
      CHECK_MESSAGE(report.contains(key), key);
    ++files;
  }
  CHECK(files == 32);  // E01..E17 (E15 is two programs), the two seeds, D01-D05, T01-T07
}

TEST_CASE("the report has BRIEF section 5's fields") {
  auto r = runCli({"analyze", (kSamples / "seed_1.txt").string(), "--report", "-"});
  REQUIRE(r.exitCode == 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j["checks"].size() == 5);
  for (const auto& c : j["checks"]) {
    for (const char* key : {"node", "graph", "kind", "expr", "verdict"}) CHECK(c.contains(key));
    CHECK(c["graph"] == "forward");
  }
  CHECK(j["checks"][0]["node"] == "_assert_async");
  CHECK(j["checks"][0]["kind"] == "check");
  CHECK(j["checks"][0]["expr"] == "i4 >= 0");
  CHECK(j["checks"][0]["verdict"] == "required");
  CHECK(j["checks"][0]["witness"].contains("i4"));
  CHECK(j["checks"][2]["kind"] == "constraint");
  CHECK(j["checks"][3]["verdict"] == "redundant");
  CHECK_FALSE(j["checks"][3]["because"].empty());
  CHECK(j["ranges"]["i4"] == nlohmann::json::array({0, 5}));
  for (const char* key : {"checks", "redundant", "required", "fails", "unreachable", "unknown",
                          "branches", "pruned", "nodes_in", "nodes_out"})
    CHECK_MESSAGE(j["summary"].contains(key), key);
  for (const char* key : {"queries", "decided_without_smt", "smt_queries", "cache_hits", "time_ms"})
    CHECK_MESSAGE(j["stats"].contains(key), key);
  // per-check decision times: median <= p99 <= max
  const auto& t = j["stats"]["check_time_us"];
  CHECK(t["median"].get<double>() >= 0.0);
  CHECK(t["median"].get<double>() <= t["p99"].get<double>());
  CHECK(t["p99"].get<double>() <= t["max"].get<double>());
  CHECK(j["summary"]["redundant"] == 3);
  CHECK(j["summary"]["required"] == 2);
}

TEST_CASE("--report PATH writes the report and still prints the program - '-' reads stdin") {
  const fs::path report = fs::temp_directory_path() / ("symrange_report_" + std::to_string(::getpid()) + ".json");
  const std::string seed = (kSamples / "seed_1.txt").string();
  auto r = runCli({"analyze", seed, "--report", report.string(), "--budget", "500000"});
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("ExportedProgram:") != std::string::npos);
  CHECK(nlohmann::json::parse(symrange::testing::slurp(report))["file"] == seed);
  fs::remove(report);
  auto s = runCli({"analyze", "-"}, seed);
  CHECK(s.exitCode == 0);
  CHECK(s.out == r.out);
}

TEST_CASE("malformed or unreadable input exits 2 with FILE:LINE:COL: error:") {
  const fs::path bad = writeTemp("bad.txt", "ExportedProgram:\n    class GraphModule(torch.nn.Module):\n        def forward(self, x: \"f32[\n");
  auto r = runCli({"analyze", bad.string()});
  CHECK(r.exitCode == 2);
  // bad.txt:LINE:COL: error: ...
  const auto at = r.err.find(bad.string() + ":");
  REQUIRE(at != std::string::npos);
  std::size_t i = at + bad.string().size() + 1;
  auto digits = [&] {
    const std::size_t b = i;
    while (i < r.err.size() && std::isdigit(static_cast<unsigned char>(r.err[i]))) ++i;
    return i > b;
  };
  CHECK(digits());
  CHECK(r.err.compare(i, 1, ":") == 0);
  ++i;
  CHECK(digits());
  CHECK(r.err.compare(i, 9, ": error: ") == 0);
  CHECK(r.out.empty());
  fs::remove(bad);
  auto missing = runCli({"analyze", "/nonexistent/program.txt"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.find("/nonexistent/program.txt") != std::string::npos);
}

TEST_CASE("a check that always fails exits 1") {
  const fs::path p = writeTemp("fails.txt", R"P(ExportedProgram:
    class GraphModule(torch.nn.Module):
        def forward(self, x: "i64[]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x);  x = None
            full: "f32[u0]" = torch.ops.aten.full.default([item], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False)
            lt: "Sym(u0 < 0)" = item < 0;  item = None
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(lt, "Runtime assertion failed for expression u0 < 0 on node 'lt'");  lt = None
            return (full,)

Graph signature:
    x: USER_INPUT
    full: USER_OUTPUT
Range constraints: {u0: VR[0, int_oo]}
)P");
  auto r = runCli({"analyze", p.string(), "--report", "-"});
  CHECK(r.exitCode == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["checks"][0]["verdict"] == "fails");
  CHECK(j["summary"]["fails"] == 1);
  fs::remove(p);
}

TEST_CASE("analyze: the report names invented symbols as PyTorch does, else by their source") {
  auto report = [](const std::string& sample) {
    auto r = runCli({"analyze", (kSamples / (sample + ".txt")).string(), "--report", "-"});
    REQUIRE(r.exitCode == 0);
    return nlohmann::json::parse(r.out);
  };
  // E01 (code form): PyTorch calls the size `ge` compares `u0`; the input size it never names
  // is shown as `l_x_.shape[0]`, not as an invented `u0` that would read as PyTorch's
  nlohmann::json e01 = report("E01");
  REQUIRE(e01["checks"].size() == 2);
  CHECK(e01["checks"][1]["expr"] == "u0 >= 2");
  CHECK(e01["checks"][1]["witness"].contains("u0"));
  CHECK(e01["checks"][0]["expr"] == "0 <= u0");
  CHECK(e01["branches"][0]["predicate"] == "l_x_.shape[0] <= 2");
  CHECK(e01["branches"][0]["witness"].contains("l_x_.shape[0]"));
  CHECK(e01["ranges"].contains("l_x_.shape[0]"));
  CHECK(e01["ranges"]["u0"] == nlohmann::json::array({2, nullptr}));
  // E14 (FX dump): the messages name the two sizes `u2` then `u1`, against creation order
  nlohmann::json e14 = report("E14");
  REQUIRE(e14["checks"].size() == 5);
  CHECK(e14["checks"][1]["expr"] == "u2 >= 0");
  CHECK(e14["checks"][3]["expr"] == "u1 >= 0");
  // E05 (torch 2.2 code form): the message names no symbol, so the source is shown
  nlohmann::json e05 = report("E05");
  CHECK(e05["checks"][0]["expr"] == "_local_scalar_dense >= 0");
}

TEST_CASE("analyze: a kept statement spread over several lines prints back as it came") {
  // torch 2.1 docs spelling (D01): the arguments of a call on their own lines
  const std::string program =
      "ExportedProgram:\n"
      "    class GraphModule(torch.nn.Module):\n"
      "        def forward(self, arg0_1: i64[]):\n"
      "            _local_scalar_dense: Sym(i0) = torch.ops.aten._local_scalar_dense.default(arg0_1);  arg0_1 = None\n"
      "            ge: Sym(i0 >= 0) = _local_scalar_dense >= 0\n"
      "            scalar_tensor: f32[] = torch.ops.aten.scalar_tensor.default(ge);  ge = None\n"
      "            _assert_async = torch.ops.aten._assert_async.msg(\n"
      "                scalar_tensor, '_local_scalar_dense is outside of inline constraint [0, 5].'\n"
      "            );  scalar_tensor = None\n";
  const std::string again =
      "            ge_1: Sym(i0 >= 0) = _local_scalar_dense >= 0\n"
      "            scalar_tensor_1: f32[] = torch.ops.aten.scalar_tensor.default(ge_1);  ge_1 = None\n"
      "            _assert_async_1 = torch.ops.aten._assert_async.msg(scalar_tensor_1, 'again');  scalar_tensor_1 = None\n";
  const std::string rest =
      "            full: f32[i0, 5] = torch.ops.aten.full.default(\n"
      "                [_local_scalar_dense, 5], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False\n"
      "            );  _local_scalar_dense = None\n"
      "            return (full,)\n";
  fs::path in = writeTemp("multiline.txt", program + again + rest);
  auto printed = runCli({"print", in.string()});
  CHECK(printed.exitCode == 0);
  CHECK(printed.out == program + again + rest);
  auto r = runCli({"analyze", in.string()});
  CHECK(r.exitCode == 0);
  CHECK(r.out == program + rest);  // the repeated check goes; the rest is untouched
  fs::remove(in);
}
