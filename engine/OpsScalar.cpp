// engine/OpsScalar.cpp — transfer functions of Python operators, torch.sym_* and math on
// SymInt/SymBool values.
#include "engine/OpTransfers.h"

namespace symrange::engine::ops {

using ir::ExprContext;
using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

// --------------------------------------------------------------------------------------------
// scalar arithmetic, comparisons, logic

namespace {

template <ExprKind K>
OpOutcome arith(OpCall& c) {
  const SymValue& a = c.arg(0);
  const SymValue& b = c.arg(1);
  if (a.isTensor() || b.isTensor()) return broadcast(c, a, b, "");
  ExprRef x = intOf(c.cx, a), y = intOf(c.cx, b);
  OpOutcome o;
  if (!x || !y) {
    // float arithmetic: modelled only for true division's divisor precondition
    if (K == ExprKind::TrueDiv && a.isScalar() && b.isScalar() && b.isInt())
      o.preconditions.push_back(c.cx.ne(b.expr(), c.cx.intConst(0)));
    return o;
  }
  ExprContext& cx = c.cx;
  switch (K) {
    case ExprKind::Add: o.value = SymValue::scalar(cx.add(x, y)); break;
    case ExprKind::Mul: o.value = SymValue::scalar(cx.mul(x, y)); break;
    case ExprKind::FloorDiv:
      o.value = SymValue::scalar(cx.floorDiv(x, y));
      o.preconditions.push_back(cx.ne(y, cx.intConst(0)));
      break;
    case ExprKind::PythonMod:
      o.value = SymValue::scalar(cx.pythonMod(x, y));
      o.preconditions.push_back(cx.ne(y, cx.intConst(0)));
      break;
    case ExprKind::TrueDiv:
      o.value = SymValue::scalar(cx.trueDiv(x, y));
      o.preconditions.push_back(cx.ne(y, cx.intConst(0)));
      break;
    case ExprKind::PowByNatural:
      if (y->isIntConst() && y->intValue() >= 0) o.value = SymValue::scalar(cx.powByNatural(x, y));
      break;
    default: break;
  }
  return o;
}

}  // namespace

OpOutcome opSub(OpCall& c) {
  const SymValue& a = c.arg(0);
  const SymValue& b = c.arg(1);
  if (a.isTensor() || b.isTensor()) return broadcast(c, a, b, "");
  ExprRef x = intOf(c.cx, a), y = intOf(c.cx, b);
  if (!x || !y) return {};
  return valueOnly(SymValue::scalar(c.cx.sub(x, y)));
}

OpOutcome opNeg(OpCall& c) {
  const SymValue& a = c.arg(0);
  if (a.isTensor()) return valueOnly(SymValue::tensor(sameShape(*a.tensor(), a.tensor()->dtype)));
  if (ExprRef x = intOf(c.cx, a)) return valueOnly(SymValue::scalar(c.cx.neg(x)));
  return {};
}

OpOutcome opPos(OpCall& c) {
  if (c.arg(0).isInt()) return valueOnly(c.arg(0));
  return {};
}

OpOutcome opAbs(OpCall& c) {
  const SymValue& a = c.arg(0);
  if (a.isTensor()) return valueOnly(SymValue::tensor(sameShape(*a.tensor(), a.tensor()->dtype)));
  if (ExprRef x = intOf(c.cx, a)) return valueOnly(SymValue::scalar(c.cx.abs(x)));
  return {};
}

namespace {

template <ExprKind K>
OpOutcome compare(OpCall& c) {
  const SymValue& a = c.arg(0);
  const SymValue& b = c.arg(1);
  if (a.isTensor() || b.isTensor()) return broadcast(c, a, b, "b8");
  if (a.isBool() && b.isBool() && (K == ExprKind::Eq || K == ExprKind::Ne)) {
    ExprRef e = iff(c.cx, a.expr(), b.expr());
    return valueOnly(SymValue::scalar(K == ExprKind::Eq ? e : c.cx.lnot(e)));
  }
  ExprRef x = intOf(c.cx, a), y = intOf(c.cx, b);
  if (!x && a.isFloat()) x = a.expr();
  if (!y && b.isFloat()) y = b.expr();
  if (!x || !y) return {};
  return valueOnly(SymValue::scalar(c.cx.cmp(K, x, y)));
}

}  // namespace

OpOutcome logicAnd(OpCall& c) {
  if (c.arg(0).isBool() && c.arg(1).isBool())
    return valueOnly(SymValue::scalar(c.cx.land(c.arg(0).expr(), c.arg(1).expr())));
  if (c.arg(0).isTensor() || c.arg(1).isTensor()) return broadcast(c, c.arg(0), c.arg(1), "");
  return {};
}

OpOutcome logicOr(OpCall& c) {
  if (c.arg(0).isBool() && c.arg(1).isBool())
    return valueOnly(SymValue::scalar(c.cx.lor(c.arg(0).expr(), c.arg(1).expr())));
  if (c.arg(0).isTensor() || c.arg(1).isTensor()) return broadcast(c, c.arg(0), c.arg(1), "");
  return {};
}

OpOutcome logicNot(OpCall& c) {
  if (c.arg(0).isBool()) return valueOnly(SymValue::scalar(c.cx.lnot(c.arg(0).expr())));
  return {};
}

/// sym_max / sym_min of integer operands (a list or varargs).
OpOutcome extremum(OpCall& c, bool greatest) {
  auto xs = intsOf(c.cx, listOrVarargs(c, 0));
  if (!xs || xs->empty()) return {};
  if (xs->size() == 1) return valueOnly(SymValue::scalar((*xs)[0]));
  return valueOnly(SymValue::scalar(greatest ? c.cx.max(*xs) : c.cx.min(*xs)));
}

OpOutcome symMax(OpCall& c) { return extremum(c, true); }
OpOutcome symMin(OpCall& c) { return extremum(c, false); }

OpOutcome symSum(OpCall& c) {
  auto xs = intsOf(c.cx, listOrVarargs(c, 0));
  if (!xs) return {};
  if (xs->empty()) return valueOnly(SymValue::scalar(c.cx.intConst(0)));
  return valueOnly(SymValue::scalar(xs->size() == 1 ? (*xs)[0] : c.cx.add(*xs)));
}

OpOutcome symFloat(OpCall& c) {
  if (ExprRef x = intOf(c.cx, c.arg(0))) return valueOnly(SymValue::scalar(c.cx.toFloat(x)));
  if (c.arg(0).isFloat()) return valueOnly(c.arg(0));
  return {};
}

OpOutcome symInt(OpCall& c) {
  if (c.arg(0).isInt()) return valueOnly(c.arg(0));
  if (c.arg(0).isFloat()) return valueOnly(SymValue::scalar(c.cx.truncToInt(c.arg(0).expr())));
  return {};
}

/// math.floor / math.ceil: the identity on integers (floats stay opaque).
OpOutcome intIdentity(OpCall& c) {
  if (c.arg(0).isInt()) return valueOnly(c.arg(0));
  return {};
}

OpOutcome symIte(OpCall& c) {
  const SymValue& p = c.arg(0);
  const SymValue& a = c.arg(1);
  const SymValue& b = c.arg(2);
  if (!p.isBool() || !a.isScalar() || !b.isScalar() || a.kind() != b.kind()) return {};
  return valueOnly(SymValue::scalar(c.cx.where(p.expr(), a.expr(), b.expr())));
}

OpOutcome opAdd(OpCall& c) { return arith<ExprKind::Add>(c); }
OpOutcome opMul(OpCall& c) { return arith<ExprKind::Mul>(c); }
OpOutcome opFloorDiv(OpCall& c) { return arith<ExprKind::FloorDiv>(c); }
OpOutcome opMod(OpCall& c) { return arith<ExprKind::PythonMod>(c); }
OpOutcome opTrueDiv(OpCall& c) { return arith<ExprKind::TrueDiv>(c); }
OpOutcome opPow(OpCall& c) { return arith<ExprKind::PowByNatural>(c); }
OpOutcome opLt(OpCall& c) { return compare<ExprKind::Lt>(c); }
OpOutcome opLe(OpCall& c) { return compare<ExprKind::Le>(c); }
OpOutcome opGt(OpCall& c) { return compare<ExprKind::Gt>(c); }
OpOutcome opGe(OpCall& c) { return compare<ExprKind::Ge>(c); }
OpOutcome opEq(OpCall& c) { return compare<ExprKind::Eq>(c); }
OpOutcome opNe(OpCall& c) { return compare<ExprKind::Ne>(c); }

}  // namespace symrange::engine::ops
