// solver/WitnessSearch.cpp — labeling over propagated boxes and concrete confirmation.
#include "solver/internal/WitnessSearch.h"

#include <algorithm>

#include "ir/ExprEval.h"

namespace symrange::solver {

using ir::ExprRef;
using ir::ExprType;

Truth truthAt(ExprRef e, const Assignment& point) {
  ir::EvalResult r = ir::evaluate(e, [&point](ExprRef s) -> std::optional<ir::Value> {
    for (const auto& [sym, v] : point) {
      if (sym == s) {
        return s->type() == ExprType::Bool ? ir::Value::ofBool(v != 0) : ir::Value::ofInt(v);
      }
    }
    return std::nullopt;
  });
  if (r.error == ir::EvalError::DivisionByZero) return Truth::Raises;
  if (!r.value || r.value->type != ir::Value::Type::Bool) return Truth::Unknown;
  return r.value->i != 0 ? Truth::True : Truth::False;
}

Truth factTruthAt(ExprRef e, const Assignment& point) {
  const bool isAnd = e->kind() == ir::ExprKind::And;
  if (!isAnd && e->kind() != ir::ExprKind::Or) return truthAt(e, point);
  // And: True when every operand holds; Or: True when one does. Otherwise False, or Unknown
  // when an operand could not be evaluated.
  bool unknownSeen = false;
  for (ExprRef o : e->ops()) {
    const Truth t = factTruthAt(o, point);
    if (t == Truth::Unknown) unknownSeen = true;
    if (isAnd && t != Truth::True && t != Truth::Unknown) return Truth::False;
    if (!isAnd && t == Truth::True) return Truth::True;
  }
  if (unknownSeen) return Truth::Unknown;
  return isAnd ? Truth::True : Truth::False;
}

namespace {

/// The values to try for a symbol, best first: the preferred one, its neighbours inward, and
/// the far end.
std::vector<std::int64_t> candidates(const Interval& iv, LabelStrategy s) {
  std::vector<std::int64_t> out;
  if (iv.isEmpty()) return out;
  auto add = [&](std::int64_t v) {
    if (iv.contains(v) && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  };
  if (s == LabelStrategy::Far) {
    if (!iv.hasHi()) add(kFarValue);
    if (!iv.hasLo()) add(-kFarValue);
  }
  std::int64_t first = *iv.clamp(0);
  if (s == LabelStrategy::Low && iv.hasLo()) first = iv.lo();
  if (s == LabelStrategy::High && iv.hasHi()) first = iv.hi();
  add(first);
  // step away from the first choice, toward the inside of the interval
  const bool up = !(s == LabelStrategy::High && iv.hasHi()) && (!iv.hasHi() || first < iv.hi());
  for (std::int64_t d = 1; d <= 3; ++d) {
    if (up ? first <= Interval::kPosInf - d : first >= Interval::kNegInf + d) add(up ? first + d : first - d);
    if (first >= Interval::kNegInf + d && first <= Interval::kPosInf - d) add(up ? first - d : first + d);
  }
  if (iv.hasLo()) add(iv.lo());
  if (iv.hasHi()) add(iv.hi());
  return out;
}

class Labeler {
 public:
  Labeler(const std::vector<Constraint>& cons, const Propagator::Touching& touching,
          const std::vector<ExprRef>& symbols, LabelStrategy strategy, std::size_t maxRevisions,
          std::size_t maxNodes, const std::function<bool(const Assignment&)>& accept)
      : cons_(cons), touching_(touching), symbols_(symbols), strategy_(strategy),
        maxRevisions_(maxRevisions), nodesLeft_(maxNodes), accept_(accept) {}

  bool search(const Box& box, std::size_t k) {
    if (k == symbols_.size()) return accept_(point_);
    ExprRef s = symbols_[k];
    if (s->type() == ExprType::Float) return false;
    SymBound b = box.get(s);
    for (std::int64_t v : candidates(b.iv, strategy_)) {
      if (nodesLeft_ == 0) return false;
      --nodesLeft_;
      Box child = box;
      if (!b.iv.isPoint()) {
        SymBound pinned = b;
        pinned.iv = Interval::point(v);
        child.set(pinned);
        std::vector<std::size_t> start;
        for (ExprRef changed : child.takeChanged()) touching_(changed, start);
        Propagator prop(child, cons_, touching_, Propagator::Deps::Skip);
        if (!prop.run(start, maxRevisions_)) continue;
      }
      point_.emplace_back(s, v);
      if (search(child, k + 1)) return true;
      point_.pop_back();
    }
    return false;
  }

  Assignment point_;

 private:
  const std::vector<Constraint>& cons_;
  const Propagator::Touching& touching_;
  const std::vector<ExprRef>& symbols_;
  LabelStrategy strategy_;
  std::size_t maxRevisions_;
  std::size_t nodesLeft_;
  const std::function<bool(const Assignment&)>& accept_;
};

}  // namespace

std::optional<Assignment> labelBox(const Box& box, const std::vector<Constraint>& constraints,
                                   const Propagator::Touching& touching,
                                   const std::vector<ExprRef>& symbols, LabelStrategy strategy,
                                   std::size_t maxRevisions, std::size_t maxNodes,
                                   const std::function<bool(const Assignment&)>& accept) {
  if (box.conflict()) return std::nullopt;
  Labeler l(constraints, touching, symbols, strategy, maxRevisions, maxNodes, accept);
  // choices go on a layer of their own: each search node copies only that layer, never `box`
  // (the prover's box of every fact, with its reasons and undo log)
  const Box top(&box);
  if (!l.search(top, 0)) return std::nullopt;
  return l.point_;
}

}  // namespace symrange::solver
