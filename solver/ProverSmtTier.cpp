// solver/ProverSmtTier.cpp — the Z3 tier of prove(): F ∧ ¬goal on a fresh solver (its core or
// model is the evidence), F ∧ goal on another fresh solver in the same context (or certified
// by a known point), and the confirmation of every model with ir::evaluate.
#include "solver/internal/ProverImpl.h"

#include <algorithm>
#include <functional>

#include "ir/ExprEval.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;
using namespace prover_detail;

void Prover::Impl::remember(const Assignment& p) {
  if (p.empty()) return;
  pool.push_front(p);
  if (pool.size() > kPoolSize) pool.pop_back();
}

std::optional<Assignment> Prover::Impl::restrictedTo(const Assignment& known,
                                                     const std::vector<ExprRef>& symbols) const {
  if (!std::is_sorted(known.begin(), known.end(), [](const auto& a, const auto& b) {
        return a.first->id() < b.first->id();
      })) {
    return std::nullopt;
  }
  Assignment p;
  p.reserve(symbols.size());
  auto it = known.begin();
  for (ExprRef sym : symbols) {
    if (sym->type() == ExprType::Float) return std::nullopt;
    while (it != known.end() && it->first->id() < sym->id()) ++it;
    if (it == known.end() || it->first != sym || !box.interval(sym).contains(it->second)) {
      return std::nullopt;
    }
    p.emplace_back(sym, it->second);
  }
  return p;
}

bool Prover::Impl::certifiedByPool(const Slice& s, ExprRef goal) {
  if (!budget.useIntervals || s.symbols.size() > kMaxLabelSymbols) return false;
  std::vector<Constraint> cons;
  for (FactIndex i : s.facts) cons.push_back(factConstraints[i]);
  cons.push_back(Constraint{goal, true, kGoalDep, true});
  std::vector<ExprRef> goalSyms = ir::freeSymbols(goal);
  Propagator::Touching touching = touchingIn(s, &goalSyms, s.facts.size());
  std::function<bool(const Assignment&)> accept = [&](const Assignment& p) {
    for (ExprRef f : s.exprs) {
      if (factTruthAt(f, p) != Truth::True) return false;
    }
    return truthAt(goal, p) == Truth::True;
  };
  const bool fewSymbols = s.symbols.size() <= kPoolNodes;
  for (const Assignment& known : pool) {
    if (fewSymbols) {
      // a known point with a value in bounds for every symbol of the slice: labeling it would
      // pin them all, one node each, and put exactly this point to `accept` (propagation never
      // empties a box around a point where every constraint holds), so it is asked directly
      if (std::optional<Assignment> p = restrictedTo(known, s.symbols)) {
        if (accept(*p)) {
          remember(*p);
          return true;
        }
        continue;
      }
    }
    Box b(&box);
    bool fits = true;
    for (const auto& [sym, v] : known) {
      if (!std::binary_search(s.symbols.begin(), s.symbols.end(), sym, ir::ExprIdLess{})) continue;
      SymBound sb = b.get(sym);
      if (!sb.iv.contains(v)) {
        fits = false;
        break;
      }
      sb.iv = Interval::point(v);
      b.set(sb);
    }
    if (!fits) continue;
    std::vector<std::size_t> start;
    for (ExprRef changed : b.takeChanged()) touching(changed, start);
    start.push_back(s.facts.size());
    Propagator prop(b, cons, touching, Propagator::Deps::Skip);
    if (!prop.run(start, kRevisionsPerQuery)) continue;
    if (auto p = labelBox(b, cons, touching, s.symbols, LabelStrategy::NearZero,
                          kRevisionsPerQuery, kPoolNodes, accept)) {
      remember(*p);
      return true;
    }
  }
  return false;
}

SmtBackend& Prover::Impl::backend() {
  if (!smt) smt = std::make_unique<SmtBackend>(budget);
  return *smt;
}

std::vector<std::uint32_t> Prover::Impl::idsOf(const std::vector<ExprRef>& core) {
  std::vector<std::uint32_t> out;
  for (ExprRef e : core) out.push_back(e->id());
  return out;
}

std::optional<std::string> Prover::Impl::confirm(const SmtResult& r, const Slice& s, ExprRef goal,
                                   bool goalTrue, Assignment& point) const {
  if (!r.modelFits) return "witness out of int64";
  point.clear();
  for (const auto& [sym, v] : r.model) {
    if (sym->type() == ExprType::Float) return "unsupported: float witness";
    point.emplace_back(sym, v.i);
  }
  auto explain = [&](ExprRef e) -> std::string {
    ir::EvalResult er = ir::evaluate(e, [&](ExprRef sym) -> std::optional<ir::Value> {
      for (const auto& [p, v] : point) {
        if (p == sym) return sym->type() == ExprType::Bool ? ir::Value::ofBool(v) : ir::Value::ofInt(v);
      }
      return std::nullopt;
    });
    if (er.error == ir::EvalError::Overflow) return "witness overflows int64";
    if (er.error == ir::EvalError::Unsupported) return "unsupported: approximated function";
    return r.exact ? "witness not confirmed" : "unsupported: approximated function";
  };
  for (ExprRef f : s.exprs) {
    if (factTruthAt(f, point) != Truth::True) return explain(f);
  }
  Truth g = truthAt(goal, point);
  bool ok = goalTrue ? g == Truth::True : (g == Truth::False || g == Truth::Raises);
  if (!ok) return explain(goal);
  return std::nullopt;
}

CachedAnswer Prover::Impl::smtAnswer(Verdict v, const std::vector<ExprRef>& core) const {
  CachedAnswer c;
  c.answer = make(v, Method::Smt);
  c.becauseExprs = idsOf(core);
  return c;
}

namespace {

/// The caller's hint says F ∧ goal is satisfiable, given what F ∧ ¬goal gave.
bool hintSaysHoldsSat(const SmtResult& fires, std::optional<Verdict> hint) {
  return hint && ((fires.result == SatResult::Unsat && *hint == Verdict::Redundant) ||
                  (fires.result == SatResult::Sat && *hint == Verdict::Required));
}

}  // namespace

bool Prover::Impl::holdsKnownSat(const SmtResult& fires, const Slice& s, ExprRef goal,
                                 std::optional<Verdict> hint) {
  if (hintSaysHoldsSat(fires, hint) && fires.exact) return true;
  // F ∧ goal is F itself when F ∧ ¬goal is unsat: a known satisfiable slice settles it
  auto known = componentStatus.find(s.exprIds);
  const bool sliceSat = known != componentStatus.end() && known->second.status == SatResult::Sat;
  return (fires.result == SatResult::Unsat && sliceSat) || certifiedByPool(s, goal);
}

std::optional<CachedAnswer> Prover::Impl::smtTier(ExprRef goal, const Slice& s, std::optional<Verdict> hint) {
  SmtBackend& z3 = backend();
  EvidenceScope evidence(z3);  // this query's cores and models come from a fresh context
  ++stats.smtQueries;
  // F ∧ ¬goal on a fresh solver: its core or model is the evidence
  SmtQuery q = queryOver(s, goal);
  SmtResult fires = z3.checkFresh(q);
  if (fires.result == SatResult::Unknown) return CachedAnswer{unknown(fires.reason), {}};
  // F ∧ goal (no evidence needed when sat)
  q.mode = GoalMode::Holds;
  SmtResult holds;
  if (holdsKnownSat(fires, s, goal, hint)) {
    holds.result = SatResult::Sat;
  } else {
    holds = z3.checkFresh(q);  // in this query's context: no second context to create
    Assignment passing;
    if (holds.result == SatResult::Sat && !confirm(holds, s, goal, true, passing)) remember(passing);
  }
  if (fires.result == SatResult::Sat || holds.result == SatResult::Sat) {
    ComponentStatus st;  // either side satisfiable: so are the facts
    st.status = SatResult::Sat;
    st.method = Method::Smt;
    componentStatus.emplace(s.exprIds, st);
  }
  if (fires.result == SatResult::Unsat) {
    if (holds.result == SatResult::Unsat) {
      // both sides unsat: the facts themselves are contradictory
      q.mode = GoalMode::None;
      SmtResult f = z3.checkFresh(q);
      if (f.result == SatResult::Unsat) return smtAnswer(Verdict::Unreachable, f.core);
      std::vector<ExprRef> both = fires.core;
      both.insert(both.end(), holds.core.begin(), holds.core.end());
      std::sort(both.begin(), both.end(), ir::ExprIdLess{});
      both.erase(std::unique(both.begin(), both.end()), both.end());
      return smtAnswer(Verdict::Unreachable, both);
    }
    return smtAnswer(Verdict::Redundant, fires.core);
  }
  // the check can fire: confirm the model as a real execution point
  Assignment firing;
  if (auto why = confirm(fires, s, goal, false, firing)) return CachedAnswer{unknown(*why), {}};
  remember(firing);
  if (holds.result == SatResult::Unknown) return CachedAnswer{unknown(holds.reason), {}};
  if (holds.result == SatResult::Sat) {
    if (!holds.exact && !hintSaysHoldsSat(fires, hint)) {
      Assignment passing;
      if (auto why = confirm(holds, s, goal, true, passing)) return CachedAnswer{unknown(*why), {}};
    }
    CachedAnswer c = smtAnswer(Verdict::Required, {});
    c.answer.witness = witnessOf(firing);
    return c;
  }
  // F ∧ goal unsat: the check always fires. Its core comes from a fresh solver.
  SmtResult core = z3.checkFresh(q);
  CachedAnswer c =
      smtAnswer(Verdict::Fails, core.result == SatResult::Unsat ? core.core : holds.core);
  c.answer.witness = witnessOf(firing);
  return c;
}

}  // namespace symrange::solver
