// tests/solver/ProverHistoryTest.cpp — an answer depends on the facts and the goal, not on what
// the prover did before: the start of the firing search, tried before the linear tier only while
// open goals have mostly fired (ProverIntervalTier.cpp), finds the point the whole search finds
// first, and known points (the pool, certifiedByPool) never show in an answer. A fresh prover
// and one whose earlier queries (linear refutations, in a scope since popped) turned that start
// off must give the same verdict, method, `because` and witness on random problems.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprPrinter.h"
#include "solver/Prover.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprRef;
using solver::Answer;
using solver::Verdict;

namespace {

struct HistoryProblem {
  std::vector<std::pair<ExprRef, std::string>> facts;
  ExprRef goal = nullptr;
};

Answer historyProve(solver::Prover& p, const HistoryProblem& pr) {
  for (const auto& [f, label] : pr.facts) p.addFact(f, label);
  return p.prove(pr.goal);
}

std::string historyShow(const Answer& a) {
  std::string s =
      std::string(solver::toString(a.verdict)) + "/" + solver::toString(a.method) + " because";
  for (const std::string& b : a.because) s += " " + b;
  s += " witness";
  for (const auto& [k, v] : a.witness) s += " " + k + "=" + std::to_string(v);
  return s;
}

}  // namespace

TEST_CASE("answers do not depend on the queries before them") {
  int compared = 0, required = 0, primedLinear = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    ir::ExprContext cx;
    testing::RandomExprs gen(cx, seed, 3);
    const std::vector<ExprRef>& syms = gen.symbols();
    HistoryProblem pr;
    for (std::size_t k = 0; k < syms.size(); ++k) {
      const std::int64_t lo = -static_cast<std::int64_t>(gen.pick(8));
      pr.facts.push_back({cx.ge(syms[k], cx.intConst(lo)), "lo" + std::to_string(k)});
      if (gen.pick(2) == 0) {
        const std::int64_t hi = lo + static_cast<std::int64_t>(gen.pick(20));
        pr.facts.push_back({cx.le(syms[k], cx.intConst(hi)), "hi" + std::to_string(k)});
      }
    }
    const std::size_t extra = gen.pick(4);
    for (std::size_t k = 0; k < extra; ++k) {
      pr.facts.push_back({gen.boolExpr(2), "f" + std::to_string(k)});
    }
    pr.goal = gen.boolExpr(2);

    solver::Budget budget;
    budget.useSmt = false;  // the tiers before Z3, where the start of the search and the pool act
    solver::Prover fresh(cx, budget);
    const Answer a = historyProve(fresh, pr);

    solver::Prover primed(cx, budget);
    {
      // goals the linear tier refutes, none that fires: the search's start is off afterwards
      solver::Prover::Scope scope(primed);
      for (int k = 0; k < 3; ++k) {
        ExprRef p0 = cx.symbol("p" + std::to_string(3 * k));
        ExprRef p1 = cx.symbol("p" + std::to_string(3 * k + 1));
        ExprRef p2 = cx.symbol("p" + std::to_string(3 * k + 2));
        primed.addFact(cx.le(p0, p1), "q" + std::to_string(2 * k));
        primed.addFact(cx.lt(p1, p2), "q" + std::to_string(2 * k + 1));
        const Answer r = primed.prove(cx.lt(p0, p2));
        REQUIRE(r.verdict == Verdict::Redundant);
        primedLinear += r.method == solver::Method::Linear;
      }
    }
    const Answer b = historyProve(primed, pr);

    std::string what = "goal " + ir::printExpr(pr.goal) + " facts";
    for (const auto& [f, label] : pr.facts) what += " [" + label + ": " + ir::printExpr(f) + "]";
    INFO(what);
    CHECK(historyShow(a) == historyShow(b));
    ++compared;
    required += a.verdict == Verdict::Required;
  }
  CHECK(primedLinear == 3 * 300);  // every priming goal went to the linear tier
  CHECK(required > 50);            // many goals fire and pass: the witness search ran
  MESSAGE(compared << " problems compared, " << required << " required");
}
