// solver/ProverLinearTier.cpp — the linear tier of prove(), between the interval tier and the
// witness search: F ∧ ¬goal refuted by Fourier–Motzkin (LinearRefuter.h) makes the goal
// Redundant, F ∧ goal refuted leaves the witness tier to find the point where it fires (Fails).
// Relational facts and `//`, `%` by constants are what it sees that bounds propagation does not:
// `2*(u0//2) <= u0`, `Max(u0, u1) >= u1`, `u0 <= u1 ∧ u1 < u2 ⇒ u0 < u2`.
#include <algorithm>

#include "solver/internal/LinearRefuter.h"
#include "solver/internal/ProverImpl.h"

namespace symrange::solver {

using ir::ExprRef;
using namespace prover_detail;

std::optional<CachedAnswer> Prover::Impl::linearTier(ExprRef goal, const Slice& s,
                                                     IntervalProbe& probe) {
  if (!probe.open) return std::nullopt;
  std::vector<Constraint> cons;
  for (FactIndex i : s.facts) cons.push_back(factConstraints[i]);
  const std::size_t nFacts = cons.size();
  auto usesGoal = [](const DepSet& d) { return !d.empty() && d.back() == kGoalDep; };
  // the goal's negation, only where the goal cannot raise (a raising goal fires unrefuted)
  if (!probe.mayRaise) {
    cons.push_back(Constraint{goal, false, kGoalDep, false});
    if (std::optional<DepSet> d = refuteLinear(box, cons)) {
      return withDeps(usesGoal(*d) ? Verdict::Redundant : Verdict::Unreachable, *d, Method::Linear);
    }
  }
  if (!probe.posConflict) {
    cons.resize(nFacts);
    cons.push_back(Constraint{goal, true, kGoalDep, true});
    if (std::optional<DepSet> d = refuteLinear(box, cons)) {
      if (!usesGoal(*d)) return withDeps(Verdict::Unreachable, *d, Method::Linear);
      probe.posConflict = true;
      probe.posDeps = *d;
      probe.posMethod = Method::Linear;
    }
  }
  return std::nullopt;
}

}  // namespace symrange::solver
