// solver/LinearNormalize.h — cancels terms that occur on both sides of an integer comparison:
// `u48 + u49 + 1 >= u49` becomes `u48 >= -1`, which the interval tier decides without Z3
// (bounds of u48 alone), while the original needs a relational proof.
#pragma once

#include "ir/Expr.h"

namespace symrange::solver {

/// An expression equivalent to `e` (a boolean) wherever `e` is defined, and defined exactly
/// where `e` is: every comparison of two integer sides that share a non-constant term (after
/// collecting constant factors of sums) is rewritten as `rest op constant`, or folded to a
/// boolean constant when nothing is left. Sides that may raise (a symbolic divisor) or hold
/// int_oo or floats are left alone, so no raising term is ever cancelled. And / Or / Not are
/// rewritten operand-wise. Returns `e` itself when nothing cancels.
/// Example: `Eq(2*u0 + u1, u1 + u0)` -> `Eq(u0, 0)`.
[[nodiscard]] ir::ExprRef cancelCommonTerms(ir::ExprContext& cx, ir::ExprRef e);

}  // namespace symrange::solver
