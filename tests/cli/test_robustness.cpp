// tests/cli/test_robustness.cpp — the CLI in CI (issue 16): every write checked (/dev/full, a
// directory without write permission), a run over zero files, bad `merge` input, options
// validated by CLI11, --version / help / an unknown command, `-o`, a BOM and CRLF input, and the
// option parsing of symrange-gen and symrange-workload.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/cli/CliRun.h"

using symrange::testing::TempDir;
using symrange::testing::runCli;
using symrange::testing::kSamples;
using symrange::testing::contains;
using symrange::testing::slurp;
namespace fs = std::filesystem;

namespace {

const std::string kE01 = (kSamples / "E01.txt").string();



}  // namespace

TEST_CASE("every write is checked: /dev/full gives strerror and a non-zero exit") {
  REQUIRE(fs::exists("/dev/full"));
  TempDir d("full");
  struct Case {
    std::vector<std::string> args;
    bool stdoutToFull;
  };
  const std::vector<Case> cases = {
      {{"analyze", kE01, "--report", "/dev/full"}, false},
      {{"analyze", kE01}, true},
      {{"analyze", kE01, "--report", "-"}, true},
      {{"analyze", kE01, "-o", "/dev/full"}, false},
      {{"analyze", kE01, "--sarif", "/dev/full"}, false},
      {{"print", kE01}, true},
      {{"print", kE01, "-o", "/dev/full"}, false},
      {{"verify", kE01, "--junit", "/dev/full"}, false},
      {{"verify", kE01, "--report", "/dev/full"}, false},
      {{"verify", kE01, "--sarif", "/dev/full"}, false},
      {{"explain", kE01, "_assert_scalar_default"}, true},
      {{"--help"}, true},
  };
  for (const auto& c : cases) {
    std::string shown;
    for (const auto& a : c.args) shown += a + " ";
    CAPTURE(shown);
    auto r = runCli(c.args, {}, c.stdoutToFull ? "/dev/full" : "");
    INFO("stderr: " << r.err);
    CHECK(r.exitCode == 2);
    CHECK(contains(r.err, "No space left on device"));
  }
}

TEST_CASE("every write is checked: a directory without write permission") {
  if (::geteuid() == 0) {
    // root writes anyway; a path under a regular file fails for everyone
    TempDir d("unwritable");
    std::ofstream(d.path / "file") << "x";
    const std::string target = (d.path / "file" / "r.json").string();
    auto r = runCli({"analyze", kE01, "--report", target});
    CHECK(r.exitCode == 2);
    CHECK(contains(r.err, target + ": error: cannot write the report: Not a directory"));
    auto v = runCli({"verify", kE01, "--junit", target});
    CHECK(v.exitCode == 2);
    CHECK(contains(v.err, "Not a directory"));
    return;
  }
  TempDir d("unwritable");
  fs::permissions(d.path, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
  const std::string target = (d.path / "r.json").string();
  auto r = runCli({"analyze", kE01, "--report", target});
  CHECK(r.exitCode == 2);
  CHECK(contains(r.err, "Permission denied"));
}

TEST_CASE("verify over zero files is exit 2 with a message (empty directory, --ext typo)") {
  TempDir d("empty");
  auto empty = runCli({"verify", d.path.string()});
  CHECK(empty.exitCode == 2);
  CHECK(contains(empty.err, "no files to analyse"));
  auto typo = runCli({"verify", kSamples.string(), "--ext", ".txtt"});
  CHECK(typo.exitCode == 2);
  CHECK(contains(typo.err, ".txtt"));
  auto fine = runCli({"verify", kSamples.string(), "--ext", ".txt", "--jobs", "2"});
  CHECK(fine.exitCode == 0);
}

TEST_CASE("merge: bad input is a clear error, exit 2") {
  TempDir d("merge");
  std::ofstream(d.path / "notjson.json") << "{ not json";
  std::ofstream(d.path / "wrong.json") << R"({"files": [1, 2]})";
  std::ofstream(d.path / "nofiles.json") << R"({"summary": {}})";
  std::ofstream(d.path / "types.json") << R"({"files": [{"file": "a", "summary": {"checks": "x"}, "checks": []}]})";
  std::ofstream(d.path / "nochecks.json") << R"({"files": [{"file": "a", "summary": {}}]})";
  for (const std::string& input : {d.path.string(), (d.path / "missing.json").string(),
                                   (d.path / "notjson.json").string(), (d.path / "wrong.json").string(),
                                   (d.path / "nofiles.json").string(), (d.path / "types.json").string(),
                                   (d.path / "nochecks.json").string()}) {
    CAPTURE(input);
    auto r = runCli({"merge", input});
    INFO("stderr: " << r.err);
    CHECK(r.exitCode == 2);
    CHECK(contains(r.err, input + ":1:1: error: "));
    CHECK_FALSE(contains(r.err, "internal error"));
  }
  auto dir = runCli({"merge", d.path.string()});
  CHECK(contains(dir.err, "Is a directory"));
  // a real shard report merges
  const std::string report = (d.path / "shard.json").string();
  REQUIRE(runCli({"verify", kE01, "--report", report}).exitCode == 0);
  auto ok = runCli({"merge", report});
  CHECK(ok.exitCode == 0);
  CHECK(nlohmann::json::parse(ok.out)["summary"]["files"] == 1);
}

TEST_CASE("options are validated by CLI11: bad values are usage errors, exit 2") {
  const std::vector<std::vector<std::string>> bad = {
      {"analyze", kE01, "--budget", "-3"},   {"analyze", kE01, "--budget", "0"},
      {"analyze", kE01, "--budget", "abc"},  {"verify", kE01, "--budget", "-3"},
      {"verify", kE01, "--jobs", "-1"},      {"verify", kE01, "-j", "two"},
      {"verify", kE01, "--shard", "3/2"},    {"verify", kE01, "--shard", "x"},
      {"analyze", kE01, "--inputs", "some"}, {"verify", kE01, "--constraint-semantics", "loose"},
      {"explain", kE01},
  };
  for (const auto& args : bad) {
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    CAPTURE(shown);
    auto r = runCli(args);
    CHECK(r.exitCode == 2);
    CHECK_FALSE(r.err.empty());
  }
  CHECK(runCli({"analyze", kE01, "--budget", "200000"}).exitCode == 0);
  CHECK(runCli({"verify", kE01, "--constraint-semantics", "range", "--inputs", "checked"}).exitCode == 0);
}

TEST_CASE("--version, help and an unknown command") {
  auto v = runCli({"--version"});
  CHECK(v.exitCode == 0);
  CHECK(v.out.rfind("symrange ", 0) == 0);
  // the version is the project's (CMakeLists.txt `project(symrange VERSION x.y.z)`)
  const std::string cmake = slurp(fs::path(SYMRANGE_SOURCE_DIR) / "CMakeLists.txt");
  const auto at = cmake.find("project(symrange VERSION ");
  REQUIRE(at != std::string::npos);
  const std::string version = cmake.substr(at + 25, cmake.find(' ', at + 25) - at - 25);
  CHECK(v.out == "symrange " + version + "\n");

  auto h = runCli({"help"});
  CHECK(h.exitCode == 0);
  for (const char* cmd : {"print", "analyze", "verify", "merge", "explain"}) CHECK(contains(h.out, cmd));
  auto hv = runCli({"help", "verify"});
  CHECK(hv.exitCode == 0);
  CHECK(contains(hv.out, "--shard"));
  CHECK(runCli({"help", "frob"}).exitCode == 2);

  auto u = runCli({"frob"});
  CHECK(u.exitCode == 2);
  CHECK(contains(u.err, "unknown command 'frob'"));
  auto none = runCli({});
  CHECK(none.exitCode == 2);
}

TEST_CASE("-o writes the program to a file (analyze and print)") {
  TempDir d("out");
  const std::string out = (d.path / "o.txt").string();
  auto a = runCli({"analyze", kE01, "-o", out});
  CHECK(a.exitCode == 0);
  CHECK(a.out.empty());
  CHECK(slurp(out) == runCli({"analyze", kE01}).out);
  auto p = runCli({"print", kE01, "-o", out});
  CHECK(p.exitCode == 0);
  CHECK(slurp(out) == slurp(kE01));
}

TEST_CASE("a UTF-8 BOM is accepted and CRLF input prints back as CRLF") {
  TempDir d("bom");
  const std::string text = slurp(kE01);
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::string bom = "\xEF\xBB\xBF";
  for (const std::string& variant : {bom + text, crlf, bom + crlf}) {
    const fs::path in = d.path / "in.txt";
    std::ofstream(in, std::ios::binary) << variant;
    auto p = runCli({"print", in.string()});
    INFO("stderr: " << p.err);
    CHECK(p.exitCode == 0);
    CHECK(p.out == variant);
    auto a = runCli({"analyze", in.string(), "--report", "-"});
    CHECK(a.exitCode == 0);
    auto plain = runCli({"analyze", kE01, "--report", "-"});
    auto strip = [](nlohmann::json j) {
      j.erase("file");
      j.erase("stats");
      return j;
    };
    CHECK(strip(nlohmann::json::parse(a.out)) == strip(nlohmann::json::parse(plain.out)));
  }
}

TEST_CASE("the summary says `1 check`, `1 branch`") {
  auto r = runCli({"analyze", (kSamples / "E07.txt").string()});
  REQUIRE(r.exitCode == 0);
  CHECK(contains(r.err, ": 1 check ("));
  CHECK_FALSE(contains(r.err, "1 checks"));
}

TEST_CASE("symrange-gen and symrange-workload parse their options with CLI11") {
  using symrange::testing::siblingBinary;
  const std::string gen = siblingBinary("symrange-gen");
  REQUIRE(fs::exists(gen));
  auto bad = runCli({"--count", "abc"}, {}, {}, gen);
  CHECK(bad.exitCode == 2);
  CHECK(contains(bad.err, "--count"));
  auto help = runCli({"--help"}, {}, {}, gen);
  CHECK(help.exitCode == 0);
  CHECK(contains(help.out, "--statements"));
  auto one = runCli({"--seed", "3", "--statements", "5"}, {}, {}, gen);
  CHECK(one.exitCode == 0);
  CHECK(contains(one.out, "def forward"));

  const std::string workload = siblingBinary("symrange-workload");  // testing/, with the tests
  REQUIRE(fs::exists(workload));
  auto wbad = runCli({"--mix", "interval", "--nodes", "abc"}, {}, {}, workload);
  CHECK(wbad.exitCode == 2);
  CHECK(runCli({"--mix", "nosuchmix", "--nodes", "10"}, {}, {}, workload).exitCode == 2);
  auto whelp = runCli({"--help"}, {}, {}, workload);
  CHECK(whelp.exitCode == 0);
  CHECK(contains(whelp.out, "--mix"));
}
