// tests/cli/test_verify.cpp — `symrange verify` and `symrange merge` through the real CLI:
// totals equal the sum of per-file `analyze` reports, results independent of --jobs and of
// sharding, bad files reported while the run goes on, exit codes, JUnit output.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "testing/ProgramGenerator.h"
#include "tests/cli/CliRun.h"

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using symrange::testing::TempDir;
using symrange::testing::runCli;
using symrange::testing::slurp;

namespace {

/// A temporary directory removed at the end of the test.

int corpusSize() {
  const char* env = std::getenv("SYMRANGE_VERIFY_COUNT");
  return env ? std::atoi(env) : 150;
}

/// Writes `count` random programs (seeds 1..count) into `dir`.
void writePrograms(const fs::path& dir, int count) {
  for (int k = 1; k <= count; ++k) {
    symrange::testing::GenOptions o;
    o.seed = static_cast<std::uint64_t>(k);
    o.statements = 12 + k % 20;
    o.symbols = 2 + k % 3;
    std::ofstream(dir / ("gen_" + std::to_string(k) + ".txt")) << symrange::testing::generateProgram(o);
  }
}

ordered_json stripTimes(ordered_json r) {
  for (auto& f : r["files"])
    if (f.contains("stats")) {
      f["stats"].erase("time_ms");
      f["stats"].erase("check_time_us");
    }
  r["summary"].erase("time_ms");
  r["summary"].erase("shard");
  return r;
}

ordered_json readJson(const fs::path& p) { return ordered_json::parse(slurp(p)); }

}  // namespace

TEST_CASE("verify: totals are the sum of per-file analyze reports and do not depend on jobs or shards") {
  TempDir tmp("corpus");
  const fs::path progs = tmp.path / "progs";
  fs::create_directories(progs);
  const int count = corpusSize();
  writePrograms(progs, count);

  auto one = runCli({"verify", progs.string(), "--jobs", "1", "--report", (tmp.path / "j1.json").string()});
  INFO(one.err);
  REQUIRE((one.exitCode == 0 || one.exitCode == 1));
  auto two = runCli({"verify", progs.string(), "--jobs", "2", "--report", (tmp.path / "j2.json").string()});
  REQUIRE(two.exitCode == one.exitCode);
  const ordered_json r1 = stripTimes(readJson(tmp.path / "j1.json"));
  const ordered_json r2 = stripTimes(readJson(tmp.path / "j2.json"));
  CHECK(r1.dump() == r2.dump());
  CHECK(r1["summary"]["files"].get<int>() == count);
  CHECK(r1["summary"]["malformed"].get<int>() == 0);

  // Three shards, merged, equal the single run.
  std::vector<std::string> shardReports;
  std::size_t shardFiles = 0;
  for (int k = 0; k < 3; ++k) {
    const std::string path = (tmp.path / ("shard" + std::to_string(k) + ".json")).string();
    auto s = runCli({"verify", progs.string(), "--jobs", "2", "--shard", std::to_string(k) + "/3", "--report", path});
    REQUIRE((s.exitCode == 0 || s.exitCode == 1));
    shardFiles += readJson(path)["files"].size();
    shardReports.push_back(path);
  }
  CHECK(shardFiles == static_cast<std::size_t>(count));
  std::vector<std::string> mergeArgs = {"merge"};
  mergeArgs.insert(mergeArgs.end(), shardReports.begin(), shardReports.end());
  mergeArgs.push_back("--report");
  mergeArgs.push_back((tmp.path / "merged.json").string());
  auto merged = runCli(mergeArgs);
  CHECK(merged.exitCode == one.exitCode);
  CHECK(stripTimes(readJson(tmp.path / "merged.json")).dump() == r1.dump());

  // Sum of per-file analyze reports (a sample of files, checked entry by entry).
  std::map<std::string, ordered_json> byFile;
  for (const auto& f : r1["files"]) byFile[f["file"].get<std::string>()] = f;
  std::uint64_t checks = 0;
  for (const auto& f : r1["files"]) checks += f["summary"]["checks"].get<std::uint64_t>();
  CHECK(checks == r1["summary"]["checks"].get<std::uint64_t>());
  for (int k = 1; k <= count; k += std::max(1, count / 15)) {
    const std::string file = (progs / ("gen_" + std::to_string(k) + ".txt")).string();
    auto a = runCli({"analyze", file, "--report", "-"});
    CAPTURE(file);
    REQUIRE((a.exitCode == 0 || a.exitCode == 1));
    ordered_json single = ordered_json::parse(a.out);
    single["stats"].erase("time_ms");
    single["stats"].erase("check_time_us");
    REQUIRE(byFile.count(file) == 1);
    CHECK(single.dump() == byFile[file].dump());
  }
}

TEST_CASE("verify: a bad file is reported and the run goes on - exit codes and JUnit") {
  TempDir tmp("bad");
  const fs::path dir = tmp.path / "in";
  fs::create_directories(dir / "sub");
  fs::copy_file(fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/samples/seed_1.txt", dir / "a_good.txt");
  std::ofstream(dir / "b_empty.txt").close();
  std::ofstream(dir / "sub/c_binary.txt", std::ios::binary) << std::string("\x00\x01\xff\xfe garbage", 13);
  std::ofstream(dir / "sub/d_truncated.txt") << "ExportedProgram:\n    class GraphModule(torch.nn.Module):\n        def forward(self, x: \"f32[";
  std::ofstream(dir / "ignored.json") << "{}";

  auto r = runCli({"verify", dir.string(), "--jobs", "2", "--report", (tmp.path / "r.json").string(),
                   "--junit", (tmp.path / "j.xml").string()});
  INFO(r.err);
  CHECK(r.exitCode == 1);
  const ordered_json rep = readJson(tmp.path / "r.json");
  REQUIRE(rep["files"].size() == 4);  // .json is not taken from a directory
  CHECK(rep["summary"]["malformed"].get<int>() == 3);
  CHECK(rep["files"][0]["file"].get<std::string>().find("a_good.txt") != std::string::npos);
  CHECK_FALSE(rep["files"][0].contains("error"));
  for (int i = 1; i < 4; ++i) {
    const std::string err = rep["files"][i]["error"].get<std::string>();
    CAPTURE(err);
    CHECK(err.find(": error: ") != std::string::npos);
    CHECK(err.rfind(rep["files"][i]["file"].get<std::string>() + ":", 0) == 0);
  }
  const std::string xml = slurp(tmp.path / "j.xml");
  CHECK(xml.find("tests=\"4\" failures=\"3\"") != std::string::npos);
  CHECK(xml.find("type=\"malformed\"") != std::string::npos);

  SUBCASE("a clean file exits 0") {
    auto ok = runCli({"verify", (dir / "a_good.txt").string()});
    CHECK(ok.exitCode == 0);
  }
  SUBCASE("usage errors exit 2") {
    CHECK(runCli({"verify", (tmp.path / "does_not_exist").string()}).exitCode == 2);
    CHECK(runCli({"verify", dir.string(), "--shard", "3/3"}).exitCode == 2);
    CHECK(runCli({"verify", dir.string(), "--shard", "x"}).exitCode == 2);
    CHECK(runCli({"verify"}).exitCode == 2);
    CHECK(runCli({"merge", (dir / "b_empty.txt").string()}).exitCode == 2);
  }
  SUBCASE("a check that always fails makes the file fail in JUnit") {
    std::ofstream(tmp.path / "fails.txt")
        << "class GraphModule(torch.nn.Module):\n"
           "    def forward(self, x: \"i64[]\"):\n"
           "        item: \"Sym(u0)\" = torch.ops.aten.item.default(x)\n"
           "        mul: \"Sym(2*u0)\" = item * 2\n"
           "        mod: \"Sym(PythonMod(2*u0, 2))\" = mul % 2\n"
           "        eq: \"Sym(Eq(PythonMod(2*u0, 2), 1))\" = mod == 1\n"
           "        _assert_scalar_default = torch.ops.aten._assert_scalar.default(eq, \"always false\")\n"
           "        return (x,)\n";
    auto f = runCli({"verify", (tmp.path / "fails.txt").string(), "--junit", (tmp.path / "f.xml").string()});
    INFO(f.err);
    CHECK(f.exitCode == 1);
    CHECK(slurp(tmp.path / "f.xml").find("type=\"fails\"") != std::string::npos);
  }
}

TEST_CASE("verify: sharding depends only on the path and honours TEST_SHARD_INDEX") {
  TempDir tmp("env");
  writePrograms(tmp.path, 12);
  ::setenv("TEST_TOTAL_SHARDS", "2", 1);
  ::setenv("TEST_SHARD_INDEX", "1", 1);
  auto a = runCli({"verify", tmp.path.string(), "--report", (tmp.path / "a.json.out").string()});
  ::unsetenv("TEST_TOTAL_SHARDS");
  ::unsetenv("TEST_SHARD_INDEX");
  auto b = runCli({"verify", tmp.path.string(), "--shard", "1/2", "--report", (tmp.path / "b.json.out").string()});
  CHECK(a.exitCode == b.exitCode);
  CHECK(stripTimes(readJson(tmp.path / "a.json.out")).dump() == stripTimes(readJson(tmp.path / "b.json.out")).dump());
}
