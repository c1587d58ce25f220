// solver/ProverSharedTier.cpp — the Z3 tier when no evidence is asked for (Budget::evidence
// off): F ∧ ¬goal and F ∧ goal on the one long-lived incremental solver of the program (facts
// as tracked assumptions, the goal in a popped frame), no fresh context per query. Only
// verdicts come out of it: cores and models of a shared solver depend on the queries before,
// so none is shown. Whatever it does not settle exactly (unknown, a model not confirmed by
// evaluation) goes to the evidence tier (ProverSmtTier.cpp), so the verdicts are those of the
// evidence tier wherever that one decides.
#include "solver/internal/ProverImpl.h"

namespace symrange::solver {

using ir::ExprRef;
using namespace prover_detail;

std::optional<CachedAnswer> Prover::Impl::sharedSmtTier(ExprRef goal, const Slice& s,
                                                        std::optional<Verdict> hint) {
  SmtBackend& z3 = backend();
  SmtQuery q = queryOver(s, goal);
  SmtResult fires = z3.checkIncremental(q);
  if (fires.result == SatResult::Unknown) return std::nullopt;
  Assignment firing;
  if (fires.result == SatResult::Sat && confirm(fires, s, goal, false, firing)) return std::nullopt;
  q.mode = GoalMode::Holds;
  SmtResult holds;
  if (holdsKnownSat(fires, s, goal, hint)) {
    holds.result = SatResult::Sat;
  } else {
    holds = z3.checkIncremental(q);
    if (holds.result == SatResult::Unknown) return std::nullopt;
    if (holds.result == SatResult::Sat) {
      Assignment passing;
      if (!confirm(holds, s, goal, true, passing)) {
        remember(passing);
      } else if (!holds.exact && fires.result == SatResult::Sat) {
        return std::nullopt;  // not shown to pass anywhere: the evidence tier decides
      }
    }
  }
  ++stats.smtQueries;
  if (fires.result == SatResult::Sat || holds.result == SatResult::Sat) {
    ComponentStatus st;
    st.status = SatResult::Sat;
    st.method = Method::Smt;
    componentStatus.emplace(s.exprIds, st);
  }
  if (fires.result == SatResult::Unsat) {
    // both sides unsat: the facts themselves are contradictory
    return CachedAnswer{make(holds.result == SatResult::Unsat ? Verdict::Unreachable : Verdict::Redundant,
                             Method::Smt),
                        {}};
  }
  remember(firing);
  return CachedAnswer{make(holds.result == SatResult::Sat ? Verdict::Required : Verdict::Fails, Method::Smt),
                      {}};
}

}  // namespace symrange::solver
