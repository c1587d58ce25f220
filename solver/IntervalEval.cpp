// solver/IntervalEval.cpp — one transfer function per expression kind (see Interval.h for the
// contracts of the arithmetic ones).
#include "solver/IntervalEval.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

IntervalValue IntervalEvaluator::eval(ExprRef e) {
  if (e->arity() == 0) return compute(e);  // leaves are cheaper than a lookup
  for (auto it = memo_.rbegin(); it != memo_.rend(); ++it) {
    if (it->first == e) return it->second;
  }
  for (std::size_t i = inlineUsed_; i-- > 0;) {
    if (inlineMemo_[i].first == e) return inlineMemo_[i].second;
  }
  IntervalValue v = compute(e);
  if (inlineUsed_ < kInlineMemo) {
    inlineMemo_[inlineUsed_++] = {e, v};
  } else {
    memo_.emplace_back(e, v);
  }
  return v;
}

IntervalValue IntervalEvaluator::compute(ExprRef e) {
  switch (e->kind()) {
    case ExprKind::IntConst: return {Interval::point(e->intValue()), false};
    case ExprKind::BigIntConst: return {Interval::beyondInt64(e->intSign()), false};
    case ExprKind::BoolConst: return {Interval::ofBool(e->boolValue()), false};
    case ExprKind::FloatConst: return {Interval::full(), false};
    case ExprKind::IntInf: return {Interval::full(), true};  // unsupported inside arithmetic
    case ExprKind::Symbol:
      if (e->type() == ExprType::Bool) return {bounds_(e).intersect(Interval::boolUnknown()), false};
      if (e->type() == ExprType::Float) return {Interval::full(), false};
      return {bounds_(e), false};
    default: break;
  }
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
  switch (e->kind()) {
    case ExprKind::Add: return result(fold(&Interval::add));
    case ExprKind::Mul: return result(fold(&Interval::mul));
    case ExprKind::Max: return result(fold(&Interval::max));
    case ExprKind::Min: return result(fold(&Interval::min));
    case ExprKind::Abs: return result(v[0].abs());
    case ExprKind::FloorDiv:
    case ExprKind::Mod:
    case ExprKind::PythonMod:
    case ExprKind::CeilDiv: {
      // a zero divisor raises (ZeroDivisionError); floats here are unsupported by ir::evaluate
      mayRaise |= anyFloat || v[1].contains(0);
      if (anyFloat) return {Interval::full(), mayRaise};
      if (e->kind() == ExprKind::FloorDiv) return result(v[0].floorDiv(v[1]));
      if (e->kind() == ExprKind::CeilDiv) return result(v[0].ceilDiv(v[1]));
      return result(v[0].mod(v[1]));
    }
    case ExprKind::PowByNatural:
      mayRaise |= anyFloat || !Interval::atLeast(0).containsAll(v[1]);
      return result(v[0].pow(v[1]));
    case ExprKind::TruncToInt: return {Interval::full(), mayRaise};
    case ExprKind::ToFloat: return {Interval::full(), mayRaise};
    case ExprKind::TrueDiv:
      mayRaise |= e->op(1)->type() == ExprType::Float || v[1].contains(0);
      return {Interval::full(), mayRaise};
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge: {
      if (anyFloat) return {Interval::boolUnknown(), mayRaise};
      switch (e->kind()) {
        case ExprKind::Eq: return {v[0].cmpEq(v[1]), mayRaise};
        case ExprKind::Ne: return {v[0].cmpNe(v[1]), mayRaise};
        case ExprKind::Lt: return {v[0].cmpLt(v[1]), mayRaise};
        case ExprKind::Le: return {v[0].cmpLe(v[1]), mayRaise};
        case ExprKind::Gt: return {v[0].cmpGt(v[1]), mayRaise};
        default: return {v[0].cmpGe(v[1]), mayRaise};
      }
    }
    case ExprKind::And:
    case ExprKind::Or:
    case ExprKind::Not: {
      // ir::evaluate accepts only booleans here
      for (ExprRef o : e->ops()) mayRaise |= o->type() != ExprType::Bool;
      if (e->kind() == ExprKind::Not) return {v[0].boolNot(), mayRaise};
      return {fold(e->kind() == ExprKind::And ? &Interval::boolAnd : &Interval::boolOr), mayRaise};
    }
    case ExprKind::Where: return result(Interval::where(v[0], v[1], v[2]));
    case ExprKind::Apply:
      return {e->type() == ExprType::Bool ? Interval::boolUnknown() : Interval::full(), mayRaise};
    default: break;
  }
  return {e->type() == ExprType::Bool ? Interval::boolUnknown() : Interval::full(), true};
}

IntervalValue evalInterval(ExprRef e, const SymbolBounds& bounds) {
  IntervalEvaluator ev(bounds);
  return ev.eval(e);
}

}  // namespace symrange::solver
