// solver/Prover.cpp — the facade: facts in frames (with incrementally propagated bounds), and
// prove() composed from its tiers in one place: terms common to both sides of a comparison
// cancelled (LinearNormalize.h), constants and syntactic identity, the answer
// cache, intervals (ProverIntervalTier.cpp), linear refutation (ProverLinearTier.cpp), then Z3 on the slice of facts sharing symbols
// with the goal (ProverSmtTier.cpp); a verdict is then checked against contradictory facts
// (ProverSatisfiability.cpp).
#include "solver/internal/ProverImpl.h"

#include <algorithm>

#include "ir/Diagnostic.h"
#include "solver/IntervalEval.h"
#include "solver/LinearNormalize.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;
using namespace prover_detail;

const char* toString(Verdict v) {
  switch (v) {
    case Verdict::Redundant: return "redundant";
    case Verdict::Required: return "required";
    case Verdict::Fails: return "fails";
    case Verdict::Unreachable: return "unreachable";
    case Verdict::Unknown: return "unknown";
  }
  return "unknown";
}

const char* toString(Method m) {
  switch (m) {
    case Method::None: return "none";
    case Method::Constant: return "constant";
    case Method::Interval: return "interval";
    case Method::Linear: return "linear";
    case Method::Smt: return "smt";
    case Method::Cache: return "cache";
  }
  return "none";
}

void Prover::Impl::addFact(ExprRef fact, const std::string& label) {
  SYMRANGE_ASSERT(fact != nullptr);
  if (!budget.naive) fact = cancelCommonTerms(cx, fact);
  // `True` says nothing; kept, it would join every slice (symbol-free facts concern every goal)
  if (fact->isBoolConst() && fact->boolValue()) return;
  const bool wasFails = lastFails.goal == fact && lastFails.factCount == facts.size();
  FactIndex idx = facts.add(fact, label);
  factConstraints.push_back(Constraint{fact, true, idx, true, 0, divisorFlag(fact)});
  if (unsat) return;
  if (wasFails) {
    // the goal was just shown to fail: with it as a fact, the facts are contradictory
    Answer a = lastFails.answer;
    a.verdict = Verdict::Unreachable;
    a.witness.clear();
    a.because.push_back(label);
    normalize(a.because);
    unsat = a;
    return;
  }
  if (!budget.useIntervals || budget.naive) return;
  Propagator prop(box, factConstraints, touchingAll());
  if (!prop.run({idx}, kRevisionsPerFact)) {
    Answer a = make(Verdict::Unreachable, Method::Interval);
    a.because = labelsOf(box.conflictDeps());
    unsat = a;
  }
}

void Prover::Impl::pop() {
  SYMRANGE_ASSERT(!frames.empty());
  Frame& f = frames.back();
  facts.truncate(f.factCount);
  factConstraints.resize(f.factCount);
  box.rollback(f.boxMark);
  unsat = std::move(f.unsat);
  checkedFacts = std::min(checkedFacts, f.checkedFacts);
  frames.pop_back();
  if (frames.empty()) box.stopRecording();
  lastFails = {};
}

Propagator::Touching Prover::Impl::touchingAll() {
  return [this](ExprRef sym, std::vector<std::size_t>& out) {
    for (FactIndex i : facts.touching(sym)) out.push_back(i);
  };
}

void Prover::Impl::normalize(std::vector<std::string>& labels) {
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
}

std::vector<std::string> Prover::Impl::labelsOf(const DepSet& deps) const {
  std::vector<std::string> out;
  for (FactIndex i : deps) {
    if (i != kGoalDep && i < facts.size()) out.push_back(facts[i].label);
  }
  normalize(out);
  return out;
}

std::vector<std::string> Prover::Impl::labelsOfExprs(const std::vector<std::uint32_t>& ids,
                                       const Slice& s) const {
  std::vector<std::string> out;
  for (std::uint32_t id : ids) {
    for (ExprRef e : s.exprs) {
      if (e->id() != id) continue;
      if (auto i = facts.firstWith(e)) out.push_back(facts[*i].label);
    }
  }
  normalize(out);
  return out;
}

std::vector<std::uint32_t> Prover::Impl::exprIdsOf(const DepSet& deps) const {
  std::vector<std::uint32_t> out;
  for (FactIndex i : deps) {
    if (i != kGoalDep && i < facts.size()) out.push_back(facts[i].expr->id());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Prover::Impl::Slice Prover::Impl::sliceFor(ExprRef goal) const {
  std::vector<ExprRef> goalSyms = ir::freeSymbols(goal);
  return makeSlice(budget.useSlicing ? facts.slice(goalSyms) : facts.all(), goalSyms);
}

Prover::Impl::Slice Prover::Impl::makeSlice(std::vector<FactIndex> indices, std::vector<ExprRef> extraSymbols) const {
  Slice s;
  s.facts = std::move(indices);
  s.symbols = std::move(extraSymbols);
  for (FactIndex i : s.facts) {
    s.exprs.push_back(facts[i].expr);
    s.symbols.insert(s.symbols.end(), facts[i].symbols.begin(), facts[i].symbols.end());
  }
  auto byId = ir::ExprIdLess{};
  auto same = [](ExprRef a, ExprRef b) { return a == b; };
  std::sort(s.exprs.begin(), s.exprs.end(), byId);
  s.exprs.erase(std::unique(s.exprs.begin(), s.exprs.end(), same), s.exprs.end());
  std::sort(s.symbols.begin(), s.symbols.end(), byId);
  s.symbols.erase(std::unique(s.symbols.begin(), s.symbols.end(), same), s.symbols.end());
  for (ExprRef e : s.exprs) s.exprIds.push_back(e->id());
  return s;
}

Propagator::Touching Prover::Impl::touchingIn(const Slice& s, const std::vector<ExprRef>* goalSyms,
                                std::size_t goalPos) const {
  return [this, &s, goalSyms, goalPos](ExprRef sym, std::vector<std::size_t>& out) {
    for (FactIndex i : facts.touching(sym)) {
      auto it = std::lower_bound(s.facts.begin(), s.facts.end(), i);
      if (it != s.facts.end() && *it == i) out.push_back(static_cast<std::size_t>(it - s.facts.begin()));
    }
    if (goalSyms && std::binary_search(goalSyms->begin(), goalSyms->end(), sym, ir::ExprIdLess{})) {
      out.push_back(goalPos);
    }
  };
}

Answer Prover::Impl::prove(ExprRef goal) {
  SYMRANGE_ASSERT(goal != nullptr);
  if (!budget.naive) goal = cancelCommonTerms(cx, goal);
  ++stats.queries;
  Answer a = budget.naive ? naiveDecide(goal) : decide(goal);
  // (the constant and interval tiers give the same answer, evidence included, either way)
  const bool noEvidence = a.method == Method::Smt || a.method == Method::Cache;
  if (a.verdict == Verdict::Fails && noEvidence && !budget.evidence && !budget.naive) {
    // decided by Z3 here: the tiers before it ran on the same facts and goal and decided
    // nothing, and would decide nothing again (from the cache, they did not run)
    a = withEvidence(goal, a.method == Method::Smt);
  }
  if (a.verdict == Verdict::Unknown) ++stats.unknownByReason[a.reason];
  if (a.method == Method::Constant) ++stats.decidedConstant;
  if (a.method == Method::Interval) ++stats.decidedInterval;
  if (a.method == Method::Linear) ++stats.decidedLinear;
  if (a.method == Method::Cache) ++stats.cacheHits;
  if (a.verdict == Verdict::Fails) lastFails = {goal, facts.size(), a};
  if (a.verdict == Verdict::Unreachable && !unsat) {
    Answer u = a;
    u.witness.clear();
    unsat = u;  // a slice of the facts is contradictory: so are the facts
  }
  if (smt) stats.smtMillis = smt->millis();
  return a;
}

Answer Prover::Impl::withEvidence(ExprRef goal, bool tiersBeforeZ3Failed) {
  // decided again as with Budget::evidence on: fresh contexts for Z3's part, and no cache
  // lookup (a cached answer of this prover may come from the long-lived solver, without
  // evidence); the answer is then stored with its evidence
  budget.evidence = true;
  redoing = true;
  skipToSmt = tiersBeforeZ3Failed;
  Answer a = decide(goal);
  budget.evidence = false;
  redoing = false;
  skipToSmt = false;
  return a;
}

Answer Prover::Impl::decide(ExprRef goal) {
  if (unsat) return *unsat;
  std::optional<Slice> slice;  // decideSlice's, when it got that far (the facts are the same)
  Answer a = decideSlice(goal, slice);
  if (a.verdict == Verdict::Unknown || a.verdict == Verdict::Unreachable) return a;
  if (!slice) slice = sliceFor(goal);
  const Slice& s = *slice;
  // A goal proved without showing its slice satisfiable (constants, intervals): make sure the
  // facts are not contradictory, which would make every goal "redundant".
  if (a.verdict == Verdict::Redundant) {
    // the slice's own facts are s's (their expressions, the status key, too): only a status not
    // known yet needs them as a slice of their own (without the goal's symbols)
    auto known = componentStatus.find(s.exprIds);
    Slice own;
    if (known == componentStatus.end()) own = makeSlice(s.facts, {});
    const ComponentStatus st = known != componentStatus.end() ? known->second : statusOf(own);
    if (st.status == SatResult::Unsat) {
      Answer u = make(Verdict::Unreachable, st.method);
      u.because = labelsOfExprs(st.core, own);
      return u;
    }
  }
  if (auto u = unsatElsewhere(s)) return *u;
  return a;
}

Answer Prover::Impl::decideSlice(ExprRef goal, std::optional<Slice>& slice) {
  // tier 1: constants and syntactic identity
  if (goal->isBoolConst() && goal->boolValue()) return make(Verdict::Redundant, Method::Constant);
  if (auto i = facts.firstWith(goal)) {
    Answer a = make(Verdict::Redundant, Method::Constant);
    a.because = {facts[*i].label};
    return a;
  }
  if (goal->kind() == ExprKind::And) {
    Answer a = make(Verdict::Redundant, Method::Constant);
    bool all = true;
    for (ExprRef o : goal->ops()) {
      auto i = facts.firstWith(o);
      if (!i) {
        all = false;
        break;
      }
      a.because.push_back(facts[*i].label);
    }
    if (all) {
      normalize(a.because);
      return a;
    }
  }
  slice = sliceFor(goal);
  const Slice& s = *slice;
  // the cache: this goal, or a hint from its negation
  std::optional<Verdict> hint;
  if (budget.useCache && redoing) {
    // withEvidence: not this goal's answer (it may lack evidence), only the hint
    if (const CachedAnswer* c = cache.findNegation(s.exprIds, goal); c && alwaysDefined(goal)) {
      hint = negate(c->answer.verdict);
    }
  } else if (budget.useCache) {
    bool negated = false;
    if (const CachedAnswer* c = cache.find(s.exprIds, goal, negated)) {
      if (!negated) {
        Answer a = c->answer;
        a.method = Method::Cache;
        a.because = labelsOfExprs(c->becauseExprs, s);
        return a;
      }
      if (alwaysDefined(goal)) hint = negate(c->answer.verdict);
    }
  }
  std::optional<CachedAnswer> decided;
  IntervalProbe probe;
  if (!skipToSmt) {
    if (budget.useIntervals) decided = intervalTier(goal, s, probe);
    if (!decided && budget.useIntervals && budget.useLinear && !probe.mayRaise) {
      // most open goals can fire (Required): the start of the firing search often finds where,
      // and then F ∧ ¬goal is satisfiable and the linear tier would be refuting it in vain
      firstFiring(goal, s, probe);
    }
    if (!decided && budget.useIntervals && budget.useLinear && !probe.firing) {
      decided = linearTier(goal, s, probe);
      if (decided) ++refutedOpen;
    }
    if (!decided) decided = witnessTier(goal, s, probe);
  }
  if (!decided && budget.useSmt && !budget.evidence) decided = sharedSmtTier(goal, s, hint);
  if (!decided && budget.useSmt) decided = smtTier(goal, s, hint);
  if (!decided) return unknown("undecided (SMT disabled)");
  if (budget.useCache) cache.store(s.exprIds, goal, *decided);
  Answer a = decided->answer;
  a.because = labelsOfExprs(decided->becauseExprs, s);
  return a;
}

std::optional<Verdict> Prover::Impl::negate(Verdict v) {
  switch (v) {
    case Verdict::Redundant: return Verdict::Fails;
    case Verdict::Fails: return Verdict::Redundant;
    case Verdict::Required: return Verdict::Required;
    case Verdict::Unreachable: return Verdict::Unreachable;
    case Verdict::Unknown: return std::nullopt;
  }
  return std::nullopt;
}

Prover::Prover(ir::ExprContext& cx, Budget budget) : impl_(std::make_unique<Impl>(cx, budget)) {}
Prover::~Prover() = default;

Prover::Scope::Scope(Prover& p) : p_(p) { p_.impl_->push(); }
Prover::Scope::~Scope() { p_.impl_->pop(); }

void Prover::addFact(ExprRef fact, const std::string& label) { impl_->addFact(fact, label); }

void Prover::define(ExprRef sym, ExprRef def, const std::string& label) {
  impl_->addFact(impl_->cx.eq(sym, def), label);
}

Answer Prover::prove(ExprRef goal) { return impl_->prove(goal); }
Answer Prover::checkFacts() { return impl_->checkFacts(); }
Range Prover::range(ExprRef e) { return impl_->range(e); }
const ProverStats& Prover::stats() const { return impl_->stats; }
const Budget& Prover::budget() const { return impl_->budget; }

}  // namespace symrange::solver
