// tests/cli/test_verify.cpp — `symrange verify` and `symrange merge` through the real CLI:
// totals equal the sum of per-file `analyze` reports, results independent of --jobs and of
// sharding (by flag, TEST_SHARD_INDEX, a Kubernetes Indexed Job, a Slurm array), bad files
// reported while the run goes on, exit codes, JUnit output.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

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

namespace {

/// Sets (or, with nullptr, unsets) environment variables for a scope, restoring them after.
class ScopedEnv {
 public:
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (const auto& [name, value] : vars) {
      const char* old = std::getenv(name);
      saved_.push_back({name, old ? std::optional<std::string>(old) : std::nullopt});
      if (value) ::setenv(name, value, 1);
      else ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, old] : saved_) {
      if (old) ::setenv(name.c_str(), old->c_str(), 1);
      else ::unsetenv(name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

/// The file names of a verify report.
std::set<std::string> reportFiles(const fs::path& report) {
  std::set<std::string> files;
  const ordered_json r = readJson(report);  // not a range over a temporary's member
  for (const auto& f : r["files"]) files.insert(f["file"].get<std::string>());
  return files;
}

}  // namespace

TEST_CASE("verify: the shard of a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, --shard-total) and a Slurm array task") {
  TempDir tmp("schedulers");
  const fs::path dir = tmp.path / "progs";
  fs::create_directories(dir);
  writePrograms(dir, 12);
  ScopedEnv clean({{"TEST_TOTAL_SHARDS", nullptr}, {"TEST_SHARD_INDEX", nullptr},
                   {"JOB_COMPLETION_INDEX", nullptr}, {"SLURM_ARRAY_TASK_ID", nullptr},
                   {"SLURM_ARRAY_TASK_COUNT", nullptr}, {"SLURM_ARRAY_TASK_MIN", nullptr}});
  auto verify = [&](const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"verify", dir.string(), "--report", (tmp.path / name).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return runCli(args);
  };
  std::set<std::string> all, seen;
  std::size_t counted = 0;
  for (int k = 0; k < 3; ++k) {
    const std::string ks = std::to_string(k);
    auto byFlag = verify("flag" + ks + ".json", {"--shard", ks + "/3"});
    {
      ScopedEnv job({{"JOB_COMPLETION_INDEX", ks.c_str()}});
      auto j = verify("job" + ks + ".json", {"--shard-total", "3"});
      INFO(j.err);
      CHECK(j.exitCode == byFlag.exitCode);
    }
    {
      ScopedEnv slurm({{"SLURM_ARRAY_TASK_ID", ks.c_str()}, {"SLURM_ARRAY_TASK_COUNT", "3"}});
      CHECK(verify("slurm" + ks + ".json").exitCode == byFlag.exitCode);
    }
    {  // --array=1-3: task 1 is shard 0
      const std::string id = std::to_string(k + 1);
      ScopedEnv slurm({{"SLURM_ARRAY_TASK_ID", id.c_str()}, {"SLURM_ARRAY_TASK_COUNT", "3"},
                       {"SLURM_ARRAY_TASK_MIN", "1"}});
      CHECK(verify("slurm1_" + ks + ".json").exitCode == byFlag.exitCode);
    }
    const auto expected = stripTimes(readJson(tmp.path / ("flag" + ks + ".json"))).dump();
    for (const char* kind : {"job", "slurm", "slurm1_"}) {
      INFO(kind << ks);
      CHECK(stripTimes(readJson(tmp.path / (kind + ks + ".json"))).dump() == expected);
    }
    const auto files = reportFiles(tmp.path / ("job" + ks + ".json"));
    counted += files.size();
    seen.insert(files.begin(), files.end());
  }
  CHECK(counted == 12);  // each file in exactly one shard
  CHECK(seen.size() == 12);

  SUBCASE("--shard wins over the schedulers' variables") {
    ScopedEnv job({{"JOB_COMPLETION_INDEX", "2"}, {"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "3"}});
    CHECK(verify("over.json", {"--shard", "0/3"}).exitCode == verify("flag0b.json", {"--shard", "0/3"}).exitCode);
    CHECK(stripTimes(readJson(tmp.path / "over.json")).dump() ==
          stripTimes(readJson(tmp.path / "flag0.json")).dump());
  }
  SUBCASE("usage errors exit 2 with a message") {
    {
      ScopedEnv job({{"JOB_COMPLETION_INDEX", "1"}});
      auto r = verify("e1.json");  // an Indexed Job without the number of completions
      CHECK(r.exitCode == 2);
      CHECK(r.err.find("--shard-total") != std::string::npos);
      CHECK(verify("e2.json", {"--shard-total", "1"}).exitCode == 2);  // index 1 of 1
    }
    CHECK(verify("e3.json", {"--shard-total", "3"}).exitCode == 2);  // no JOB_COMPLETION_INDEX
    CHECK(verify("e4.json", {"--shard-total", "0"}).exitCode == 2);
    {
      ScopedEnv slurm({{"SLURM_ARRAY_TASK_ID", "3"}});
      CHECK(verify("e5.json").exitCode == 2);  // no SLURM_ARRAY_TASK_COUNT
    }
    {
      ScopedEnv slurm({{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "3"}});
      CHECK(verify("e6.json").exitCode == 2);  // ids 0..2
    }
    {
      ScopedEnv slurm({{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "3"}});
      CHECK(verify("e7.json").exitCode == 2);
    }
  }
}

TEST_CASE("verify --engine: a usage error names the engines; views are local only") {
  TempDir tmp("engine");
  writePrograms(tmp.path, 1);
  auto bad = runCli({"verify", "--engine", "spark", "tcp://127.0.0.1:1", tmp.path.string()});
  CHECK(bad.exitCode == 2);
  CHECK(bad.err.find("expected dask or ray") != std::string::npos);
  auto views = runCli({"verify", "--engine", "dask", "tcp://127.0.0.1:1", tmp.path.string(), "--html",
                       (tmp.path / "h").string()});
  CHECK(views.exitCode == 2);
  CHECK(views.err.find("not supported with --engine") != std::string::npos);
}
