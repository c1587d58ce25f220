// solver/WitnessSearch.cpp — labeling over propagated boxes and concrete confirmation.
#include "solver/internal/WitnessSearch.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_map>

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
  using K = ir::ExprKind;
  using Out = std::optional<SmallValue>;
  if (--budget < 0) return std::nullopt;
  constexpr std::size_t kInline = 4;
  SmallValue v[kInline];
  const std::size_t n = e->arity();
  // the operands first, for the kinds evaluated here (all of them have 1 to kInline operands)
  auto operands = [&]() -> bool {
    if (n > kInline || n == 0) return false;
    for (std::size_t i = 0; i < n; ++i) {
      Out r = smallEval(e->op(i), point, budget);
      if (!r) return false;
      v[i] = *r;
    }
    return true;
  };
  return ir::visitKind<Out>(e, [&]<K k>(ir::Kind<k>) -> Out {
    if constexpr (k == K::IntConst) {
      return SmallValue{e->intValue(), false};
    } else if constexpr (k == K::BoolConst) {
      return SmallValue{e->boolValue() ? 1 : 0, true};
    } else if constexpr (k == K::Symbol) {
      if (e->type() == ExprType::Float) return std::nullopt;
      for (const auto& [sym, val] : point) {
        if (sym == e) {
          if (e->type() == ExprType::Bool) return SmallValue{val != 0 ? 1 : 0, true};
          return SmallValue{val, false};
        }
      }
      return std::nullopt;
    } else if constexpr (k == K::BigIntConst || k == K::FloatConst || k == K::IntInf ||
                         k == K::PowByNatural || k == K::TruncToInt || k == K::ToFloat ||
                         k == K::TrueDiv || k == K::Apply) {
      return std::nullopt;  // not plain int64 arithmetic: ir::evaluate decides
    } else {
      if (!operands()) return std::nullopt;
      if constexpr (k == K::Add || k == K::Mul) {
        std::int64_t acc = k == K::Add ? 0 : 1;
        for (std::size_t i = 0; i < n; ++i) {
          const bool overflow = k == K::Add ? __builtin_add_overflow(acc, v[i].v, &acc)
                                            : __builtin_mul_overflow(acc, v[i].v, &acc);
          if (overflow) return std::nullopt;
        }
        return SmallValue{acc, false};
      } else if constexpr (k == K::FloorDiv || k == K::CeilDiv) {
        if (v[1].v == 0) return std::nullopt;
        auto q = k == K::FloorDiv ? ir::pyFloorDivChecked(v[0].v, v[1].v)
                                  : ir::pyCeilDivChecked(v[0].v, v[1].v);
        if (!q) return std::nullopt;
        return SmallValue{*q, false};
      } else if constexpr (k == K::Mod || k == K::PythonMod) {
        if (v[1].v == 0) return std::nullopt;
        return SmallValue{ir::pyMod(v[0].v, v[1].v), false};
      } else if constexpr (k == K::Max || k == K::Min) {
        // the first extreme operand, with its type (Python's max/min)
        SmallValue best = v[0];
        for (std::size_t i = 1; i < n; ++i) {
          if (k == K::Max ? v[i].v > best.v : v[i].v < best.v) best = v[i];
        }
        return best;
      } else if constexpr (k == K::Abs) {
        if (v[0].v == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
        return SmallValue{v[0].v < 0 ? -v[0].v : v[0].v, false};
      } else if constexpr (ir::isComparison(k)) {
        const std::int64_t a = v[0].v, b = v[1].v;
        bool r = false;
        if constexpr (k == K::Eq) r = a == b;
        if constexpr (k == K::Ne) r = a != b;
        if constexpr (k == K::Lt) r = a < b;
        if constexpr (k == K::Le) r = a <= b;
        if constexpr (k == K::Gt) r = a > b;
        if constexpr (k == K::Ge) r = a >= b;
        return SmallValue{r ? 1 : 0, true};
      } else if constexpr (k == K::And || k == K::Or) {
        bool r = k == K::And;
        for (std::size_t i = 0; i < n; ++i) {
          if (!v[i].isBool) return std::nullopt;
          r = k == K::And ? (r && v[i].v != 0) : (r || v[i].v != 0);
        }
        return SmallValue{r ? 1 : 0, true};
      } else if constexpr (k == K::Not) {
        if (!v[0].isBool) return std::nullopt;
        return SmallValue{v[0].v == 0 ? 1 : 0, true};
      } else if constexpr (k == K::Where) {
        return v[0].v != 0 ? v[1] : v[2];
      } else {
        static_assert(k != k, "smallEval: say whether this kind is plain int64 arithmetic");
      }
    }
  });
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

/// Depth-first labeling over one layer above the caller's box: a choice is written there and
/// propagated, and taken back by rolling the layer back to its mark. One propagator serves
/// every node, told of each pin and each rollback, so its incremental evaluator keeps the
/// intervals of every node above symbols the choice did not touch (a fresh propagator per node
/// evaluated every constraint from scratch). The intervals, and so the search, are the same.
class Labeler {
 public:
  Labeler(const Box& box, const std::vector<Constraint>& cons,
          const Propagator::Touching& touching, const std::vector<ExprRef>& symbols,
          LabelStrategy strategy, std::size_t maxRevisions, std::size_t maxNodes,
          const std::function<bool(const Assignment&)>& accept)
      : touching_(touching),
        memoTouching_([this](ExprRef sym, std::vector<std::size_t>& out) { touchingOf(sym, out); }),
        work_(&box), prop_(work_, cons, memoTouching_, Propagator::Deps::Skip),
        symbols_(symbols), strategy_(strategy), maxRevisions_(maxRevisions),
        nodesLeft_(maxNodes), accept_(accept) {}

  bool search(std::size_t k) {
    if (k == symbols_.size()) return accept_(point_);
    ExprRef s = symbols_[k];
    if (s->type() == ExprType::Float) return false;
    const SymBound b = work_.get(s);
    for (std::int64_t v : candidates(b.iv, strategy_)) {
      if (nodesLeft_ == 0) return false;
      --nodesLeft_;
      const Box::Mark m = work_.mark();
      if (!b.iv.isPoint()) {
        SymBound pinned = b;
        pinned.iv = Interval::point(v);
        const std::uint64_t before = work_.stamp();
        work_.set(std::move(pinned));
        const std::vector<ExprRef> changed = work_.takeChanged();
        prop_.boundsChanged(before, changed);
        std::vector<std::size_t> start;
        for (ExprRef c : changed) touchingOf(c, start);
        if (!prop_.run(start, maxRevisions_)) {
          undo(m);
          continue;
        }
      }
      point_.emplace_back(s, v);
      if (search(k + 1)) return true;
      point_.pop_back();
      undo(m);
    }
    return false;
  }

  Assignment point_;

 private:
  void undo(const Box::Mark& m) {
    const std::uint64_t before = work_.stamp();
    restored_.clear();
    work_.rollback(m, &restored_);
    prop_.boundsChanged(before, restored_);
  }

  /// touching_, memoised: the same symbols are looked up at every node (the caller's
  /// function walks every fact mentioning the symbol)
  void touchingOf(ExprRef sym, std::vector<std::size_t>& out) {
    auto it = touchingMemo_.find(sym);
    if (it == touchingMemo_.end()) {
      std::vector<std::size_t> positions;
      touching_(sym, positions);
      it = touchingMemo_.emplace(sym, std::move(positions)).first;
    }
    out.insert(out.end(), it->second.begin(), it->second.end());
  }

  const Propagator::Touching& touching_;
  std::unordered_map<ExprRef, std::vector<std::size_t>> touchingMemo_;
  const Propagator::Touching memoTouching_;
  Box work_;
  Propagator prop_;
  std::vector<ExprRef> restored_;
  const std::vector<ExprRef>& symbols_;
  LabelStrategy strategy_;
  std::size_t maxRevisions_;
  std::size_t nodesLeft_;
  const std::function<bool(const Assignment&)>& accept_;
};

}  // namespace

std::optional<Assignment> nearestZero(const Box& box, const std::vector<Constraint>& constraints,
                                      const std::vector<ExprRef>& symbols) {
  Assignment p;
  p.reserve(symbols.size());
  for (ExprRef s : symbols) {
    if (s->type() == ExprType::Float) return std::nullopt;
    const std::optional<std::int64_t> v = box.interval(s).clamp(0);
    if (!v) return std::nullopt;
    p.emplace_back(s, *v);
  }
  // last first: the goal's way comes after the facts, and fails most often
  for (auto it = constraints.rbegin(); it != constraints.rend(); ++it) {
    const Constraint& c = *it;
    if (c.side != 0) return std::nullopt;
    if (c.want) {
      if (truthAt(c.expr, p) != Truth::True) return std::nullopt;  // defined throughout
    } else {
      const Truth t = truthAt(c.expr, p);
      if (!(t == Truth::False || (t == Truth::Raises && !c.impliesDefined))) return std::nullopt;
    }
  }
  return p;
}

std::optional<Assignment> labelBox(const Box& box, const std::vector<Constraint>& constraints,
                                   const Propagator::Touching& touching,
                                   const std::vector<ExprRef>& symbols, LabelStrategy strategy,
                                   std::size_t maxRevisions, std::size_t maxNodes,
                                   const std::function<bool(const Assignment&)>& accept) {
  if (box.conflict()) return std::nullopt;
  if (strategy == LabelStrategy::NearZero && symbols.size() <= maxNodes) {
    // Every symbol at the value nearest 0 of its interval: the search's first leaf when every
    // constraint holds there. (Propagation never removes a value some solution inside the box
    // takes, so after each pin on the way down the next symbol's interval still holds that
    // value, which is then still the one nearest 0: the search goes straight down to this
    // point.) Asked directly, without the propagation at each of those choices.
    if (std::optional<Assignment> p = nearestZero(box, constraints, symbols); p && accept(*p)) {
      return p;
    }
  }
  // choices go on a layer of their own over `box` (the prover's box of every fact, with its
  // reasons and undo log), never into it
  Labeler l(box, constraints, touching, symbols, strategy, maxRevisions, maxNodes, accept);
  if (!l.search(0)) return std::nullopt;
  return l.point_;
}

}  // namespace symrange::solver
