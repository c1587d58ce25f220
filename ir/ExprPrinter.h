// ir/ExprPrinter.h — writes expressions in the sympy spelling PyTorch prints, so that
// parseExpr(printExpr(e)) == e for every expression the factories build.
#pragma once

#include <string>

#include "ir/Expr.h"

namespace symrange::ir {

/// Prints `e` in PyTorch's sympy style: `u0 + 1`, `2*(u0//2)`, `u1 - 8*(u1//8)`,
/// `Max(u0, 3)`, `Eq(u0, 1)`, `Ne(u0, 2)`, `u0 >= 0`, `PythonMod(u1, 3)`, `int_oo`.
/// Also: `8 - u2` (sympy's number-first order for a number plus a negated term), FloorDiv as
/// `((s0*s1)//(((s0*s1)//2)))` (Add/Mul/FloorDiv/Mod/negative operands parenthesized),
/// `(u0 >= 0) & (u1 < 5)`, `~(a | b)`, `u0**2`, `u0/2` (TrueDiv), floats as Python's repr (`4.0`,
/// `1e-05`). Not read back identically: symbols or Apply names that are not identifiers or that
/// spell a keyword/built-in (`True`, `Max`), and non-finite floats (`inf`, `nan`).
[[nodiscard]] std::string printExpr(ExprRef e);

}  // namespace symrange::ir
