// ir/BigInt.cpp — decimal text, int64 and double conversions and Python's floor division,
// modulo and power on arbitrary-precision integers.
#include "ir/BigInt.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace symrange::ir {

std::optional<BigInt> parseBigInt(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  if (i == text.size()) return std::nullopt;
  BigInt v = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return negative ? BigInt(-v) : v;
}

std::string bigText(const BigInt& v) { return v.str(); }

std::optional<std::int64_t> toInt64(const BigInt& v) {
  if (v < std::numeric_limits<std::int64_t>::min() || v > std::numeric_limits<std::int64_t>::max()) {
    return std::nullopt;
  }
  return v.convert_to<std::int64_t>();
}

BigInt pyFloorDiv(const BigInt& a, const BigInt& b) {
  BigInt q = a / b;  // truncates toward zero; Python floors
  BigInt r = a - q * b;
  if (r != 0 && ((r < 0) != (b < 0))) --q;
  return q;
}

BigInt pyMod(const BigInt& a, const BigInt& b) {
  BigInt r = a % b;  // the sign of a; Python's has the sign of b
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

BigInt pyCeilDiv(const BigInt& a, const BigInt& b) { return -pyFloorDiv(-a, b); }

std::optional<BigInt> pyPow(const BigInt& a, std::uint64_t n, std::uint64_t maxBits) {
  if (n == 0) return BigInt(1);
  if (a == 0 || a == 1) return a;
  if (a == -1) return BigInt(n % 2 == 0 ? 1 : -1);
  std::uint64_t bits = msb(abs(a)) + 1;  // |a| < 2^bits, so |a**n| < 2^(bits*n)
  if (n > maxBits || (bits - 1) * n > maxBits) return std::nullopt;
  return boost::multiprecision::pow(a, static_cast<unsigned>(n));
}

BigInt doubleToBig(double t) {
  if (std::fabs(t) < 9223372036854775808.0) return BigInt(static_cast<std::int64_t>(t));
  int e = 0;
  double f = std::frexp(t, &e);  // t = f * 2^e, 0.5 <= |f| < 1, e > 63
  auto mant = static_cast<std::int64_t>(std::ldexp(f, 53));  // exact: 53 significant bits
  return BigInt(mant) << (e - 53);
}

std::optional<int> compareBigDouble(const BigInt& a, double d) {
  if (std::isnan(d)) return std::nullopt;
  if (std::isinf(d)) return d > 0 ? -1 : 1;
  double t = std::trunc(d);
  BigInt ti = doubleToBig(t);
  if (a != ti) return a < ti ? -1 : 1;
  return d > t ? -1 : (d < t ? 1 : 0);
}

double bigToDouble(const BigInt& a) {
  // strtod rounds correctly (to nearest, ties to even), as Python's int.__float__ does
  std::string s = a.str();
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace symrange::ir
