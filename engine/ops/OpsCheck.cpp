// engine/ops/OpsCheck.cpp — transfer functions of run-time checks and range constraints: the
// condition each one raises unless it holds.
#include "engine/ops/internal/OpTransfers.h"

namespace symrange::engine::ops {

using ir::ExprContext;
using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

// --------------------------------------------------------------------------------------------
// checks and range constraints

OpOutcome assertScalar(OpCall& c) {
  OpOutcome o;
  o.condition = truthOf(c.cx, c.arg(0));
  if (!o.condition) o.unsupported = "unsupported: condition is not a symbolic boolean";
  o.value = SymValue::none();
  return o;
}

OpOutcome assertAsync(OpCall& c) {
  OpOutcome o;
  const SymValue& t = c.arg(0);
  if (t.isTensor() && t.tensor()->scalar) o.condition = truthOf(c.cx, SymValue::scalar(t.tensor()->scalar));
  if (!o.condition) o.unsupported = "unsupported: asserted tensor is data-dependent";
  o.value = SymValue::none();
  return o;
}

OpOutcome checkIsSize(OpCall& c) {
  OpOutcome o;
  o.value = SymValue::none();
  ExprRef u = intOf(c.cx, c.arg(0));
  if (!u) {
    o.unsupported = "unsupported: operand is not a symbolic integer";
    return o;
  }
  std::vector<ExprRef> parts{c.cx.ge(u, c.cx.intConst(0))};
  const SymValue& mx = c.argOr(1, "max");
  if (!mx.isNone()) {
    ExprRef m = intOf(c.cx, mx);
    if (!m) {
      o.unsupported = "unsupported: non-integer bound";
      return o;
    }
    parts.push_back(c.cx.le(u, m));
  }
  o.condition = parts.size() == 1 ? parts[0] : c.cx.land(parts);
  return o;
}

/// sym_constrain_range(u, min, max): ATen's kernel (aten/src/ATen/native/Constraints.cpp) raises
/// unless min <= max and min <= u <= max; a missing bound is unbounded.
/// `forSize`: min defaults to 0, and the kernel first raises whenever max <= 2.
OpOutcome constrainRangeImpl(OpCall& c, bool forSize) {
  OpOutcome o;
  o.value = SymValue::none();
  ExprContext& cx = c.cx;
  ExprRef u = intOf(cx, c.arg(0));
  const SymValue& mn = c.argOr(1, "min");
  const SymValue& mx = c.argOr(2, "max");
  if (!u) {
    o.unsupported = "unsupported: constrained value is not a symbolic integer";
    return o;
  }
  ExprRef lo = mn.isNone() ? (forSize ? cx.intConst(0) : nullptr) : intOf(cx, mn);
  ExprRef hi = mx.isNone() ? nullptr : intOf(cx, mx);
  if ((!mn.isNone() && !lo) || (!mx.isNone() && !hi)) {
    o.unsupported = "unsupported: non-integer bound";
    return o;
  }
  std::vector<ExprRef> parts;
  if (forSize && hi && c.semantics.constraints == ConstraintSemantics::Aten) parts.push_back(cx.gt(hi, cx.intConst(2)));
  if (lo && hi) parts.push_back(cx.le(lo, hi));
  if (lo) parts.push_back(cx.le(lo, u));
  if (hi) parts.push_back(cx.le(u, hi));
  o.condition = parts.empty() ? cx.trueExpr() : parts.size() == 1 ? parts[0] : cx.land(parts);
  return o;
}

OpOutcome constrainRange(OpCall& c) { return constrainRangeImpl(c, false); }
OpOutcome constrainRangeForSize(OpCall& c) { return constrainRangeImpl(c, true); }

OpOutcome control(OpCall&) { return {}; }

}  // namespace symrange::engine::ops
