// solver/IntervalEval.cpp — one transfer function per expression kind (see Interval.h for the
// contracts of the arithmetic ones).
#include "solver/IntervalEval.h"

#include <bit>
#include <vector>

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

namespace {
template <ExprKind>
constexpr bool kNoTransferFunction = false;
}  // namespace

IntervalValue IntervalEvaluator::visit(ExprRef e, ir::Kind<ExprKind::IntConst>) {
  return {Interval::point(e->intValue()), false};
}
IntervalValue IntervalEvaluator::visit(ExprRef e, ir::Kind<ExprKind::BigIntConst>) {
  return {Interval::beyondInt64(e->intSign()), false};
}
IntervalValue IntervalEvaluator::visit(ExprRef e, ir::Kind<ExprKind::BoolConst>) {
  return {Interval::ofBool(e->boolValue()), false};
}
IntervalValue IntervalEvaluator::visit(ExprRef, ir::Kind<ExprKind::FloatConst>) {
  return {Interval::full(), false};
}
IntervalValue IntervalEvaluator::visit(ExprRef, ir::Kind<ExprKind::IntInf>) {
  return {Interval::full(), true};  // unsupported inside arithmetic
}
IntervalValue IntervalEvaluator::visit(ExprRef e, ir::Kind<ExprKind::Symbol>) {
  if (e->type() == ExprType::Bool) return {bounds_(e).intersect(Interval::boolUnknown()), false};
  if (e->type() == ExprType::Float) return {Interval::full(), false};
  return {bounds_(e), false};
}

template <ExprKind K>
  requires(!ir::isLeafKind(K))
IntervalValue IntervalEvaluator::visit(ExprRef e, ir::Kind<K>) {
  // operand intervals: inline for the usual arities (this runs for every node of every
  // propagation step; a heap vector here was most of the interval tier's allocations)
  constexpr std::size_t kInline = 4;
  Interval inlineOps[kInline];
  std::vector<Interval> heapOps;
  if (e->arity() > kInline) heapOps.resize(e->arity());
  Interval* v = heapOps.empty() ? inlineOps : heapOps.data();
  const std::size_t n = e->arity();
  std::size_t k = 0;
  bool mayRaise = false;
  bool anyFloat = false;
  for (ExprRef o : e->ops()) {
    IntervalValue r = eval(o);
    v[k++] = r.value;
    mayRaise |= r.mayRaise;
    anyFloat |= o->type() == ExprType::Float;
  }
  auto fold = [&](Interval (Interval::*op)(const Interval&) const) {
    Interval r = v[0];
    for (std::size_t i = 1; i < n; ++i) r = (r.*op)(v[i]);
    return r;
  };
  auto result = [&](Interval r) -> IntervalValue {
    if (e->type() == ExprType::Float) return {Interval::full(), mayRaise};
    return {r, mayRaise};
  };
  if constexpr (K == ExprKind::Add) {
    return result(fold(&Interval::add));
  } else if constexpr (K == ExprKind::Mul) {
    return result(fold(&Interval::mul));
  } else if constexpr (K == ExprKind::Max) {
    return result(fold(&Interval::max));
  } else if constexpr (K == ExprKind::Min) {
    return result(fold(&Interval::min));
  } else if constexpr (K == ExprKind::Abs) {
    return result(v[0].abs());
  } else if constexpr (K == ExprKind::FloorDiv || K == ExprKind::Mod || K == ExprKind::PythonMod ||
                       K == ExprKind::CeilDiv) {
    // a zero divisor raises (ZeroDivisionError); floats here are unsupported by ir::evaluate
    mayRaise |= anyFloat || v[1].contains(0);
    if (anyFloat) return {Interval::full(), mayRaise};
    if constexpr (K == ExprKind::FloorDiv) return result(v[0].floorDiv(v[1]));
    if constexpr (K == ExprKind::CeilDiv) return result(v[0].ceilDiv(v[1]));
    return result(v[0].mod(v[1]));
  } else if constexpr (K == ExprKind::PowByNatural) {
    mayRaise |= anyFloat || !Interval::atLeast(0).containsAll(v[1]);
    return result(v[0].pow(v[1]));
  } else if constexpr (K == ExprKind::TruncToInt || K == ExprKind::ToFloat) {
    return {Interval::full(), mayRaise};
  } else if constexpr (K == ExprKind::TrueDiv) {
    mayRaise |= e->op(1)->type() == ExprType::Float || v[1].contains(0);
    return {Interval::full(), mayRaise};
  } else if constexpr (ir::isComparison(K)) {
    if (anyFloat) return {Interval::boolUnknown(), mayRaise};
    if constexpr (K == ExprKind::Eq) return {v[0].cmpEq(v[1]), mayRaise};
    if constexpr (K == ExprKind::Ne) return {v[0].cmpNe(v[1]), mayRaise};
    if constexpr (K == ExprKind::Lt) return {v[0].cmpLt(v[1]), mayRaise};
    if constexpr (K == ExprKind::Le) return {v[0].cmpLe(v[1]), mayRaise};
    if constexpr (K == ExprKind::Gt) return {v[0].cmpGt(v[1]), mayRaise};
    if constexpr (K == ExprKind::Ge) return {v[0].cmpGe(v[1]), mayRaise};
  } else if constexpr (K == ExprKind::And || K == ExprKind::Or || K == ExprKind::Not) {
    // ir::evaluate accepts only booleans here
    for (ExprRef o : e->ops()) mayRaise |= o->type() != ExprType::Bool;
    if constexpr (K == ExprKind::Not) return {v[0].boolNot(), mayRaise};
    return {fold(K == ExprKind::And ? &Interval::boolAnd : &Interval::boolOr), mayRaise};
  } else if constexpr (K == ExprKind::Where) {
    return result(Interval::where(v[0], v[1], v[2]));
  } else if constexpr (K == ExprKind::Apply) {
    return {e->type() == ExprType::Bool ? Interval::boolUnknown() : Interval::full(), mayRaise};
  } else {
    static_assert(kNoTransferFunction<K>, "a new ExprKind needs its interval transfer function");
  }
}

namespace interval_detail {

TrackedInterval* TrackedMemo::find(ExprRef e) {
  if (slots_.empty()) return nullptr;
  const std::uint32_t key = e->id() + 1;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = home(key);; i = (i + 1) & mask) {
    if (slots_[i].key == key) return &slots_[i].t;
    if (slots_[i].key == 0) return nullptr;
  }
}

void TrackedMemo::put(ExprRef e, const TrackedInterval& t) {
  if (2 * (used_ + 1) > slots_.size()) {
    std::vector<Slot> old;
    old.swap(slots_);
    bits_ = bits_ == 0 ? 5 : bits_ + 1;
    slots_.resize(std::size_t{1} << bits_);
    used_ = 0;
    for (const Slot& s : old) {
      if (s.key != 0) put(s.key - 1, s.t);
    }
  }
  put(e->id(), t);
}

void TrackedMemo::put(std::uint32_t id, const TrackedInterval& t) {
  const std::uint32_t key = id + 1;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = home(key);; i = (i + 1) & mask) {
    if (slots_[i].key == 0) {
      slots_[i] = Slot{key, t};
      ++used_;
      return;
    }
  }
}

}  // namespace interval_detail

IntervalValue IntervalEvaluator::tracked(ExprRef e) {
  interval_detail::IncrementalState& inc = *inc_;
  if (e->arity() == 0) {
    if (!e->isSymbol()) return dispatch(e);
    // a symbol's bounds are memoised too (asking the owner walks its layers), current while
    // the symbol's bit has not changed since
    const std::uint64_t bit = symbolBit(e);
    inc.below |= bit;
    interval_detail::TrackedInterval* hit = inc.memo.find(e);
    if (hit != nullptr && inc.changedAt[e->id() % 64] <= hit->at) return hit->value;
    const IntervalValue v = dispatch(e);
    const interval_detail::TrackedInterval t{v, bit, inc.now};
    if (hit != nullptr) {
      *hit = t;
    } else {
      inc.memo.put(e, t);
    }
    return v;
  }
  interval_detail::TrackedInterval* hit = inc.memo.find(e);
  if (hit != nullptr) {
    bool current = true;
    if (hit->at != inc.now) {
      for (std::uint64_t m = hit->symbols; m != 0 && current; m &= m - 1) {
        current = inc.changedAt[std::countr_zero(m)] <= hit->at;
      }
      // current now: no symbol below it changed up to now (the next look needs no walk)
      if (current) hit->at = inc.now;
    }
    if (current) {
      inc.below |= hit->symbols;
      return hit->value;
    }
  }
  const std::uint64_t outer = inc.below;
  inc.below = 0;
  // operands first (they may add entries: `hit` is looked up again after)
  IntervalValue v = dispatch(e);
  const interval_detail::TrackedInterval t{v, inc.below, inc.now};
  inc.below |= outer;
  if (hit != nullptr) {
    *inc.memo.find(e) = t;
  } else {
    inc.memo.put(e, t);
  }
  return v;
}

IntervalValue IntervalEvaluator::eval(ExprRef e) { return (*this)(e); }

void IntervalEvaluator::changed(ExprRef sym) {
  if (inc_) inc_->changedAt[sym->id() % 64] = ++inc_->now;
}

IntervalValue evalInterval(ExprRef e, const SymbolBounds& bounds) {
  IntervalEvaluator ev(bounds);
  return ev.eval(e);
}

}  // namespace symrange::solver
