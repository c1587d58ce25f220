// ir/pt2/internal/SympyRepr.h — the `expr_str` of a serialized SymInt/SymBool in the sympy spelling
// the expression parser reads. torch ≥ 2.6 writes sympy's srepr
// (`StrictLessThan(Symbol('u0', integer=True), Integer(100))`), older torch writes str(expr)
// (`u0 < 100`); both are accepted.
#pragma once

#include <string>
#include <string_view>

namespace symrange::ir::pt2 {

/// `expr_str` as text for ir::parseExpr: srepr calls are rewritten (`Symbol('u0', ...)` -> `u0`,
/// `Integer(3)` -> `3`, `Add(a, b)` -> `(a + b)`, `GreaterThan` -> `Ge`, ...), anything that is
/// not srepr is returned unchanged.
[[nodiscard]] std::string sympyText(std::string_view exprStr);

}  // namespace symrange::ir::pt2
