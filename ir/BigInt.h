// ir/BigInt.h — arbitrary-precision integers (Python ints beyond int64) and their Python
// operations. Include it only in .cpp files that compute with such values: it pulls in Boost's
// header-only cpp_int. Expressions store a big constant as its canonical decimal text
// (`Expr::bigText()`); this header converts between that text and a value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// GCC reports false -Wmaybe-uninitialized inside cpp_int's inlined limb copies (Boost 1.74).
// They are diagnosed after inlining, in the including file's functions, so a push/pop around
// the include cannot hold them: the files that compute with BigInt do without that warning.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/multiprecision/cpp_int.hpp>

namespace symrange::ir {

using BigInt = boost::multiprecision::cpp_int;

/// The value of a decimal literal `[-]digits`, or nullopt when it is not one.
/// Example: parseBigInt("-0018446744073709551616") == -2^64.
[[nodiscard]] std::optional<BigInt> parseBigInt(std::string_view text);

/// Canonical decimal text: `-` for negatives, no leading zeros. Example: "18446744073709551616".
[[nodiscard]] std::string bigText(const BigInt& v);

/// The value as int64 when it fits. Example: toInt64(2^63) == nullopt.
[[nodiscard]] std::optional<std::int64_t> toInt64(const BigInt& v);

/// Python's a // b, a % b and CeilDiv(a, b) = -((-a) // b), for b != 0 (callers check).
/// Examples: pyFloorDiv(-7, 2) == -4, pyMod(-7, 2) == 1, pyMod(7, -2) == -1, pyCeilDiv(7, 2) == 4.
[[nodiscard]] BigInt pyFloorDiv(const BigInt& a, const BigInt& b);
[[nodiscard]] BigInt pyMod(const BigInt& a, const BigInt& b);
[[nodiscard]] BigInt pyCeilDiv(const BigInt& a, const BigInt& b);

/// a ** n, or nullopt when the result would exceed `maxBits` bits (a guard against a literal
/// exponent building a number too large to hold). Example: pyPow(2, 64) == 18446744073709551616.
[[nodiscard]] std::optional<BigInt> pyPow(const BigInt& a, std::uint64_t n,
                                          std::uint64_t maxBits = 1u << 16);

/// The integer value of a finite, integral double, exactly. Example: doubleToBig(0x1p70) == 2^70.
[[nodiscard]] BigInt doubleToBig(double integral);

/// Exact comparison of an integer with a double, Python's `int < float` (nullopt for nan).
/// Example: compareBigDouble(2^53 + 1, 2^53) > 0.
[[nodiscard]] std::optional<int> compareBigDouble(const BigInt& a, double d);

/// The double nearest to `a` (ties to even), as Python's float(a); +-inf when |a| >= 2^1024
/// (Python raises OverflowError there: callers that care check `isfinite`).
[[nodiscard]] double bigToDouble(const BigInt& a);

}  // namespace symrange::ir
