// solver/ProverIntervalTier.cpp — the interval tier of prove(): the goal evaluated over the
// facts' bounds, refutation of its negation by propagation, and confirmed witnesses found by
// labeling (a check that can fire and can pass is Required without Z3).
#include "solver/internal/ProverImpl.h"

#include <algorithm>
#include <functional>

#include "solver/IntervalEval.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;
using namespace prover_detail;

DepSet Prover::Impl::forwardDeps(ExprRef goal, bool wantTrue) const {
  std::vector<ExprRef> syms = ir::freeSymbols(goal);
  std::vector<Interval> ivs;
  for (ExprRef s : syms) ivs.push_back(box.interval(s));
  auto decidedWith = [&]() {
    IntervalValue v = evalInterval(goal, [&](ExprRef sym) {
      for (std::size_t k = 0; k < syms.size(); ++k) {
        if (syms[k] == sym) return ivs[k];
      }
      return box.interval(sym);
    });
    return !v.mayRaise && (wantTrue ? v.value.isTrue() : v.value.isFalse());
  };
  DepSet deps;
  for (std::size_t k = 0; k < syms.size(); ++k) {
    SymBound b = box.get(syms[k]);
    Interval keep = ivs[k];
    if (keep.hasLo()) {
      ivs[k] = keep.hasHi() ? Interval::atMost(keep.hi()) : Interval::full();
      if (!decidedWith()) {
        ivs[k] = keep;
        deps = unite(deps, b.loDeps);
      }
    }
    keep = ivs[k];
    if (keep.hasHi()) {
      ivs[k] = keep.hasLo() ? Interval::atLeast(keep.lo()) : Interval::full();
      if (!decidedWith()) {
        ivs[k] = keep;
        deps = unite(deps, b.hiDeps);
      }
    }
  }
  return deps;
}

CachedAnswer Prover::Impl::withDeps(Verdict v, const DepSet& deps, Method m) const {
  CachedAnswer c;
  c.answer = make(v, m);
  c.becauseExprs = exprIdsOf(deps);
  return c;
}

bool Prover::Impl::farWorthTrying(const Slice& s, ExprRef goal) const {
  bool open = false;
  for (ExprRef sym : s.symbols) {
    if (sym->type() == ExprType::Float) continue;
    const Interval iv = box.interval(sym);
    open = open || !iv.hasLo() || !iv.hasHi();
  }
  return open && isNonlinear(goal);
}

bool Prover::Impl::confirms(const Slice& s, ExprRef goal, bool goalTrue, const Assignment& p) const {
  for (ExprRef f : s.exprs) {
    if (factTruthAt(f, p) != Truth::True) return false;
  }
  const Truth g = truthAt(goal, p);
  return goalTrue ? g == Truth::True : (g == Truth::False || g == Truth::Raises);
}

std::optional<Assignment> Prover::Impl::findPoint(const Box& base, const std::vector<Constraint>& cons,
                                    const Propagator::Touching& touching, const Slice& s,
                                    ExprRef goal, bool goalTrue, WitnessPass pass,
                                    WitnessStage stage) const {
  if (s.symbols.size() > kMaxLabelSymbols || s.facts.size() > kMaxLabelFacts) return std::nullopt;
  std::function<bool(const Assignment&)> accept = [&](const Assignment& p) {
    return confirms(s, goal, goalTrue, p);
  };
  for (LabelStrategy strategy :
       {LabelStrategy::NearZero, LabelStrategy::Low, LabelStrategy::High}) {
    const std::size_t nodes =
        stage == WitnessStage::FirstOnly ? s.symbols.size() + kFirstStepSlack : kLabelNodes;
    if (auto p = labelBox(base, cons, touching, s.symbols, strategy, kRevisionsPerQuery, nodes,
                          accept)) {
      return p;
    }
    if (stage == WitnessStage::FirstOnly) return std::nullopt;
  }
  // values whose products leave int64 (`u0*u0 <= 9223372036854775807` fires at 2**32)
  if (pass == WitnessPass::FullFar) {
    return labelBox(base, cons, touching, s.symbols, LabelStrategy::Far, kRevisionsPerQuery,
                    kFarNodes, accept);
  }
  return std::nullopt;
}

void Prover::Impl::alternatives(ExprRef e, bool want, std::vector<std::vector<Constraint>>& out,
                         std::size_t limit) {
  if (out.size() >= limit) return;
  if (e->kind() == ExprKind::Not) return alternatives(e->op(0), !want, out, limit);
  if ((e->kind() == ExprKind::And && !want) || (e->kind() == ExprKind::Or && want)) {
    for (ExprRef o : e->ops()) alternatives(o, want, out, limit);
    return;
  }
  Constraint c{e, want, kGoalDep, want};
  const bool differ = (e->kind() == ExprKind::Eq && !want) || (e->kind() == ExprKind::Ne && want);
  if (differ && e->op(0)->type() != ExprType::Float && e->op(1)->type() != ExprType::Float) {
    for (std::int8_t side : {std::int8_t{-1}, std::int8_t{1}}) {
      if (out.size() >= limit) return;
      c.side = side;
      out.push_back({c});
    }
    return;
  }
  out.push_back({c});
}

std::optional<Assignment> Prover::Impl::findWitness(const Slice& s, ExprRef goal, bool goalTrue,
                                      bool mayRaise, WitnessPass pass, WitnessStage stage,
                                      const Box* narrowedGoal) const {
  if (s.symbols.size() > kMaxLabelSymbols || s.facts.size() > kMaxLabelFacts) return std::nullopt;
  std::vector<std::vector<Constraint>> alts;
  alternatives(goal, goalTrue, alts, kMaxAlternatives);
  if (mayRaise && !goalTrue) alts.emplace_back();
  std::vector<Constraint> cons;
  for (FactIndex i : s.facts) cons.push_back(factConstraints[i]);
  const std::size_t nFacts = cons.size();
  for (std::size_t a = 0; a < alts.size(); ++a) {
    const std::vector<Constraint>& alt = alts[a];
    if (stage == WitnessStage::FirstOnly && a > 0) return std::nullopt;
    cons.resize(nFacts);
    cons.insert(cons.end(), alt.begin(), alt.end());
    std::vector<std::vector<ExprRef>> altSyms;
    std::vector<std::size_t> start;
    for (std::size_t k = 0; k < alt.size(); ++k) {
      altSyms.push_back(ir::freeSymbols(alt[k].expr));
      start.push_back(nFacts + k);
    }
    Propagator::Touching base = touchingIn(s, nullptr, 0);
    Propagator::Touching touching = [&](ExprRef sym, std::vector<std::size_t>& out) {
      base(sym, out);
      for (std::size_t k = 0; k < altSyms.size(); ++k) {
        if (std::binary_search(altSyms[k].begin(), altSyms[k].end(), sym, ir::ExprIdLess{})) {
          out.push_back(nFacts + k);
        }
      }
    };
    const bool goalItself = a == 0 && isGoalItself(alt, goal, goalTrue);
    std::optional<Box> propagated;
    if (!(goalItself && narrowedGoal)) {
      Box& narrowed = propagated.emplace(&box);
      Propagator prop(narrowed, cons, touching, Propagator::Deps::Skip);
      if (!prop.run(start, kRevisionsPerQuery)) continue;
    }
    const Box& labelBase = propagated ? *propagated : *narrowedGoal;
    if (stage == WitnessStage::FirstOnly) {
      return findPoint(labelBase, cons, touching, s, goal, goalTrue, pass, stage);
    }
    if (auto p = findPoint(labelBase, cons, touching, s, goal, goalTrue, pass)) {
      return p;
    }
  }
  if (stage == WitnessStage::FirstOnly) return std::nullopt;
  // no labeling found one: a point of the linear system, confirmed the same way
  return linearWitness(s, goal, goalTrue);
}

std::map<std::string, std::int64_t> Prover::Impl::witnessOf(const Assignment& p) {
  std::map<std::string, std::int64_t> w;
  for (const auto& [sym, v] : p) w[sym->name()] = v;
  return w;
}

std::optional<CachedAnswer> Prover::Impl::intervalTier(ExprRef goal, const Slice& s,
                                                       IntervalProbe& probe) {
  IntervalValue gv = evalInterval(goal, [this](ExprRef sym) { return box.interval(sym); });
  if (gv.value.isTrue() && !gv.mayRaise) return withDeps(Verdict::Redundant, forwardDeps(goal, true));
  probe.mayRaise = gv.mayRaise;
  probe.knownFalse = gv.value.isFalse();

  // constraints of the slice, then the goal (wanted false or true) at the end
  std::vector<Constraint> cons;
  for (FactIndex i : s.facts) cons.push_back(factConstraints[i]);
  const std::size_t goalPos = cons.size();
  cons.push_back(Constraint{goal, false, kGoalDep, false});
  std::vector<ExprRef> goalSyms = ir::freeSymbols(goal);
  Propagator::Touching touching = touchingIn(s, &goalSyms, goalPos);

  // Labeling's first leaf over the facts' bounds: every symbol at its value nearest 0, when
  // the facts hold there. It lies in every box propagation narrows from these bounds, so
  // where the goal is its own first way, it is the point the witness search for that side
  // finds first (and that side's propagation cannot conflict: it is not run).
  std::optional<Assignment> leaf;
  bool leafHolds = false, leafFails = false;
  if (s.symbols.size() <= std::min(kLabelNodes, kMaxLabelSymbols) &&
      s.facts.size() <= kMaxLabelFacts) {
    cons.pop_back();
    leaf = nearestZero(box, cons, s.symbols);
    cons.push_back(Constraint{goal, false, kGoalDep, false});
    if (leaf) {
      const Truth g = truthAt(goal, *leaf);
      leafHolds = g == Truth::True && goalIsFirstWay(goal, true) && confirms(s, goal, true, *leaf);
      leafFails = g == Truth::False && !gv.mayRaise && goalIsFirstWay(goal, false) &&
                  confirms(s, goal, false, *leaf);
    }
  }

  // refute the goal's negation (only when the goal cannot raise: an undefined goal fires)
  Box negBox(&box);
  bool negConflict = false;
  if (leafFails) {
    probe.firing = leaf;
  } else if (!gv.mayRaise) {
    Propagator neg(negBox, cons, touching);
    negConflict = !neg.run({goalPos}, kRevisionsPerQuery);
  }
  std::vector<Constraint> posCons = cons;
  posCons.back() = Constraint{goal, true, kGoalDep, true};
  Box posBox(&box);
  if (leafHolds) {
    probe.passing = leaf;
  } else {
    Propagator pos(posBox, posCons, touching);
    probe.posConflict = !pos.run({goalPos}, kRevisionsPerQuery);
  }
  if (negConflict && probe.posConflict) {
    return withDeps(Verdict::Unreachable, unite(negBox.conflictDeps(), posBox.conflictDeps()));
  }
  if (negConflict) return withDeps(Verdict::Redundant, negBox.conflictDeps());
  if (probe.posConflict) probe.posDeps = posBox.conflictDeps();
  if (!gv.mayRaise && !leafFails) probe.negBox = std::move(negBox);
  if (!probe.posConflict && !leafHolds) probe.posBox = std::move(posBox);
  probe.open = true;
  return std::nullopt;
}

bool Prover::Impl::goalIsFirstWay(ExprRef goal, bool want) {
  std::vector<std::vector<Constraint>> alts;
  alternatives(goal, want, alts, 1);
  return !alts.empty() && isGoalItself(alts[0], goal, want);
}

bool Prover::Impl::isGoalItself(const std::vector<Constraint>& alt, ExprRef goal, bool want) {
  return alt.size() == 1 && alt[0].expr == goal && alt[0].want == want && alt[0].side == 0;
}

void Prover::Impl::firstFiring(ExprRef goal, const Slice& s, IntervalProbe& probe) const {
  if (!probe.open || probe.firing) return;
  // labeling takes a choice per symbol: the start's budget is the symbols and a few more
  if (s.symbols.size() > kFirstStepSymbols || fireableOpen < refutedOpen) return;
  // and while it finds a point at least once in two tries (after a few)
  if (startTries >= kFirstStepTrial && 2 * startHits < startTries) return;
  ++startTries;
  const WitnessPass pass = farWorthTrying(s, goal) ? WitnessPass::FullFar : WitnessPass::Full;
  probe.firing = findWitness(s, goal, false, probe.mayRaise, pass, WitnessStage::FirstOnly,
                             probe.negBox ? &*probe.negBox : nullptr);
  if (probe.firing) ++startHits;
}

std::optional<CachedAnswer> Prover::Impl::witnessTier(ExprRef goal, const Slice& s,
                                                      const IntervalProbe& probe) {
  if (!probe.open) return std::nullopt;
  const WitnessPass pass = farWorthTrying(s, goal) ? WitnessPass::FullFar : WitnessPass::Full;
  // witnesses: a point where the check fires, then one where it passes
  std::optional<Assignment> firing =
      probe.firing ? probe.firing
                   : findWitness(s, goal, false, probe.mayRaise, pass, WitnessStage::All,
                                 probe.negBox ? &*probe.negBox : nullptr);
  if (!firing) return std::nullopt;
  remember(*firing);
  ++fireableOpen;
  ComponentStatus st;  // the firing point satisfies the facts
  st.status = SatResult::Sat;
  st.method = Method::Interval;
  st.point = *firing;
  componentStatus.emplace(s.exprIds, st);
  if (probe.posConflict || probe.knownFalse) {
    CachedAnswer c = withDeps(Verdict::Fails, probe.posConflict ? probe.posDeps
                                                                : forwardDeps(goal, false));
    c.answer.witness = witnessOf(*firing);
    return c;
  }
  std::optional<Assignment> passing =
      probe.passing ? probe.passing
                    : findWitness(s, goal, true, false, pass, WitnessStage::All,
                                  probe.posBox ? &*probe.posBox : nullptr);
  if (!passing) {
    // nowhere found to hold: perhaps it cannot (the firing point shows the facts satisfiable)
    std::optional<DepSet> d = linearRefutesHolding(goal, s);
    if (!d) return std::nullopt;
    CachedAnswer c = withDeps(Verdict::Fails, *d, Method::Linear);
    c.answer.witness = witnessOf(*firing);
    return c;
  }
  remember(*passing);
  CachedAnswer c = withDeps(Verdict::Required, {});
  c.answer.witness = witnessOf(*firing);
  return c;
}

}  // namespace symrange::solver
