// solver/ProverNaive.cpp — the naive SMT baseline of the benchmark harness (Budget::naive):
// what a user would write in an afternoon. Every query gets a fresh Z3 context and solver with
// every active fact asserted (no slicing), then F ∧ ¬goal and F ∧ goal; no constant or
// interval tier, no cache, no known points. It shares only the lowering with the real tiers,
// so verdicts can be compared between the two.
#include "solver/internal/ProverImpl.h"

#include <algorithm>

namespace symrange::solver {

using ir::ExprRef;
using namespace prover_detail;

Answer Prover::Impl::naiveDecide(ExprRef goal) {
  SmtBackend& z3 = backend();
  EvidenceScope fresh(z3);
  ++stats.smtQueries;
  Slice all = makeSlice(facts.all(), ir::freeSymbols(goal));
  SmtQuery q = queryOver(all, goal);
  SmtResult fires = z3.checkFresh(q);
  if (fires.result == SatResult::Unknown) return unknown(fires.reason);
  q.mode = GoalMode::Holds;
  SmtResult holds = z3.checkFresh(q);
  if (holds.result == SatResult::Unknown) return unknown(holds.reason);
  auto withCore = [&](Verdict v, const std::vector<ExprRef>& core) {
    Answer a = make(v, Method::Smt);
    a.because = labelsOfExprs(idsOf(core), all);
    return a;
  };
  if (fires.result == SatResult::Unsat && holds.result == SatResult::Unsat) {
    std::vector<ExprRef> both = fires.core;
    both.insert(both.end(), holds.core.begin(), holds.core.end());
    std::sort(both.begin(), both.end(), ir::ExprIdLess{});
    both.erase(std::unique(both.begin(), both.end()), both.end());
    return withCore(Verdict::Unreachable, both);
  }
  if (fires.result == SatResult::Unsat) return withCore(Verdict::Redundant, fires.core);
  // the check can fire: its model must be a real execution point, as in the SMT tier
  Assignment firing;
  if (auto why = confirm(fires, all, goal, false, firing)) return unknown(*why);
  Answer a = make(holds.result == SatResult::Unsat ? Verdict::Fails : Verdict::Required, Method::Smt);
  if (a.verdict == Verdict::Fails) a.because = withCore(Verdict::Fails, holds.core).because;
  a.witness = witnessOf(firing);
  return a;
}

}  // namespace symrange::solver
