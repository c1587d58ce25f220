// ir/ExprParser.h — reads the sympy spelling PyTorch prints in annotations and messages:
// `u0 + u1`, `((s0*s1)//2)`, `Mod(u1, 4)`, `PythonMod(u1, 3)`, `Max(u0 + 1, u1 + 1)`,
// `Eq(u0, 1)`, `Ne(u1, -12)`, `2*((u0//2))`, `u0 >= 0`, `-int_oo`, `Piecewise`-free forms,
// `True`/`False`, `a & b`, `a | b`, `~a`, `a**2`, and unknown `Name(args)` as opaque functions.
#pragma once

#include <string_view>

#include "ir/Diagnostic.h"
#include "ir/Expr.h"

namespace symrange::ir {

/// Parses one expression. On malformed text throws InputError located at `at` plus the
/// column offset of the offending character inside `text` (so callers pass the location of
/// the text's first character). Precedence, loosest first: `or`/`|`, `and`/`&`, `not`/`~`,
/// comparisons (chained as in Python), `+ -`, `* / // %`, unary `-`, `**`. `a % b` is
/// PythonMod, `a / b` and IntTrueDiv/FloatTrueDiv are TrueDiv, `a ** b` is PowByNatural,
/// `int_oo`/`oo` are IntInf; integer literals must fit int64; nesting deeper than 500 levels
/// is an error ("expression nested too deeply"), never a stack overflow.
ExprRef parseExpr(ExprContext& ctx, std::string_view text, const SourceLoc& at);

}  // namespace symrange::ir
