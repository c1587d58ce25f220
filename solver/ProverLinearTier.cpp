// solver/ProverLinearTier.cpp — the linear tier of prove(), between the interval tier and the
// witness search: F ∧ ¬goal refuted by Fourier–Motzkin (LinearRefuter.h) makes the goal
// Redundant; F ∧ goal refuted, asked by the witness tier when it finds where the goal fires but
// not where it holds, makes it Fails. Also the witness search's and range()'s linear parts.
// Relational facts and `//`, `%` by constants are what it sees that bounds propagation does not:
// `2*(u0//2) <= u0`, `Max(u0, u1) >= u1`, `u0 <= u1 ∧ u1 < u2 ⇒ u0 < u2`.
#include "solver/internal/LinearRefuter.h"
#include "solver/internal/ProverImpl.h"

namespace symrange::solver {

using ir::ExprRef;
using namespace prover_detail;

std::optional<CachedAnswer> Prover::Impl::linearTier(ExprRef goal, const Slice& s,
                                                     IntervalProbe& probe) {
  if (!probe.open) return std::nullopt;
  std::vector<Constraint> cons = constraintsOf(s);
  auto usesGoal = [](const DepSet& d) { return !d.empty() && d.back() == kGoalDep; };
  // the goal's negation, only where the goal cannot raise (a raising goal fires unrefuted)
  if (!probe.mayRaise) {
    cons.push_back(Constraint{goal, false, kGoalDep, false});
    if (std::optional<DepSet> d = refuteLinear(box, cons)) {
      return withDeps(usesGoal(*d) ? Verdict::Redundant : Verdict::Unreachable, *d, Method::Linear);
    }
  }
  return std::nullopt;
}

std::optional<DepSet> Prover::Impl::linearRefutesHolding(ExprRef goal, const Slice& s) const {
  if (!budget.useIntervals || !budget.useLinear) return std::nullopt;
  std::vector<Constraint> cons = constraintsOf(s);
  cons.push_back(Constraint{goal, true, kGoalDep, true});
  return refuteLinear(box, cons);
}

std::optional<std::int64_t> Prover::Impl::linearEnd(ExprRef e, const Slice& s, bool upper,
                                                   std::optional<std::int64_t> intervalEnd) const {
  if (!budget.useLinear) return std::nullopt;
  std::vector<Constraint> cons = constraintsOf(s);
  // a sound end: the projection's when it is tighter than the interval's
  std::optional<std::int64_t> end = intervalEnd;
  if (std::optional<std::int64_t> b = linearBound(box, cons, e, upper)) {
    if (!end || (upper ? *b < *end : *b > *end)) end = b;
  }
  if (!end) return std::nullopt;
  // the end moves inwards while e cannot reach it (a `!=` fact, a gap of `//`); it is the
  // extremum once a confirmed point reaches it
  constexpr int kSteps = 8;
  // (ranges are asked for once per symbol, by reports and the printed trailer: a budget
  // beyond a check's, still far below a Z3 search's)
  LinearLimits limits;
  limits.maxWork *= 10;
  limits.maxCases *= 8;
  cons.push_back(Constraint{});
  for (int step = 0; step < kSteps; ++step) {
    if (step > 0 || end != intervalEnd) {
      if (endAttainedByPoint(e, s, upper, end)) return end;
    }
    if (*end == (upper ? ir::kInt64Min : ir::kInt64Max)) return std::nullopt;
    ExprRef beyond = upper ? cx.ge(e, cx.intConst(*end)) : cx.le(e, cx.intConst(*end));
    cons.back() = Constraint{beyond, true, kGoalDep, true};
    if (!refuteLinear(box, cons, limits)) return std::nullopt;
    *end += upper ? -1 : 1;
  }
  return std::nullopt;
}

std::optional<Assignment> Prover::Impl::linearWitness(const Slice& s, ExprRef goal,
                                                     bool goalTrue) const {
  if (!budget.useLinear || s.symbols.size() > kMaxLabelSymbols) return std::nullopt;
  std::vector<Constraint> cons = constraintsOf(s);
  cons.push_back(Constraint{goal, goalTrue, kGoalDep, goalTrue});
  // the slice's symbols (sorted by id, as the point): the system's values, the others the
  // value nearest 0 in their bounds; confirmed as labeling confirms
  Assignment p;
  auto accept = [&](const std::vector<std::pair<ExprRef, std::int64_t>>& found) {
    p.clear();
    auto it = found.begin();
    for (ExprRef sym : s.symbols) {
      while (it != found.end() && it->first->id() < sym->id()) ++it;
      if (it != found.end() && it->first == sym) {
        p.emplace_back(sym, it->second);
        continue;
      }
      const std::optional<std::int64_t> nearZero = box.interval(sym).clamp(0);
      if (sym->type() != ir::ExprType::Int || !nearZero) return false;
      p.emplace_back(sym, *nearZero);
    }
    return confirms(s, goal, goalTrue, p);
  };
  // the witness search's last resort before Z3 (rare: labeling found nothing), so a budget ten
  // times the refutation's
  LinearLimits limits;
  limits.maxWork *= 10;
  limits.maxCases *= 2;
  if (!linearPoint(box, cons, accept, limits)) return std::nullopt;
  return p;
}

}  // namespace symrange::solver
