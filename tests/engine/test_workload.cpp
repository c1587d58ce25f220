// tests/engine/test_workload.cpp — the benchmark workload generator (testing/workload):
// every mix reads back with the node and check counts it reports, lands within 10% of the
// requested size with about a third of its nodes checks, is deterministic in its spec, runs to
// the end on its reference input in the reference interpreter, and gives the engine work it can
// do (no check fails, nothing unsupported, at least half of the checks removable).
#include <doctest/doctest.h>

#include <cstddef>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/Engine.h"
#include "ir/text/Reader.h"
#include "testing/Interpreter.h"
#include "testing/workload/Workload.h"

using namespace symrange;
using bench::Mix;

namespace {

struct Counts {
  std::size_t nodes = 0;
  std::size_t checks = 0;
};

bool isCheckTarget(const std::string& t) {
  for (const char* k : {"_assert_scalar", "_assert_async", "torch._check", "sym_constrain_range"})
    if (t.find(k) != std::string::npos) return true;
  return false;
}

/// Nodes and check / range-constraint nodes of every graph, as the reader sees them.
Counts countProgram(const ir::Program& p) {
  Counts c;
  for (const ir::GraphPath& g : ir::allGraphs(p)) {
    c.nodes += g.graph->nodes().size();
    for (const auto& n : g.graph->nodes())
      if (n->op() == ir::NodeOp::CallFunction && isCheckTarget(n->target())) ++c.checks;
  }
  return c;
}

}  // namespace

TEST_CASE("workload: mix names round-trip") {
  CHECK(bench::allMixes().size() == 5);
  for (Mix m : bench::allMixes()) {
    const std::string mix = bench::toString(m);
    CAPTURE(mix);
    CHECK(bench::parseMix(bench::toString(m)) == m);
  }
  CHECK_FALSE(bench::parseMix("bogus").has_value());
  CHECK_FALSE(bench::parseMix("").has_value());
}

TEST_CASE("workload: every mix reads back with its size and a third of checks") {
  for (Mix m : bench::allMixes()) {
    for (std::size_t requested : {std::size_t{300}, std::size_t{3000}}) {
      const std::string mix = bench::toString(m);
      CAPTURE(mix);
      CAPTURE(requested);
      const bench::Workload w = bench::generateWorkload({m, requested, 7});
      const auto p = ir::readProgram(w.text, "workload");
      const Counts c = countProgram(*p);
      CHECK(c.nodes == w.nodes);
      CHECK(c.checks == w.checks);
      CHECK(w.nodes >= requested * 9 / 10);
      CHECK(w.nodes <= requested * 11 / 10);
      const double ratio = static_cast<double>(w.checks) / static_cast<double>(w.nodes);
      CAPTURE(ratio);
      CHECK(ratio >= 0.25);
      CHECK(ratio <= 0.40);
      // One reference value per item() input; the only other input is the tensor `y`.
      std::size_t placeholders = 0;
      for (const auto& n : p->root->nodes()) placeholders += n->op() == ir::NodeOp::Placeholder;
      CHECK(placeholders == w.reference.size() + 1);
      for (const auto& [input, value] : w.reference) {
        CAPTURE(input);
        const ir::Node* n = p->root->find(input);
        REQUIRE(n != nullptr);
        CHECK(n->op() == ir::NodeOp::Placeholder);
      }
    }
  }
}

TEST_CASE("workload: sizes from 10^2 to 10^5 stay within 10 percent") {
  for (Mix m : bench::allMixes()) {
    for (std::size_t requested : {100, 137, 1000, 10'000, 100'000}) {
      for (std::uint64_t seed : {1, 2, 3}) {
        const std::string mix = bench::toString(m);
        CAPTURE(mix);
        CAPTURE(requested);
        CAPTURE(seed);
        const bench::Workload w = bench::generateWorkload({m, requested, seed});
        CHECK(w.nodes >= requested * 9 / 10);
        CHECK(w.nodes <= requested * 11 / 10);
      }
    }
  }
}

TEST_CASE("workload: deterministic in the spec") {
  for (Mix m : bench::allMixes()) {
    const std::string mix = bench::toString(m);
    CAPTURE(mix);
    const bench::Workload a = bench::generateWorkload({m, 500, 3});
    const bench::Workload b = bench::generateWorkload({m, 500, 3});
    const bench::Workload c = bench::generateWorkload({m, 500, 4});
    CHECK(a.text == b.text);
    CHECK(a.reference == b.reference);
    CHECK(a.text != c.text);
  }
}

TEST_CASE("workload: the reference input runs to the end") {
  for (Mix m : bench::allMixes()) {
    for (std::size_t requested : {std::size_t{300}, std::size_t{3000}}) {
      for (std::uint64_t seed : {1, 7}) {
        const std::string mix = bench::toString(m);
        CAPTURE(mix);
        CAPTURE(requested);
        CAPTURE(seed);
        const bench::Workload w = bench::generateWorkload({m, requested, seed});
        const auto p = ir::readProgram(w.text, "workload");
        const testing::RtOutcome out = testing::interpret(*p, testing::RtInputs{w.reference, {}});
        INFO("stopped at " << out.node << ": " << out.what);
        CHECK(out.kind == testing::RtOutcome::Kind::Ok);
        if (m == Mix::Conds) CHECK(!out.condTaken.empty());
      }
    }
  }
}

TEST_CASE("workload: the engine removes at least half of the checks and none fails") {
  for (Mix m : bench::allMixes()) {
    const std::string mix = bench::toString(m);
    CAPTURE(mix);
    const bench::Workload w = bench::generateWorkload({m, 1000, 1});
    engine::EngineOptions options;
    options.ranges = false;
    engine::Engine e = engine::Engine::fromText(w.text, "workload", options);
    const engine::AnalysisResult& a = e.analyze();
    CHECK(a.checks.size() == w.checks);
    std::map<std::string, int> verdicts, methods;
    std::size_t removable = 0;
    for (const engine::CheckResult& c : a.checks) {
      CAPTURE(c.name);
      CAPTURE(c.answer.reason);
      ++verdicts[solver::toString(c.verdict())];
      ++methods[solver::toString(c.answer.method)];
      if (c.removable()) ++removable;
      CHECK(c.verdict() != solver::Verdict::Fails);
      CHECK(c.answer.reason.find("unsupported") == std::string::npos);
    }
    std::ostringstream line;
    line << bench::toString(m) << ": " << a.checks.size() << " checks, " << removable << " removable;";
    for (const auto& [k, n] : verdicts) line << " " << k << "=" << n;
    line << ";";
    for (const auto& [k, n] : methods) line << " " << k << "=" << n;
    line << "; conds " << a.branches.size() << "; " << a.millis << " ms";
    MESSAGE(line.str());
    CHECK(2 * removable >= a.checks.size());
  }
}
