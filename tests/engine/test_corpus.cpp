// tests/engine/test_corpus.cpp — the development corpus (tests/fixtures/corpus, a copy of the shared: 70 generated
// programs with exact verdicts). Requirements: no unsound verdict (a check called redundant or
// unreachable that truth calls required/fails; a cond decided the wrong way), >= 99% of the truly
// redundant checks found in each class (interval, relational, divmod), every decidable cond
// decided, every `fails` check reported. The optimized program must read back.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/Engine.h"
#include "ir/text/Reader.h"

using namespace symrange;
namespace fs = std::filesystem;

namespace {

std::string ours(const engine::CheckResult* c) {
  return c ? solver::toString(c->verdict()) : "missing";
}

struct Figures {
  std::map<std::string, std::pair<int, int>> redundantByClass;  // found / total
  int checks = 0, agree = 0, unsound = 0, missing = 0;
  int failsTotal = 0, failsFound = 0;
  int condsDecidable = 0, condsDecided = 0, condsWrong = 0, condsTotal = 0, condsAgree = 0;
  std::vector<std::string> problems;
};

void compareFile(const fs::path& txt, Figures& f) {
  const fs::path truthPath = fs::path(txt).replace_extension(".truth.json");
  std::ifstream in(truthPath);
  REQUIRE_MESSAGE(in.good(), truthPath.string());
  const nlohmann::json truth = nlohmann::json::parse(in);
  // The corpus' documented semantics: `sym_constrain_range_for_size` raises only outside
  // [min, max] (ATen's kernel also raises when max <= 2: the engine's default).
  engine::EngineOptions options;
  options.semantics.constraints = engine::ConstraintSemantics::Range;
  engine::Engine e = engine::Engine::fromFile(txt.string(), options);
  e.analyze();
  const std::string prog = txt.parent_path().filename().string() + "/" + txt.stem().string();
  auto checkOne = [&](const std::string& name, const nlohmann::json& t) {
    const std::string want = t["verdict"];
    const engine::CheckResult* c = e.check(name);
    const std::string got = ours(c);
    ++f.checks;
    if (!c) ++f.missing;
    if (got == want) ++f.agree;
    const bool claimsSafe = got == "redundant" || got == "unreachable";
    const bool truthFires = want == "required" || want == "fails";
    if (claimsSafe && truthFires) {
      ++f.unsound;
      f.problems.push_back("UNSOUND " + prog + " " + name + ": truth " + want + ", ours " + got);
    }
    if (want == "redundant") {
      const std::string cls = t.contains("class") ? std::string(t["class"]) : "unclassified";
      auto& [found, total] = f.redundantByClass[cls];
      ++total;
      if (got == "redundant") ++found;
    }
    if (want == "fails") {
      ++f.failsTotal;
      if (got == "fails") ++f.failsFound;
    }
    if (got != want && !(claimsSafe && truthFires))
      f.problems.push_back("missed " + prog + " " + name + " (" + std::string(t["expr"]) +
                           "): truth " + want + ", ours " + got +
                           (c && !c->answer.reason.empty() ? " [" + c->answer.reason + "]" : ""));
  };
  for (const auto& [name, t] : truth["asserts"].items()) checkOne(name, t);
  for (const auto& [name, t] : truth["constrains"].items()) checkOne(name, t);
  for (const auto& [name, t] : truth["conds"].items()) {
    const std::string want = t["verdict"];
    const engine::BranchResult* b = e.branch(name);
    const std::string got = b ? engine::toString(b->verdict) : "missing";
    ++f.condsTotal;
    if (got == want) ++f.condsAgree;
    if (want == "true" || want == "false") {
      ++f.condsDecidable;
      if (got == want) ++f.condsDecided;
    }
    if ((got == "true" || got == "false") && got != want) {
      ++f.condsWrong;
      f.problems.push_back("UNSOUND cond " + prog + " " + name + ": truth " + want + ", ours " + got);
    } else if (got != want) {
      f.problems.push_back("missed cond " + prog + " " + name + ": truth " + want + ", ours " + got);
    }
  }
  // the optimized program reads back
  e.optimize();
  const std::string out = e.print();
  CHECK_NOTHROW((void)ir::readProgram(out, prog + " (optimized)"));
}

}  // namespace

TEST_CASE("corpus: sound, and finds what truth says is there") {
  const fs::path root = fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures" / "corpus";
  std::vector<fs::path> files;
  for (const char* sub : {"medium", "large"})
    for (const auto& entry : fs::directory_iterator(root / sub))
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 70);
  Figures f;
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& file : files) {
    CAPTURE(file.string());
    compareFile(file, f);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::string report = "corpus: " + std::to_string(files.size()) + " programs, " +
                       std::to_string(f.checks) + " checks, agree " + std::to_string(f.agree) +
                       ", unsound " + std::to_string(f.unsound) + ", missing " +
                       std::to_string(f.missing) + "; fails " + std::to_string(f.failsFound) + "/" +
                       std::to_string(f.failsTotal) + "; conds " + std::to_string(f.condsAgree) +
                       "/" + std::to_string(f.condsTotal) + " agree, decidable decided " +
                       std::to_string(f.condsDecided) + "/" + std::to_string(f.condsDecidable) +
                       ", wrong " + std::to_string(f.condsWrong) + "; " + std::to_string(secs) + " s";
  for (const auto& [cls, ft] : f.redundantByClass)
    report += "\n  redundant/" + cls + ": " + std::to_string(ft.first) + "/" + std::to_string(ft.second);
  for (std::size_t i = 0; i < f.problems.size() && i < 40; ++i) report += "\n  " + f.problems[i];
  MESSAGE(report);
  CHECK(f.unsound == 0);
  CHECK(f.condsWrong == 0);
  CHECK(f.missing == 0);
  CHECK(f.failsFound == f.failsTotal);
  CHECK(f.condsDecided == f.condsDecidable);
  for (const auto& [cls, ft] : f.redundantByClass) {
    CAPTURE(cls);
    CHECK(ft.first * 100 >= ft.second * 99);
  }
}

// `symrange analyze` without a report asks for no evidence and no ranges: verdicts then come
// from one long-lived Z3 solver per program. They, and the printed program, must be those of
// the default (evidence from a fresh context per query, every range computed).
TEST_CASE("corpus: without evidence or ranges, the same verdicts and the same printed program") {
  const fs::path root = fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures" / "corpus";
  std::vector<fs::path> files;
  for (const char* sub : {"medium", "large"})
    for (const auto& entry : fs::directory_iterator(root / sub))
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 70);
  for (const auto& file : files) {
    CAPTURE(file.string());
    engine::EngineOptions full;
    full.semantics.constraints = engine::ConstraintSemantics::Range;
    engine::EngineOptions lean = full;
    lean.budget.evidence = false;
    lean.ranges = false;
    engine::Engine a = engine::Engine::fromFile(file.string(), full);
    engine::Engine b = engine::Engine::fromFile(file.string(), lean);
    const engine::AnalysisResult& ra = a.analyze();
    const engine::AnalysisResult& rb = b.analyze();
    REQUIRE(ra.checks.size() == rb.checks.size());
    for (std::size_t i = 0; i < ra.checks.size(); ++i) {
      CAPTURE(ra.checks[i].name);
      CHECK(ours(&ra.checks[i]) == ours(&rb.checks[i]));
      CHECK(ra.checks[i].answer.reason == rb.checks[i].answer.reason);
    }
    REQUIRE(ra.branches.size() == rb.branches.size());
    for (std::size_t i = 0; i < ra.branches.size(); ++i) {
      CAPTURE(ra.branches[i].name);
      CHECK(engine::toString(ra.branches[i].verdict) == engine::toString(rb.branches[i].verdict));
    }
    a.optimize();
    b.optimize();
    CHECK(a.print() == b.print());
  }
}
