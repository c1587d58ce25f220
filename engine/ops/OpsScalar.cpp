// engine/ops/OpsScalar.cpp — transfer functions of Python operators, torch.sym_* and math on
// SymInt/SymBool values.
#include "engine/ops/internal/OpTransfers.h"

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
    const bool numbers = (a.isInt() || a.isFloat()) && (b.isInt() || b.isFloat());
    if (K == ExprKind::TrueDiv && numbers) {
      o.value = SymValue::scalar(c.cx.trueDiv(a.expr(), b.expr()));
      // raises ZeroDivisionError exactly on a zero divisor (0.0 for a float: NaN divides)
      o.preconditions.push_back(b.isInt() ? c.cx.ne(b.expr(), c.cx.intConst(0))
                                          : c.cx.ne(b.expr(), c.cx.floatConst(0.0)));
      o.raisesModelled = true;
    }
    return o;
  }
  ExprContext& cx = c.cx;
  // on integers only a zero divisor raises (values of sizes and tensors are int64, so the int
  // to float conversion of `/` never overflows); `**` is modelled for a constant exponent >= 0
  o.raisesModelled = K != ExprKind::PowByNatural;
  if constexpr (K == ExprKind::Add) {
    o.value = SymValue::scalar(cx.add(x, y));
  } else if constexpr (K == ExprKind::Mul) {
    o.value = SymValue::scalar(cx.mul(x, y));
  } else if constexpr (K == ExprKind::FloorDiv) {
    o.value = SymValue::scalar(cx.floorDiv(x, y));
    o.preconditions.push_back(cx.ne(y, cx.intConst(0)));
  } else if constexpr (K == ExprKind::PythonMod) {
    o.value = SymValue::scalar(cx.pythonMod(x, y));
    o.preconditions.push_back(cx.ne(y, cx.intConst(0)));
  } else if constexpr (K == ExprKind::TrueDiv) {
    o.value = SymValue::scalar(cx.trueDiv(x, y));
    o.preconditions.push_back(cx.ne(y, cx.intConst(0)));
  } else if constexpr (K == ExprKind::PowByNatural) {
    if (y->isIntConst() && y->intValue() >= 0) {
      o.value = SymValue::scalar(cx.powByNatural(x, y));
      o.raisesModelled = true;
    }
  } else {
    static_assert(K == ExprKind::Add, "arith<K>: no transfer for this operator kind");
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
  return modelled(valueOnly(SymValue::scalar(c.cx.sub(x, y))));
}

OpOutcome opNeg(OpCall& c) {
  const SymValue& a = c.arg(0);
  if (a.isTensor()) return valueOnly(SymValue::tensor(sameShape(*a.tensor(), a.tensor()->dtype)));
  if (ExprRef x = intOf(c.cx, a)) return modelled(valueOnly(SymValue::scalar(c.cx.neg(x))));
  return {};
}

OpOutcome opPos(OpCall& c) {
  if (c.arg(0).isInt()) return modelled(valueOnly(c.arg(0)));
  return {};
}

OpOutcome opAbs(OpCall& c) {
  const SymValue& a = c.arg(0);
  if (a.isTensor()) return valueOnly(SymValue::tensor(sameShape(*a.tensor(), a.tensor()->dtype)));
  if (ExprRef x = intOf(c.cx, a)) return modelled(valueOnly(SymValue::scalar(c.cx.abs(x))));
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
    return modelled(valueOnly(SymValue::scalar(K == ExprKind::Eq ? e : c.cx.lnot(e))));
  }
  ExprRef x = intOf(c.cx, a), y = intOf(c.cx, b);
  if (!x && a.isFloat()) x = a.expr();
  if (!y && b.isFloat()) y = b.expr();
  if (!x || !y) return {};
  // comparing Python ints and floats never raises (NaN compares false)
  return modelled(valueOnly(SymValue::scalar(c.cx.cmp(K, x, y))));
}

}  // namespace

OpOutcome logicAnd(OpCall& c) {
  if (c.arg(0).isBool() && c.arg(1).isBool())
    return modelled(valueOnly(SymValue::scalar(c.cx.land(c.arg(0).expr(), c.arg(1).expr()))));
  if (c.arg(0).isTensor() || c.arg(1).isTensor()) return broadcast(c, c.arg(0), c.arg(1), "");
  return {};
}

OpOutcome logicOr(OpCall& c) {
  if (c.arg(0).isBool() && c.arg(1).isBool())
    return modelled(valueOnly(SymValue::scalar(c.cx.lor(c.arg(0).expr(), c.arg(1).expr()))));
  if (c.arg(0).isTensor() || c.arg(1).isTensor()) return broadcast(c, c.arg(0), c.arg(1), "");
  return {};
}

OpOutcome logicNot(OpCall& c) {
  if (c.arg(0).isBool()) return modelled(valueOnly(SymValue::scalar(c.cx.lnot(c.arg(0).expr()))));
  return {};
}

/// sym_max / sym_min of integer operands (a list or varargs).
OpOutcome extremum(OpCall& c, bool greatest) {
  auto xs = intsOf(c.cx, listOrVarargs(c, 0));
  if (!xs || xs->empty()) return {};
  if (xs->size() == 1) return modelled(valueOnly(SymValue::scalar((*xs)[0])));
  return modelled(valueOnly(SymValue::scalar(greatest ? c.cx.max(*xs) : c.cx.min(*xs))));
}

OpOutcome symMax(OpCall& c) { return extremum(c, true); }
OpOutcome symMin(OpCall& c) { return extremum(c, false); }

OpOutcome symSum(OpCall& c) {
  auto xs = intsOf(c.cx, listOrVarargs(c, 0));
  if (!xs) return {};
  if (xs->empty()) return modelled(valueOnly(SymValue::scalar(c.cx.intConst(0))));
  return modelled(valueOnly(SymValue::scalar(xs->size() == 1 ? (*xs)[0] : c.cx.add(*xs))));
}

OpOutcome symFloat(OpCall& c) {
  if (ExprRef x = intOf(c.cx, c.arg(0)))
    return modelled(valueOnly(SymValue::scalar(c.cx.toFloat(x))));
  if (c.arg(0).isFloat()) return modelled(valueOnly(c.arg(0)));
  return {};
}

/// int(x) of a float raises on NaN (ValueError) and infinities (OverflowError): not modelled,
/// so a dead `sym_int` of a float is never removed.
OpOutcome symInt(OpCall& c) {
  if (c.arg(0).isInt()) return modelled(valueOnly(c.arg(0)));
  if (c.arg(0).isFloat()) return valueOnly(SymValue::scalar(c.cx.truncToInt(c.arg(0).expr())));
  return {};
}

/// math.floor / math.ceil: the identity on integers (floats stay opaque, and may raise on NaN
/// or infinities).
OpOutcome intIdentity(OpCall& c) {
  if (c.arg(0).isInt()) return modelled(valueOnly(c.arg(0)));
  return {};
}

OpOutcome symIte(OpCall& c) {
  const SymValue& p = c.arg(0);
  const SymValue& a = c.arg(1);
  const SymValue& b = c.arg(2);
  if (!p.isBool() || !a.isScalar() || !b.isScalar() || a.kind() != b.kind()) return {};
  return modelled(valueOnly(SymValue::scalar(c.cx.where(p.expr(), a.expr(), b.expr()))));
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
