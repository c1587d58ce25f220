// solver/Interval.h — the interval domain: a value type for sets of unbounded Python integers
// [lo, hi] with ±infinity ends, and one transfer function per integer/boolean operation.
//
// Representation: int64 ends, where INT64_MIN as the lower end means -inf and INT64_MAX as the
// upper end means +inf. Results that leave int64 saturate soundly: an upper end beyond INT64_MAX
// becomes +inf, a lower end beyond INT64_MAX is lowered to INT64_MAX (and symmetrically below),
// so every result is a superset of the exact one. An int64 extreme given as an end is thereby
// widened to infinity (`point(INT64_MAX)` is [INT64_MAX, +inf]): again a superset.
//
// Booleans are intervals inside [0, 1]: [0,0] false, [1,1] true, [0,1] either (three-valued).
//
// Every transfer function returns a superset of the exact image (sound); the ones marked
// "exact" return the smallest interval containing it (tested exhaustively in
// tests/solver/IntervalTest.cpp against brute force on every interval inside [-8, 8]).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace symrange::solver {

class Interval {
 public:
  static constexpr std::int64_t kNegInf = std::numeric_limits<std::int64_t>::min();
  static constexpr std::int64_t kPosInf = std::numeric_limits<std::int64_t>::max();

  /// Default: the full line (knows nothing).
  Interval() = default;

  [[nodiscard]] static Interval full() { return Interval(kNegInf, kPosInf, false); }
  [[nodiscard]] static Interval empty() { return Interval(0, -1, true); }
  [[nodiscard]] static Interval point(std::int64_t v) { return Interval(v, v, false); }
  [[nodiscard]] static Interval atLeast(std::int64_t v) { return Interval(v, kPosInf, false); }
  [[nodiscard]] static Interval atMost(std::int64_t v) { return Interval(kNegInf, v, false); }
  /// [lo, hi]; empty when lo > hi.
  [[nodiscard]] static Interval range(std::int64_t lo, std::int64_t hi) {
    return lo > hi ? empty() : Interval(lo, hi, false);
  }
  /// A superset of one integer beyond int64 (a BigIntConst), by its sign: [INT64_MAX, +inf] for a
  /// value > INT64_MAX, [-inf, INT64_MIN] for one < INT64_MIN (the saturation rule above).
  /// Example: beyondInt64(+1) contains 2^64.
  [[nodiscard]] static Interval beyondInt64(int sign) {
    return sign > 0 ? atLeast(kPosInf) : atMost(kNegInf);
  }
  [[nodiscard]] static Interval ofBool(bool b) { return point(b ? 1 : 0); }
  [[nodiscard]] static Interval boolTrue() { return point(1); }
  [[nodiscard]] static Interval boolFalse() { return point(0); }
  [[nodiscard]] static Interval boolUnknown() { return range(0, 1); }

  [[nodiscard]] bool isEmpty() const { return empty_; }
  [[nodiscard]] bool isFull() const { return !empty_ && lo_ == kNegInf && hi_ == kPosInf; }
  [[nodiscard]] bool hasLo() const { return !empty_ && lo_ != kNegInf; }
  [[nodiscard]] bool hasHi() const { return !empty_ && hi_ != kPosInf; }
  /// Raw ends (sentinels for infinities). Meaningless when empty.
  [[nodiscard]] std::int64_t lo() const { return lo_; }
  [[nodiscard]] std::int64_t hi() const { return hi_; }
  /// Finite ends, nullopt when unbounded (or empty).
  [[nodiscard]] std::optional<std::int64_t> lower() const {
    return hasLo() ? std::optional<std::int64_t>(lo_) : std::nullopt;
  }
  [[nodiscard]] std::optional<std::int64_t> upper() const {
    return hasHi() ? std::optional<std::int64_t>(hi_) : std::nullopt;
  }
  [[nodiscard]] bool isPoint() const { return hasLo() && hasHi() && lo_ == hi_; }
  [[nodiscard]] std::optional<std::int64_t> pointValue() const {
    return isPoint() ? std::optional<std::int64_t>(lo_) : std::nullopt;
  }
  [[nodiscard]] bool contains(std::int64_t v) const {
    return !empty_ && (lo_ == kNegInf || lo_ <= v) && (hi_ == kPosInf || v <= hi_);
  }
  /// True when every value of `o` is in this interval.
  [[nodiscard]] bool containsAll(const Interval& o) const;
  [[nodiscard]] bool isTrue() const { return isPoint() && lo_ == 1; }
  [[nodiscard]] bool isFalse() const { return isPoint() && lo_ == 0; }
  /// The value inside closest to `v` (nullopt when empty).
  [[nodiscard]] std::optional<std::int64_t> clamp(std::int64_t v) const;

  bool operator==(const Interval& o) const {
    return empty_ == o.empty_ && (empty_ || (lo_ == o.lo_ && hi_ == o.hi_));
  }
  bool operator!=(const Interval& o) const { return !(*this == o); }

  /// "[0, 5]", "[-oo, 3]", "[2, +oo]", "empty".
  [[nodiscard]] std::string toString() const;

  // ---- lattice -------------------------------------------------------------------------
  /// Smallest interval containing both (exact). [0,2] hull [5,6] = [0,6].
  [[nodiscard]] Interval hull(const Interval& o) const;
  /// Intersection (exact). [0,5] ∩ [3,9] = [3,5].
  [[nodiscard]] Interval intersect(const Interval& o) const;

  // ---- integer arithmetic (Python semantics on unbounded ints) -------------------------
  /// Exact: {x + y}. [0,2] + [1,3] = [1,5].
  [[nodiscard]] Interval add(const Interval& o) const;
  /// Exact: {x - y}. [0,2] - [1,3] = [-3,1].
  [[nodiscard]] Interval sub(const Interval& o) const;
  /// Exact: {-x}. -[1,3] = [-3,-1].
  [[nodiscard]] Interval neg() const;
  /// Exact hull of {x * y}. [-2,3] * [4,5] = [-10,15].
  [[nodiscard]] Interval mul(const Interval& o) const;
  /// Exact hull of {x // y : y != 0} (Python floor division; y == 0 raises, contributes
  /// nothing; the caller tracks definedness). [-7,7] // [2,2] = [-4,3]; [7,7] // [-2,-2] = [-4,-4].
  [[nodiscard]] Interval floorDiv(const Interval& o) const;
  /// Superset of {x % y : y != 0} (Python modulo: the sign of the divisor); exact when the
  /// divisor is a point. [0,10] % [4,4] = [0,3]; [5,6] % [4,4] = [1,2]; [0,10] % [-3,-3] = [-2,0].
  [[nodiscard]] Interval mod(const Interval& o) const;
  /// Exact hull of {ceil(x / y) : y != 0} = {-((-x) // y)}. CeilDiv([1,7], [2,2]) = [1,4].
  [[nodiscard]] Interval ceilDiv(const Interval& o) const;
  /// Exact: {max(x, y)}. max([0,5], [3,4]) = [3,5].
  [[nodiscard]] Interval max(const Interval& o) const;
  /// Exact: {min(x, y)}. min([0,5], [3,4]) = [0,4].
  [[nodiscard]] Interval min(const Interval& o) const;
  /// Exact: {|x|}. abs([-3,2]) = [0,3].
  [[nodiscard]] Interval abs() const;
  /// Superset of {x ** k : k in `exp`, k >= 0} (negative exponents contribute nothing; the
  /// caller tracks them); exact when `exp` is a point. [-3,2] ** [2,2] = [0,9].
  [[nodiscard]] Interval pow(const Interval& exp) const;

  // ---- comparisons and booleans (three-valued results inside [0,1]) --------------------
  /// Exact three-valued x < y: [1,1] iff true for all pairs, [0,0] iff false for all pairs,
  /// else [0,1]; empty if an operand is empty. [0,2] < [3,4] = [1,1]; [0,3] < [3,4] = [0,1].
  [[nodiscard]] Interval cmpLt(const Interval& o) const;
  /// Exact three-valued x <= y. [0,3] <= [3,4] = [1,1].
  [[nodiscard]] Interval cmpLe(const Interval& o) const;
  /// Exact three-valued x > y. [5,6] > [3,4] = [1,1].
  [[nodiscard]] Interval cmpGt(const Interval& o) const { return o.cmpLt(*this); }
  /// Exact three-valued x >= y. [4,6] >= [3,4] = [1,1].
  [[nodiscard]] Interval cmpGe(const Interval& o) const { return o.cmpLe(*this); }
  /// Exact three-valued x == y: [1,1] iff both are the same point, [0,0] iff disjoint.
  /// [2,2] == [2,2] = [1,1]; [0,1] == [2,3] = [0,0].
  [[nodiscard]] Interval cmpEq(const Interval& o) const;
  /// Exact three-valued x != y. [0,1] != [2,3] = [1,1].
  [[nodiscard]] Interval cmpNe(const Interval& o) const { return cmpEq(o).boolNot(); }
  /// Exact on booleans: not x. not [0,1] = [0,1]; not [1,1] = [0,0].
  [[nodiscard]] Interval boolNot() const;
  /// Exact on booleans: x and y. [0,1] and [0,0] = [0,0].
  [[nodiscard]] Interval boolAnd(const Interval& o) const;
  /// Exact on booleans: x or y. [0,1] or [1,1] = [1,1].
  [[nodiscard]] Interval boolOr(const Interval& o) const;
  /// Exact: `a` where c is true, `b` where false, their hull when c is [0,1]; empty if c is.
  /// where([1,1], [0,2], [5,5]) = [0,2]; where([0,1], [0,2], [5,5]) = [0,5].
  [[nodiscard]] static Interval where(const Interval& c, const Interval& a, const Interval& b);

 private:
  Interval(std::int64_t lo, std::int64_t hi, bool empty) : lo_(lo), hi_(hi), empty_(empty) {}
  std::int64_t lo_ = kNegInf;
  std::int64_t hi_ = kPosInf;
  bool empty_ = false;
};

}  // namespace symrange::solver
