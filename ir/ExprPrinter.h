// ir/ExprPrinter.h — writes expressions in the sympy spelling PyTorch prints, so that
// parseExpr(printExpr(e)) == e for every expression the factories build.
#pragma once

#include <string>

#include "ir/Expr.h"

namespace symrange::ir {

/// Prints `e` in PyTorch's sympy style: `u0 + 1`, `2*(u0//2)`, `u1 - 8*(u1//8)`,
/// `Max(u0, 3)`, `Eq(u0, 1)`, `Ne(u0, 2)`, `u0 >= 0`, `PythonMod(u1, 3)`, `int_oo`.
[[nodiscard]] std::string printExpr(ExprRef e);

}  // namespace symrange::ir
