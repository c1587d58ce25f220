// tests/cli/test_pt2.cpp — `.pt2` archives through the real binary: the same program as an
// archive (three schema eras) and as printed text gets the same report; `analyze -o` writes an
// archive of the input's layout without the removed checks; `print` and `verify` take archives.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "ir/pt2/Archive.h"
#include "tests/cli/CliRun.h"

using symrange::testing::runCli;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kDir = fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/pt2";
const char* kModels[] = {"checks_cond", "nested", "multi_out", "cond_false"};

fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("symrange_clipt2_" + std::to_string(::getpid()) + "_" + name);
}

json report(const fs::path& f) {
  auto r = runCli({"analyze", f.string(), "--report", "-"});
  INFO(r.err);
  REQUIRE(r.exitCode == 0);
  return json::parse(r.out);
}

/// What must agree between two forms of one program: verdicts in order, and the ranges.
json verdicts(const json& rep) {
  json v = json::object();
  v["checks"] = json::array();
  for (const auto& c : rep["checks"]) v["checks"].push_back(c["verdict"]);
  v["branches"] = json::array();
  for (const auto& b : rep["branches"]) v["branches"].push_back(b["verdict"]);
  v["ranges"] = rep["ranges"];
  return v;
}

}  // namespace

TEST_CASE("pt2 cli: the same program as .pt2 (schema 8, 7, 2) and as printed text, the same report") {
  for (const char* m : kModels) {
    CAPTURE(m);
    const json text = verdicts(report(kDir / (std::string(m) + ".txt")));
    CHECK(text["checks"].size() + text["branches"].size() > 0);
    for (const char* ext : {".pt2", ".v7.ep", ".v2.ep"}) {
      CAPTURE(ext);
      CHECK(verdicts(report(kDir / (std::string(m) + ext))) == text);
    }
  }
}

TEST_CASE("pt2 cli: analyze -o writes the optimized program in the input's layout") {
  for (const char* m : kModels) {
    for (const char* ext : {".pt2", ".v7.ep", ".v2.ep"}) {
      const fs::path in = kDir / (std::string(m) + ext);
      const fs::path out = temp(std::string(m) + ext);
      CAPTURE(in);
      const json before = report(in);
      auto r = runCli({"analyze", in.string(), "-o", out.string()});
      INFO(r.err);
      REQUIRE(r.exitCode == 0);
      CHECK(r.out.empty());
      // the output reads again; what was removed is gone, what stayed is still required
      const json after = report(out);
      std::size_t removed = 0, kept = 0;
      for (const auto& c : before["checks"]) (c["removed"].get<bool>() ? removed : kept) += 1;
      CHECK(after["checks"].size() == kept);
      for (const auto& c : after["checks"]) CHECK(c["removed"].get<bool>() == false);
      std::size_t pruned = 0;
      for (const auto& b : before["branches"]) pruned += b["pruned"].get<bool>() ? 1 : 0;
      CHECK(after["branches"].size() == before["branches"].size() - pruned);
      // same layout, same members, the model still at its place
      auto a = symrange::ir::pt2::openPt2(in.string());
      auto b = symrange::ir::pt2::openPt2(out.string());
      CHECK(b.layout == a.layout);
      CHECK(b.modelMember == a.modelMember);
      CHECK(b.doc["schema_version"] == a.doc["schema_version"]);
      REQUIRE(b.members.size() == a.members.size());
      for (std::size_t i = 0; i < a.members.size(); ++i) {
        CHECK(b.members[i].name == a.members[i].name);
        CHECK(b.members[i].method == 0);
        if (a.members[i].name != a.modelMember) CHECK(b.members[i].data == a.members[i].data);
      }
      fs::remove(out);
    }
  }
}

TEST_CASE("pt2 cli: analyze -o on text writes the text it would print") {
  const fs::path in = kDir / "checks_cond.txt";
  const fs::path out = temp("checks_cond.opt.txt");
  auto printed = runCli({"analyze", in.string()});
  auto r = runCli({"analyze", in.string(), "-o", out.string()});
  REQUIRE(r.exitCode == 0);
  CHECK(r.out.empty());
  CHECK(symrange::testing::slurp(out) == printed.out);
  fs::remove(out);
}

TEST_CASE("pt2 cli: print shows an archive as text, errors are FILE: error") {
  auto r = runCli({"print", (kDir / "checks_cond.pt2").string()});
  CHECK(r.exitCode == 0);
  CHECK(r.out.rfind("ExportedProgram:\n", 0) == 0);
  CHECK(r.out.find("torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, (x,))") != std::string::npos);
  CHECK(r.out.find("Range constraints: {u0: VR[0, 99], s77: VR[3, 50]}") != std::string::npos);
  const std::string aoti = (kDir / "executorch_preprocess_aoti_b4277d63.pt2").string();
  for (const char* cmd : {"print", "analyze"}) {
    auto e = runCli({cmd, aoti});
    CHECK(e.exitCode == 2);
    CHECK(e.err.rfind(aoti + ": error: an AOTInductor package", 0) == 0);
  }
}

TEST_CASE("pt2 cli: verify walks archives") {
  const fs::path rep = temp("verify.json");
  auto r = runCli({"verify", kDir.string(), "--ext", ".pt2", "--report", rep.string(), "-j", "1"});
  INFO(r.err);
  const json j = json::parse(symrange::testing::slurp(rep));
  std::size_t files = 0, errors = 0;
  for (const auto& f : j["files"]) {
    ++files;
    if (f.contains("error")) {
      ++errors;
      CHECK(f["error"].get<std::string>().find("AOTInductor") != std::string::npos);
    }
  }
  CHECK(files == 6);  // 4 exports, the executorch archive, the AOTInductor package
  CHECK(errors == 1);
  fs::remove(rep);
}
