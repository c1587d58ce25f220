// solver/ProverSatisfiability.cpp — are the facts satisfiable: per component of facts sharing
// symbols (cached by their expressions), used so that no verdict is claimed under
// contradictory facts; checkFacts(); range().
#include "solver/internal/ProverImpl.h"

#include <algorithm>
#include <unordered_set>

#include "solver/IntervalEval.h"
#include "solver/internal/LinearRefuter.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;
using namespace prover_detail;

Prover::Impl::ComponentStatus Prover::Impl::statusOf(const Slice& c) {
  if (auto it = componentStatus.find(c.exprIds); it != componentStatus.end()) return it->second;
  ComponentStatus st;
  if (box.conflict()) {
    st.status = SatResult::Unsat;
    st.method = Method::Interval;
    st.core = exprIdsOf(box.conflictDeps());
  }
  if (st.status == SatResult::Unknown && certifiedByPool(c, cx.trueExpr())) {
    st.status = SatResult::Sat;  // no point kept: the pool's content depends on history
    st.method = Method::Interval;
  }
  if (st.status == SatResult::Unknown && budget.useIntervals) {
    std::vector<Constraint> cons;
    for (FactIndex i : c.facts) cons.push_back(factConstraints[i]);
    if (auto p = findPoint(box, cons, touchingIn(c, nullptr, 0), c, cx.trueExpr(), true)) {
      st.status = SatResult::Sat;
      st.method = Method::Interval;
      st.point = *p;
      remember(*p);
    }
  }
  if (st.status == SatResult::Unknown && budget.useIntervals && budget.useLinear) {
    if (auto deps = refuteLinear(box, constraintsOf(c))) {
      st.status = SatResult::Unsat;
      st.method = Method::Linear;
      st.core = exprIdsOf(*deps);
    }
  }
  if (st.status == SatResult::Unknown && budget.useSmt && !budget.evidence) {
    // no evidence asked: the long-lived solver, whose core and model are not shown
    SmtResult r = backend().checkIncremental(queryOver(c));
    if (r.result != SatResult::Unknown) {
      st.status = r.result;
      st.method = Method::Smt;
    }
  }
  if (st.status == SatResult::Unknown && budget.useSmt) {
    EvidenceScope evidence(backend());
    SmtResult r = backend().checkFresh(queryOver(c));
    st.status = r.result;
    st.method = Method::Smt;
    st.core = idsOf(r.core);
    if (r.result == SatResult::Sat) {
      Assignment p;
      if (!confirm(r, c, cx.trueExpr(), true, p)) st.point = p;
    }
  }
  componentStatus.emplace(c.exprIds, st);
  return st;
}

std::vector<Prover::Impl::Slice> Prover::Impl::otherComponents(const Slice& s, std::size_t from) const {
  std::vector<Slice> out;
  if (from >= facts.size()) return out;
  // membership only (never iterated): the facts already in `s` or in a component found
  std::unordered_set<FactIndex> covered(s.facts.begin(), s.facts.end());
  for (auto i = static_cast<FactIndex>(from); i < facts.size(); ++i) {
    if (covered.count(i)) continue;
    std::vector<FactIndex> comp = facts.slice(facts[i].symbols);
    std::vector<FactIndex> fresh;
    for (FactIndex j : comp) {
      if (covered.insert(j).second) fresh.push_back(j);
    }
    out.push_back(makeSlice(fresh, {}));
  }
  return out;
}

std::optional<Answer> Prover::Impl::unsatElsewhere(const Slice& s) {
  if (!budget.useSlicing) return std::nullopt;
  for (const Slice& c : otherComponents(s, checkedFacts)) {
    ComponentStatus st = statusOf(c);
    if (st.status == SatResult::Unsat) {
      Answer a = make(Verdict::Unreachable, st.method);
      a.because = labelsOfExprs(st.core, c);
      return a;
    }
  }
  checkedFacts = facts.size();
  return std::nullopt;
}

Answer Prover::Impl::checkFacts() {
  ++stats.queries;
  if (unsat) return *unsat;
  Slice none;
  std::vector<Slice> comps = otherComponents(none);
  Answer a = make(Verdict::Required, Method::Interval);
  for (const Slice& c : comps) {
    ComponentStatus st = statusOf(c);
    if (st.status == SatResult::Unsat) {
      Answer u = make(Verdict::Unreachable, st.method);
      u.because = labelsOfExprs(st.core, c);
      unsat = u;
      return u;
    }
    if (st.status == SatResult::Unknown) {
      a = unknown(budget.useSmt ? "budget" : "undecided (SMT disabled)");
      continue;
    }
    if (st.method == Method::Smt && a.verdict == Verdict::Required) a.method = Method::Smt;
    for (const auto& [sym, v] : st.point) a.witness[sym->name()] = v;
  }
  if (smt) stats.smtMillis = smt->millis();
  if (a.verdict == Verdict::Unknown) ++stats.unknownByReason[a.reason];
  return a;
}

Range Prover::Impl::range(ExprRef e) {
  Range r;
  if (unsat) {
    r.empty = true;
    return r;
  }
  Interval iv = budget.useIntervals ? evalInterval(e, [this](ExprRef sym) {
                                        return box.interval(sym);
                                      }).value
                                    : Interval::full();
  r.lo = iv.lower();
  r.hi = iv.upper();
  if (iv.isEmpty()) {
    r.empty = true;
    r.lo = r.hi = std::nullopt;
    return r;
  }
  if (!budget.useSmt || e->type() != ExprType::Int) return r;
  Slice s = sliceFor(e);
  bool nonlinear = isNonlinear(e);
  for (ExprRef f : s.exprs) nonlinear = nonlinear || isNonlinear(f);
  auto emptyRange = [&r] {
    r.empty = true;
    r.lo = r.hi = std::nullopt;
    return r;
  };
  if (nonlinear) {
    // Z3 4.8 can run far past its resource limit on nonlinear range searches: the interval
    // bound stays (sound, not shown tight); only contradictory facts elsewhere change it.
    if (unsatElsewhere(s)) return emptyRange();
    return r;
  }
  // Each end first by a confirmed point reaching it (the interval end is then the extremum,
  // or the end is unbounded as far as a search to ±2^61 goes); Z3's bisection only for an end
  // no point reaches.
  const bool hiByPoint = endAttainedByPoint(e, s, true, r.hi);
  EndSearch hi;
  if (hiByPoint) {
    hi.bound = r.hi;
    hi.attained = true;
  } else if (std::optional<std::int64_t> b = linearEnd(e, s, true, r.hi)) {
    hi.bound = b;
    hi.attained = true;
  } else {
    hi = backend().searchEnd(s.exprs, e, true, r.hi);
    if (hi.factsUnsat) return emptyRange();
  }
  if (unsatElsewhere(s)) return emptyRange();
  EndSearch lo;
  if (endAttainedByPoint(e, s, false, r.lo)) {
    lo.bound = r.lo;
    lo.attained = true;
  } else if (std::optional<std::int64_t> b = linearEnd(e, s, false, r.lo)) {
    lo.bound = b;
    lo.attained = true;
  } else {
    lo = backend().searchEnd(s.exprs, e, false, r.lo);
  }
  if (smt) stats.smtMillis = smt->millis();
  r.hi = hi.bound;
  r.lo = lo.bound;
  r.exact = hi.attained && lo.attained;
  return r;
}

bool Prover::Impl::endAttainedByPoint(ExprRef e, const Slice& s, bool upper,
                                      std::optional<std::int64_t> end) const {
  if (!budget.useIntervals) return false;
  // past ±2^61 an unbounded end counts as attained (SmtBackend::searchEnd's convention)
  constexpr std::int64_t kBeyond = (std::int64_t{1} << 61) + 1;
  ExprRef goal = end ? cx.eq(e, cx.intConst(*end))
                     : (upper ? cx.ge(e, cx.intConst(kBeyond)) : cx.le(e, cx.intConst(-kBeyond)));
  return findWitness(s, goal, true, false, WitnessPass::Full).has_value();
}

}  // namespace symrange::solver
