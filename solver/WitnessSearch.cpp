// solver/WitnessSearch.cpp — labeling over propagated boxes and concrete confirmation.
#include "solver/internal/WitnessSearch.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "ir/ExprEval.h"

namespace symrange::solver {

using ir::ExprRef;
using ir::ExprType;

namespace {

/// A value of the int64 fast path of truthAt: an integer or a boolean (0/1), as ir::Value.
struct SmallValue {
  std::int64_t v = 0;
  bool isBool = false;
};

/// Evaluates `e` at `point` as ir::evaluate would, but only where that is plain int64
/// arithmetic: nullopt whenever anything else might happen (a float, a big constant, an
/// overflow, a zero divisor, an unassigned symbol, an unsupported kind, a large walk), and the
/// caller then asks ir::evaluate. Where it gives a value, ir::evaluate gives the same one: every
/// intermediate result fits int64, so its exact integers never leave int64 either, and no error
/// can occur. No memo: a walk longer than `budget` nodes stops (DAGs with much sharing).
std::optional<SmallValue> smallEval(ExprRef e, const Assignment& point, int& budget) {
  if (--budget < 0) return std::nullopt;
  switch (e->kind()) {
    case ir::ExprKind::IntConst: return SmallValue{e->intValue(), false};
    case ir::ExprKind::BoolConst: return SmallValue{e->boolValue() ? 1 : 0, true};
    case ir::ExprKind::Symbol:
      if (e->type() == ExprType::Float) return std::nullopt;
      for (const auto& [sym, v] : point) {
        if (sym == e) {
          if (e->type() == ExprType::Bool) return SmallValue{v != 0 ? 1 : 0, true};
          return SmallValue{v, false};
        }
      }
      return std::nullopt;
    default: break;
  }
  using K = ir::ExprKind;
  const K k = e->kind();
  const bool known = k == K::Add || k == K::Mul || k == K::FloorDiv || k == K::CeilDiv ||
                     k == K::Mod || k == K::PythonMod || k == K::Max || k == K::Min ||
                     k == K::Abs || ir::isComparison(k) || k == K::And || k == K::Or ||
                     k == K::Not || k == K::Where;
  if (!known) return std::nullopt;
  constexpr std::size_t kInline = 4;
  if (e->arity() > kInline || e->arity() == 0) return std::nullopt;
  SmallValue v[kInline];
  const std::size_t n = e->arity();
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<SmallValue> r = smallEval(e->op(i), point, budget);
    if (!r) return std::nullopt;
    v[i] = *r;
  }
  switch (k) {
    case ir::ExprKind::Add: {
      std::int64_t acc = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (__builtin_add_overflow(acc, v[i].v, &acc)) return std::nullopt;
      }
      return SmallValue{acc, false};
    }
    case ir::ExprKind::Mul: {
      std::int64_t acc = 1;
      for (std::size_t i = 0; i < n; ++i) {
        if (__builtin_mul_overflow(acc, v[i].v, &acc)) return std::nullopt;
      }
      return SmallValue{acc, false};
    }
    case ir::ExprKind::FloorDiv:
    case ir::ExprKind::CeilDiv: {
      if (v[1].v == 0) return std::nullopt;
      auto q = k == ir::ExprKind::FloorDiv ? ir::pyFloorDivChecked(v[0].v, v[1].v)
                                           : ir::pyCeilDivChecked(v[0].v, v[1].v);
      if (!q) return std::nullopt;
      return SmallValue{*q, false};
    }
    case ir::ExprKind::Mod:
    case ir::ExprKind::PythonMod:
      if (v[1].v == 0) return std::nullopt;
      return SmallValue{ir::pyMod(v[0].v, v[1].v), false};
    case ir::ExprKind::Max:
    case ir::ExprKind::Min: {
      // the first extreme operand, with its type (Python's max/min)
      SmallValue best = v[0];
      for (std::size_t i = 1; i < n; ++i) {
        if (k == ir::ExprKind::Max ? v[i].v > best.v : v[i].v < best.v) best = v[i];
      }
      return best;
    }
    case ir::ExprKind::Abs:
      if (v[0].v == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
      return SmallValue{v[0].v < 0 ? -v[0].v : v[0].v, false};
    case ir::ExprKind::Eq: return SmallValue{v[0].v == v[1].v, true};
    case ir::ExprKind::Ne: return SmallValue{v[0].v != v[1].v, true};
    case ir::ExprKind::Lt: return SmallValue{v[0].v < v[1].v, true};
    case ir::ExprKind::Le: return SmallValue{v[0].v <= v[1].v, true};
    case ir::ExprKind::Gt: return SmallValue{v[0].v > v[1].v, true};
    case ir::ExprKind::Ge: return SmallValue{v[0].v >= v[1].v, true};
    case ir::ExprKind::And:
    case ir::ExprKind::Or: {
      const bool isAnd = k == ir::ExprKind::And;
      bool r = isAnd;
      for (std::size_t i = 0; i < n; ++i) {
        if (!v[i].isBool) return std::nullopt;
        r = isAnd ? (r && v[i].v != 0) : (r || v[i].v != 0);
      }
      return SmallValue{r ? 1 : 0, true};
    }
    case ir::ExprKind::Not:
      if (!v[0].isBool) return std::nullopt;
      return SmallValue{v[0].v == 0 ? 1 : 0, true};
    case ir::ExprKind::Where:
      return v[0].v != 0 ? v[1] : v[2];
    default: return std::nullopt;
  }
}

}  // namespace

Truth truthAt(ExprRef e, const Assignment& point) {
  // plain int64 arithmetic first (no allocation); anything else through ir::evaluate
  int budget = 256;
  if (std::optional<SmallValue> r = smallEval(e, point, budget)) {
    if (!r->isBool) return Truth::Unknown;
    return r->v != 0 ? Truth::True : Truth::False;
  }
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
