// solver/Interval.cpp — transfer functions of the interval domain. Ends are computed in an
// extended integer (128-bit value or ±infinity) and saturated back to int64 ends soundly.
#include "solver/Interval.h"

#include <algorithm>
#include <initializer_list>

namespace symrange::solver {

namespace {

using i128 = __int128;

/// An extended integer: -inf, a finite 128-bit value, or +inf. Finite values produced here
/// come from one operation on int64 ends, so they never overflow 128 bits.
struct Ext {
  int inf = 0;  // -1: -inf, 0: finite, +1: +inf
  i128 v = 0;

  static Ext fin(i128 x) { return {0, x}; }
  static Ext posInf() { return {1, 0}; }
  static Ext negInf() { return {-1, 0}; }
  bool isFinite() const { return inf == 0; }
  int sign() const { return inf != 0 ? inf : (v > 0) - (v < 0); }
};

bool lessExt(const Ext& a, const Ext& b) {
  if (a.inf != b.inf) return a.inf < b.inf;
  return a.inf == 0 && a.v < b.v;
}
Ext minExt(const Ext& a, const Ext& b) { return lessExt(b, a) ? b : a; }
Ext maxExt(const Ext& a, const Ext& b) { return lessExt(a, b) ? b : a; }

Ext loOf(const Interval& x) { return x.hasLo() ? Ext::fin(x.lo()) : Ext::negInf(); }
Ext hiOf(const Interval& x) { return x.hasHi() ? Ext::fin(x.hi()) : Ext::posInf(); }

constexpr i128 kMax64 = Interval::kPosInf;
constexpr i128 kMin64 = Interval::kNegInf;
/// Magnitude beyond which finite intermediate values are clamped (keeps products in range).
constexpr i128 kBig = static_cast<i128>(1) << 64;

/// A lower end as int64: values at or below INT64_MIN become -inf, values above INT64_MAX are
/// lowered to INT64_MAX (a smaller lower bound is still a bound).
std::int64_t toLo(const Ext& e) {
  if (e.inf < 0) return Interval::kNegInf;
  if (e.inf > 0) return Interval::kPosInf;  // never a lower end: make() returns empty first
  if (e.v <= kMin64) return Interval::kNegInf;
  if (e.v > kMax64) return Interval::kPosInf;
  return static_cast<std::int64_t>(e.v);
}
/// An upper end as int64: values at or above INT64_MAX become +inf, values below INT64_MIN are
/// raised to INT64_MIN.
std::int64_t toHi(const Ext& e) {
  if (e.inf > 0) return Interval::kPosInf;
  if (e.inf < 0) return Interval::kNegInf;
  if (e.v >= kMax64) return Interval::kPosInf;
  if (e.v < kMin64) return Interval::kNegInf;
  return static_cast<std::int64_t>(e.v);
}

/// Builds [lo, hi] from extended ends (lo <= hi expected for non-empty results).
Interval make(const Ext& lo, const Ext& hi) {
  if (lessExt(hi, lo)) return Interval::empty();
  if (lo.inf > 0 || hi.inf < 0) return Interval::empty();  // no integer at an infinity
  return Interval::range(toLo(lo), toHi(hi));
}

Ext negExt(const Ext& a) { return a.inf != 0 ? Ext{-a.inf, 0} : Ext::fin(-a.v); }
Ext addExt(const Ext& a, const Ext& b) {
  // Never called with opposite infinities: lo ends are never +inf and hi ends never -inf.
  if (a.inf != 0) return a;
  if (b.inf != 0) return b;
  return Ext::fin(a.v + b.v);
}
Ext clampBig(i128 v) { return Ext::fin(std::clamp(v, -kBig, kBig)); }
Ext mulExt(const Ext& a, const Ext& b) {
  // 0 * inf = 0: an infinite end is a limit of finite values, each of which times 0 is 0.
  if ((a.inf == 0 && a.v == 0) || (b.inf == 0 && b.v == 0)) return Ext::fin(0);
  if (a.inf != 0 || b.inf != 0) return a.sign() * b.sign() > 0 ? Ext::posInf() : Ext::negInf();
  return clampBig(a.v * b.v);
}

i128 floorDiv128(i128 a, i128 b) {
  i128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
i128 mod128(i128 a, i128 b) { return a - b * floorDiv128(a, b); }

/// x // y for a corner of the box (y never finite zero). Infinite ends stand for the limit of
/// the finite values approaching them; every such limit value is attained by some finite pair.
Ext floorDivExt(const Ext& x, const Ext& y) {
  if (x.inf != 0) return x.sign() * y.sign() > 0 ? Ext::posInf() : Ext::negInf();
  if (y.inf != 0) {
    // |y| large: x / y tends to 0 from the side of sign(x) * sign(y).
    if (x.v == 0 || x.sign() == y.sign()) return Ext::fin(0);
    return Ext::fin(-1);
  }
  return Ext::fin(floorDiv128(x.v, y.v));
}

/// x ** k (k >= 0) with saturation at magnitude 2**64.
Ext powExt(const Ext& x, std::int64_t k) {
  if (k == 0) return Ext::fin(1);
  if (x.inf != 0) return (x.inf < 0 && (k % 2 == 1)) ? Ext::negInf() : Ext::posInf();
  if (x.v == 0 || x.v == 1) return x;
  if (x.v == -1) return Ext::fin((k % 2 == 0) ? 1 : -1);
  i128 r = 1;  // |x| >= 2: saturates after at most 65 steps
  for (std::int64_t i = 0; i < k; ++i) {
    r *= x.v;
    if (r > kBig || r < -kBig) {
      // Keep the sign of the exact power: negative iff x < 0 and k odd.
      bool negative = x.v < 0 && (k % 2 == 1);
      return Ext::fin(negative ? -kBig : kBig);
    }
  }
  return Ext::fin(r);
}

/// Hull of f over several corner values.
Interval hullOf(std::initializer_list<Ext> vals) {
  Ext lo = *vals.begin(), hi = *vals.begin();
  for (const Ext& v : vals) {
    lo = minExt(lo, v);
    hi = maxExt(hi, v);
  }
  return make(lo, hi);
}

}  // namespace

bool Interval::containsAll(const Interval& o) const {
  if (o.empty_) return true;
  if (empty_) return false;
  return !lessExt(loOf(o), loOf(*this)) && !lessExt(hiOf(*this), hiOf(o));
}

std::optional<std::int64_t> Interval::clamp(std::int64_t v) const {
  if (empty_) return std::nullopt;
  if (hasLo() && v < lo_) return lo_;
  if (hasHi() && v > hi_) return hi_;
  return v;
}

std::string Interval::toString() const {
  if (empty_) return "empty";
  std::string s = "[";
  s += hasLo() ? std::to_string(lo_) : "-oo";
  s += ", ";
  s += hasHi() ? std::to_string(hi_) : "+oo";
  return s + "]";
}

Interval Interval::hull(const Interval& o) const {
  if (empty_) return o;
  if (o.empty_) return *this;
  return make(minExt(loOf(*this), loOf(o)), maxExt(hiOf(*this), hiOf(o)));
}

Interval Interval::intersect(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  return make(maxExt(loOf(*this), loOf(o)), minExt(hiOf(*this), hiOf(o)));
}

Interval Interval::add(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  return make(addExt(loOf(*this), loOf(o)), addExt(hiOf(*this), hiOf(o)));
}

Interval Interval::sub(const Interval& o) const { return add(o.neg()); }

Interval Interval::neg() const {
  if (empty_) return empty();
  return make(negExt(hiOf(*this)), negExt(loOf(*this)));
}

Interval Interval::mul(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  // x * y is bilinear: its extremes over a box are at the corners.
  Ext al = loOf(*this), ah = hiOf(*this), bl = loOf(o), bh = hiOf(o);
  return hullOf({mulExt(al, bl), mulExt(al, bh), mulExt(ah, bl), mulExt(ah, bh)});
}

Interval Interval::floorDiv(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  Ext al = loOf(*this), ah = hiOf(*this);
  Interval result = empty();
  // Positive divisors: x // y is nondecreasing in x, and monotone in y for a fixed x (the
  // direction follows the sign of x), so the extremes are at the corners.
  Interval pos = o.intersect(atLeast(1));
  if (!pos.isEmpty()) {
    Ext bl = loOf(pos), bh = hiOf(pos);
    result = result.hull(make(minExt(floorDivExt(al, bl), floorDivExt(al, bh)),
                              maxExt(floorDivExt(ah, bl), floorDivExt(ah, bh))));
  }
  // Negative divisors: nonincreasing in x, monotone in y for a fixed x.
  Interval negs = o.intersect(atMost(-1));
  if (!negs.isEmpty()) {
    Ext bl = loOf(negs), bh = hiOf(negs);
    result = result.hull(make(minExt(floorDivExt(ah, bl), floorDivExt(ah, bh)),
                              maxExt(floorDivExt(al, bl), floorDivExt(al, bh))));
  }
  return result;
}

Interval Interval::mod(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  Interval result = empty();
  Ext al = loOf(*this), ah = hiOf(*this);
  // Positive divisors: 0 <= x % y < y.
  Interval pos = o.intersect(atLeast(1));
  if (!pos.isEmpty()) {
    Ext bl = loOf(pos), bh = hiOf(pos);
    Interval part;
    if (pos.isPoint() && al.isFinite() && ah.isFinite() &&
        floorDiv128(al.v, bl.v) == floorDiv128(ah.v, bl.v)) {
      // One period: x % c = x - c*k is increasing in x there.
      part = make(Ext::fin(mod128(al.v, bl.v)), Ext::fin(mod128(ah.v, bl.v)));
    } else if (al.isFinite() && al.v >= 0 && lessExt(ah, bl)) {
      part = *this;  // 0 <= x < y: x % y == x
    } else {
      Ext hi = bh.isFinite() ? Ext::fin(bh.v - 1) : Ext::posInf();
      if (al.isFinite() && al.v >= 0) hi = minExt(hi, ah);  // x >= 0: x % y <= x
      part = make(Ext::fin(0), hi);
    }
    result = result.hull(part);
  }
  // Negative divisors: y < x % y <= 0.
  Interval negs = o.intersect(atMost(-1));
  if (!negs.isEmpty()) {
    Ext bl = loOf(negs), bh = hiOf(negs);
    Interval part;
    if (negs.isPoint() && al.isFinite() && ah.isFinite() &&
        floorDiv128(al.v, bl.v) == floorDiv128(ah.v, bl.v)) {
      part = make(Ext::fin(mod128(al.v, bl.v)), Ext::fin(mod128(ah.v, bl.v)));
    } else if (ah.isFinite() && ah.v <= 0 && lessExt(bh, al)) {
      part = *this;  // y < x <= 0: x % y == x
    } else {
      Ext lo = bl.isFinite() ? Ext::fin(bl.v + 1) : Ext::negInf();
      if (ah.isFinite() && ah.v <= 0) lo = maxExt(lo, al);  // x <= 0: x % y >= x
      part = make(lo, Ext::fin(0));
    }
    result = result.hull(part);
  }
  return result;
}

Interval Interval::ceilDiv(const Interval& o) const { return neg().floorDiv(o).neg(); }

Interval Interval::max(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  return make(maxExt(loOf(*this), loOf(o)), maxExt(hiOf(*this), hiOf(o)));
}

Interval Interval::min(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  return make(minExt(loOf(*this), loOf(o)), minExt(hiOf(*this), hiOf(o)));
}

Interval Interval::abs() const {
  if (empty_) return empty();
  Ext l = loOf(*this), h = hiOf(*this);
  if (l.sign() >= 0) return *this;
  if (h.sign() <= 0) return neg();
  return make(Ext::fin(0), maxExt(negExt(l), h));
}

Interval Interval::pow(const Interval& exp) const {
  if (empty_ || exp.empty_) return empty();
  Interval k = exp.intersect(atLeast(0));
  if (k.isEmpty()) return empty();
  Ext l = loOf(*this), h = hiOf(*this);
  auto powPoint = [&](std::int64_t n) -> Interval {
    if (n == 0) return point(1);
    if (n % 2 == 1 || l.sign() >= 0) return make(powExt(l, n), powExt(h, n));  // monotone
    if (h.sign() <= 0) return make(powExt(h, n), powExt(l, n));
    return make(Ext::fin(0), maxExt(powExt(l, n), powExt(h, n)));
  };
  std::int64_t k0 = k.lo();
  if (k.hasHi() && k.hi() - k0 <= 64) {
    Interval r = empty();
    for (std::int64_t n = k0;; ++n) {
      r = r.hull(powPoint(n));
      if (n == k.hi()) break;
    }
    return r;
  }
  // Many exponents: |x| <= 1 only yields the values of two consecutive exponents (parity);
  // for x >= 0 the powers are nondecreasing in k (0 ** k is 1 then 0); otherwise unbounded.
  Interval r = powPoint(k0).hull(powPoint(k0 < kPosInf ? k0 + 1 : k0 - 1));
  if (Interval::range(-1, 1).containsAll(*this)) return r;
  if (l.sign() >= 0) return r.hull(atLeast(r.lo()));
  return full();
}

Interval Interval::cmpLt(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  if (lessExt(hiOf(*this), loOf(o))) return boolTrue();
  if (!lessExt(loOf(*this), hiOf(o))) return boolFalse();
  return boolUnknown();
}

Interval Interval::cmpLe(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  if (!lessExt(loOf(o), hiOf(*this))) return boolTrue();
  if (lessExt(hiOf(o), loOf(*this))) return boolFalse();
  return boolUnknown();
}

Interval Interval::cmpEq(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  if (isPoint() && o.isPoint() && lo_ == o.lo_) return boolTrue();
  if (intersect(o).isEmpty()) return boolFalse();
  return boolUnknown();
}

Interval Interval::boolNot() const {
  if (empty_) return empty();
  return range(1 - std::min<std::int64_t>(hi_, 1), 1 - std::max<std::int64_t>(lo_, 0));
}

Interval Interval::boolAnd(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  return range(std::min(lo_, o.lo_), std::min(hi_, o.hi_)).intersect(boolUnknown());
}

Interval Interval::boolOr(const Interval& o) const {
  if (empty_ || o.empty_) return empty();
  return range(std::max(lo_, o.lo_), std::max(hi_, o.hi_)).intersect(boolUnknown());
}

Interval Interval::where(const Interval& c, const Interval& a, const Interval& b) {
  if (c.isEmpty()) return empty();
  if (c.isTrue()) return a;
  if (c.isFalse()) return b;
  return a.hull(b);
}

}  // namespace symrange::solver
