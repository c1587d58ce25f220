// ir/ExprEval.h — concrete evaluation of expressions with Python integer semantics.
// The reference for every test of solver/ (intervals, Z3 lowering) and for the interpreter.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "ir/Expr.h"

namespace symrange::ir {

/// A concrete value: integers (bools are 0/1) or floats.
struct Value {
  enum class Type : std::uint8_t { Int, Bool, Float } type = Type::Int;
  std::int64_t i = 0;
  double f = 0.0;
  static Value ofInt(std::int64_t v) { return {Type::Int, v, 0.0}; }
  static Value ofBool(bool v) { return {Type::Bool, v ? 1 : 0, 0.0}; }
  static Value ofFloat(double v) { return {Type::Float, 0, v}; }
};

/// Python floor division and modulo on int64 (b != 0; callers check). pyFloorDiv also needs
/// !(a == INT64_MIN && b == -1), whose quotient 2^63 leaves int64; pyMod is exact for all b != 0
/// (INT64_MIN % -1 == 0). Example: pyFloorDiv(7, -2) == -4, pyMod(-7, 3) == 2, pyMod(7, -3) == -2.
[[nodiscard]] std::int64_t pyFloorDiv(std::int64_t a, std::int64_t b);
[[nodiscard]] std::int64_t pyMod(std::int64_t a, std::int64_t b);

/// a // b, or nullopt when b == 0 or the quotient leaves int64 (INT64_MIN // -1).
[[nodiscard]] std::optional<std::int64_t> pyFloorDivChecked(std::int64_t a, std::int64_t b);
/// CeilDiv(a, b) = -((-a) // b), or nullopt when b == 0 or the result leaves int64.
/// Example: pyCeilDivChecked(7, 2) == 4, pyCeilDivChecked(-7, 2) == -3.
[[nodiscard]] std::optional<std::int64_t> pyCeilDivChecked(std::int64_t a, std::int64_t b);

/// True when evaluating `e` can never raise: every divisor is a non-zero constant, every
/// exponent of PowByNatural a natural constant, and no int_oo. Example: true for `u0 // 2`,
/// false for `u0 // u1` and `2 ** u0`.
[[nodiscard]] bool alwaysDefined(ExprRef e);

/// Why an evaluation has no value.
enum class EvalError : std::uint8_t {
  None,
  DivisionByZero,  // Python raises ZeroDivisionError
  Overflow,        // an int result outside int64 (evaluateExact() gives it), or Python's
                   // OverflowError (float() of an int beyond the doubles, int() of an infinity)
  Unbound,         // a symbol without a value
  Unsupported,     // an opaque function, int_oo, a negative exponent
};

struct EvalResult {
  std::optional<Value> value;
  EvalError error = EvalError::None;
};

/// Evaluates `e` where `lookup(symbol)` gives symbol values (nullopt = unbound). Intermediate
/// integers are exact at any size (`(u0 * 2**64) // 2**64 == u0`); an integer result outside int64
/// is an Overflow error here (evaluateExact() gives its value).
[[nodiscard]] EvalResult evaluate(ExprRef e,
                                  const std::function<std::optional<Value>(ExprRef)>& lookup);

/// evaluate(), and when the result is an integer outside int64 (result.error == Overflow, no
/// value), its exact decimal text in `bigText`. Example: `u0 * 18446744073709551616` at u0 = -1
/// gives bigText "-18446744073709551616".
struct ExactResult {
  EvalResult result;
  std::string bigText;
};
[[nodiscard]] ExactResult evaluateExact(ExprRef e,
                                        const std::function<std::optional<Value>(ExprRef)>& lookup);

}  // namespace symrange::ir
