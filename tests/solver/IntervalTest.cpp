// tests/solver/IntervalTest.cpp — the interval domain against brute force: every interval
// inside [-8, 8] (and every pair for binary operations, empty included) for soundness, and
// tightness where the contract in solver/Interval.h claims "exact".
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ir/ExprEval.h"
#include "solver/Interval.h"

using symrange::solver::Interval;

namespace {

constexpr std::int64_t kLo = -8;
constexpr std::int64_t kHi = 8;

/// Every interval inside [kLo, kHi], plus the empty one.
std::vector<Interval> smallIntervals() {
  std::vector<Interval> out{Interval::empty()};
  for (std::int64_t a = kLo; a <= kHi; ++a) {
    for (std::int64_t b = a; b <= kHi; ++b) out.push_back(Interval::range(a, b));
  }
  return out;
}

std::vector<std::int64_t> members(const Interval& x) {
  std::vector<std::int64_t> out;
  if (x.isEmpty()) return out;
  for (std::int64_t v = x.lo(); v <= x.hi(); ++v) out.push_back(v);
  return out;
}

/// The smallest interval holding `vals` (empty for none).
Interval hullOf(const std::vector<std::int64_t>& vals) {
  if (vals.empty()) return Interval::empty();
  auto [lo, hi] = std::minmax_element(vals.begin(), vals.end());
  return Interval::range(*lo, *hi);
}

using BinOp = std::function<Interval(const Interval&, const Interval&)>;
using Concrete = std::function<std::optional<std::int64_t>(std::int64_t, std::int64_t)>;

struct BinCase {
  const char* name;
  BinOp op;
  Concrete concrete;  // nullopt: the operation raises (contributes no value)
  std::function<bool(const Interval&, const Interval&)> exactWhen;
};

bool always(const Interval&, const Interval&) { return true; }

void checkBinary(const BinCase& c, const std::vector<Interval>& xs,
                 const std::vector<Interval>& ys) {
  std::size_t unsound = 0, loose = 0;
  for (const Interval& x : xs) {
    for (const Interval& y : ys) {
      std::vector<std::int64_t> vals;
      for (std::int64_t a : members(x)) {
        for (std::int64_t b : members(y)) {
          if (auto r = c.concrete(a, b)) vals.push_back(*r);
        }
      }
      Interval got = c.op(x, y);
      Interval best = hullOf(vals);
      if (!got.containsAll(best)) {
        if (++unsound <= 5) {
          INFO(std::string(c.name) << " x=" << x.toString() << " y=" << y.toString()
                      << " expected superset of " << best.toString() << " got " << got.toString());
          CHECK(false);
        }
      } else if (c.exactWhen(x, y) && got != best) {
        if (++loose <= 5) {
          INFO(std::string(c.name) << " x=" << x.toString() << " y=" << y.toString() << " expected exactly "
                      << best.toString() << " got " << got.toString());
          CHECK(false);
        }
      }
    }
  }
  INFO(std::string(c.name));
  CHECK(unsound == 0);
  CHECK(loose == 0);
}

std::optional<std::int64_t> boolOf(bool b) { return b ? 1 : 0; }

}  // namespace

TEST_CASE("interval: named constructors and accessors") {
  CHECK(Interval::full().isFull());
  CHECK(!Interval::full().hasLo());
  CHECK(Interval::empty().isEmpty());
  CHECK(Interval::range(3, 2).isEmpty());
  CHECK(Interval::point(7).pointValue() == 7);
  CHECK(Interval::atLeast(0).lower() == 0);
  CHECK(!Interval::atLeast(0).upper());
  CHECK(Interval::atMost(4).upper() == 4);
  CHECK(Interval::atLeast(0).contains(1'000'000));
  CHECK(!Interval::atLeast(0).contains(-1));
  CHECK(Interval::range(0, 5).toString() == "[0, 5]");
  CHECK(Interval::atMost(3).toString() == "[-oo, 3]");
  CHECK(Interval::empty().toString() == "empty");
  CHECK(Interval::range(2, 9).clamp(0) == 2);
  CHECK(Interval::atMost(-3).clamp(0) == -3);
  CHECK(Interval::full().clamp(5) == 5);
}

TEST_CASE("interval: binary transfer functions, exhaustive on [-8, 8]") {
  const std::vector<Interval> all = smallIntervals();
  using symrange::ir::pyFloorDiv;
  using symrange::ir::pyMod;
  auto divisorPoint = [](const Interval&, const Interval& y) { return y.isPoint(); };
  const std::vector<BinCase> cases = {
      {"add", [](auto& x, auto& y) { return x.add(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> { return a + b; }, always},
      {"sub", [](auto& x, auto& y) { return x.sub(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> { return a - b; }, always},
      {"mul", [](auto& x, auto& y) { return x.mul(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> { return a * b; }, always},
      {"max", [](auto& x, auto& y) { return x.max(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> { return std::max(a, b); },
       always},
      {"min", [](auto& x, auto& y) { return x.min(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> { return std::min(a, b); },
       always},
      {"floorDiv", [](auto& x, auto& y) { return x.floorDiv(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> {
         if (b == 0) return std::nullopt;
         return pyFloorDiv(a, b);
       },
       always},
      {"ceilDiv", [](auto& x, auto& y) { return x.ceilDiv(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> {
         if (b == 0) return std::nullopt;
         return -pyFloorDiv(-a, b);
       },
       always},
      {"mod", [](auto& x, auto& y) { return x.mod(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> {
         if (b == 0) return std::nullopt;
         return pyMod(a, b);
       },
       divisorPoint},
      {"cmpLt", [](auto& x, auto& y) { return x.cmpLt(y); },
       [](std::int64_t a, std::int64_t b) { return boolOf(a < b); }, always},
      {"cmpLe", [](auto& x, auto& y) { return x.cmpLe(y); },
       [](std::int64_t a, std::int64_t b) { return boolOf(a <= b); }, always},
      {"cmpGt", [](auto& x, auto& y) { return x.cmpGt(y); },
       [](std::int64_t a, std::int64_t b) { return boolOf(a > b); }, always},
      {"cmpGe", [](auto& x, auto& y) { return x.cmpGe(y); },
       [](std::int64_t a, std::int64_t b) { return boolOf(a >= b); }, always},
      {"cmpEq", [](auto& x, auto& y) { return x.cmpEq(y); },
       [](std::int64_t a, std::int64_t b) { return boolOf(a == b); }, always},
      {"cmpNe", [](auto& x, auto& y) { return x.cmpNe(y); },
       [](std::int64_t a, std::int64_t b) { return boolOf(a != b); }, always},
      {"intersect", [](auto& x, auto& y) { return x.intersect(y); },
       [](std::int64_t a, std::int64_t b) -> std::optional<std::int64_t> {
         if (a != b) return std::nullopt;
         return a;
       },
       always},
  };
  for (const BinCase& c : cases) {
    SUBCASE(c.name) { checkBinary(c, all, all); }
  }
}

TEST_CASE("interval: hull is the smallest interval holding both, exhaustive on [-8, 8]") {
  const std::vector<Interval> all = smallIntervals();
  for (const Interval& x : all) {
    for (const Interval& y : all) {
      std::vector<std::int64_t> vals = members(x);
      for (std::int64_t v : members(y)) vals.push_back(v);
      INFO("x=" << x.toString() << " y=" << y.toString());
      REQUIRE(x.hull(y) == hullOf(vals));
    }
  }
}

TEST_CASE("interval: unary transfer functions, exhaustive on [-8, 8]") {
  const std::vector<Interval> all = smallIntervals();
  struct UnCase {
    const char* name;
    std::function<Interval(const Interval&)> op;
    std::function<std::int64_t(std::int64_t)> concrete;
  };
  const std::vector<UnCase> cases = {
      {"neg", [](const Interval& x) { return x.neg(); }, [](std::int64_t a) { return -a; }},
      {"abs", [](const Interval& x) { return x.abs(); },
       [](std::int64_t a) { return a < 0 ? -a : a; }},
  };
  for (const UnCase& c : cases) {
    for (const Interval& x : all) {
      std::vector<std::int64_t> vals;
      for (std::int64_t a : members(x)) vals.push_back(c.concrete(a));
      INFO(std::string(c.name) << " x=" << x.toString());
      CHECK(c.op(x) == hullOf(vals));
    }
  }
}

TEST_CASE("interval: pow, exhaustive bases in [-8, 8], exponents in [0, 4]") {
  std::vector<Interval> exps{Interval::empty()};
  for (std::int64_t a = 0; a <= 4; ++a) {
    for (std::int64_t b = a; b <= 4; ++b) exps.push_back(Interval::range(a, b));
  }
  BinCase c{"pow", [](auto& x, auto& y) { return x.pow(y); },
            [](std::int64_t a, std::int64_t n) -> std::optional<std::int64_t> {
              std::int64_t r = 1;
              for (std::int64_t i = 0; i < n; ++i) r *= a;
              return r;
            },
            always};
  checkBinary(c, smallIntervals(), exps);
  // negative exponents contribute nothing; unbounded exponent sets stay sound
  CHECK(Interval::range(2, 3).pow(Interval::range(-2, -1)).isEmpty());
  CHECK(Interval::range(2, 3).pow(Interval::atLeast(1)) == Interval::atLeast(2));
  CHECK(Interval::range(-1, 1).pow(Interval::atLeast(0)) == Interval::range(-1, 1));
  CHECK(Interval::range(-2, 1).pow(Interval::atLeast(0)).isFull());
  CHECK(Interval::range(0, 1).pow(Interval::atLeast(5)) == Interval::range(0, 1));
}

TEST_CASE("interval: booleans, every three-valued input") {
  const std::vector<Interval> bools = {Interval::empty(), Interval::boolFalse(),
                                       Interval::boolTrue(), Interval::boolUnknown()};
  BinCase andCase{"and", [](auto& x, auto& y) { return x.boolAnd(y); },
                  [](std::int64_t a, std::int64_t b) { return boolOf(a && b); }, always};
  BinCase orCase{"or", [](auto& x, auto& y) { return x.boolOr(y); },
                 [](std::int64_t a, std::int64_t b) { return boolOf(a || b); }, always};
  checkBinary(andCase, bools, bools);
  checkBinary(orCase, bools, bools);
  for (const Interval& x : bools) {
    std::vector<std::int64_t> vals;
    for (std::int64_t a : members(x)) vals.push_back(a ? 0 : 1);
    CHECK(x.boolNot() == hullOf(vals));
  }
  // where: every condition against every pair of small intervals
  const std::vector<Interval> all = smallIntervals();
  std::size_t bad = 0;
  for (const Interval& c : bools) {
    for (const Interval& a : all) {
      for (const Interval& b : all) {
        std::vector<std::int64_t> vals;
        for (std::int64_t cv : members(c)) {
          for (std::int64_t v : members(cv ? a : b)) vals.push_back(v);
        }
        if (Interval::where(c, a, b) != hullOf(vals) && ++bad <= 5) {
          INFO("where c=" << c.toString() << " a=" << a.toString() << " b=" << b.toString());
          CHECK(false);
        }
      }
    }
  }
  CHECK(bad == 0);
}

TEST_CASE("interval: unbounded ends, soundness on samples") {
  // half-lines [a, +oo] and [-oo, a] with a in [-8, 8]; values sampled 40 beyond the end
  std::vector<Interval> xs = smallIntervals();
  for (std::int64_t a = kLo; a <= kHi; ++a) {
    xs.push_back(Interval::atLeast(a));
    xs.push_back(Interval::atMost(a));
  }
  xs.push_back(Interval::full());
  auto sample = [](const Interval& x) {
    std::vector<std::int64_t> out;
    std::int64_t lo = x.hasLo() ? x.lo() : (x.hasHi() ? x.hi() - 40 : -40);
    std::int64_t hi = x.hasHi() ? x.hi() : lo + 40;
    if (x.isEmpty()) return out;
    for (std::int64_t v = lo; v <= hi; ++v) out.push_back(v);
    return out;
  };
  using symrange::ir::pyFloorDiv;
  using symrange::ir::pyMod;
  std::size_t bad = 0;
  for (const Interval& x : xs) {
    for (const Interval& y : xs) {
      const std::vector<std::pair<const char*, Interval>> results = {
          {"add", x.add(y)}, {"mul", x.mul(y)}, {"floorDiv", x.floorDiv(y)},
          {"mod", x.mod(y)}, {"max", x.max(y)}, {"min", x.min(y)}};
      for (std::int64_t a : sample(x)) {
        for (std::int64_t b : sample(y)) {
          const std::int64_t concrete[] = {a + b, a * b, b ? pyFloorDiv(a, b) : 0,
                                           b ? pyMod(a, b) : 0, std::max(a, b), std::min(a, b)};
          for (std::size_t i = 0; i < results.size(); ++i) {
            if (b == 0 && (i == 2 || i == 3)) continue;
            if (!results[i].second.contains(concrete[i]) && ++bad <= 5) {
              INFO(std::string(results[i].first) << " x=" << x.toString() << " y=" << y.toString() << " a="
                                    << a << " b=" << b << " got " << results[i].second.toString());
              CHECK(false);
            }
          }
        }
      }
    }
  }
  CHECK(bad == 0);
}

TEST_CASE("interval: table of unbounded and saturating cases") {
  constexpr std::int64_t kMax = Interval::kPosInf;
  constexpr std::int64_t kMin = Interval::kNegInf;
  struct Row {
    const char* what;
    Interval got;
    Interval expected;
  };
  const Row rows[] = {
      {"[0,+oo] + [1,2]", Interval::atLeast(0).add(Interval::range(1, 2)), Interval::atLeast(1)},
      {"-[0,+oo]", Interval::atLeast(0).neg(), Interval::atMost(0)},
      {"[0,+oo] * [0,0]", Interval::atLeast(0).mul(Interval::point(0)), Interval::point(0)},
      {"[-1,+oo] * [2,3]", Interval::atLeast(-1).mul(Interval::range(2, 3)), Interval::atLeast(-3)},
      {"[8,+oo] // [4,4]", Interval::atLeast(8).floorDiv(Interval::point(4)), Interval::atLeast(2)},
      {"[0,+oo] // [-2,-2]", Interval::atLeast(0).floorDiv(Interval::point(-2)),
       Interval::atMost(0)},
      {"[1,5] // [1,+oo]", Interval::range(1, 5).floorDiv(Interval::atLeast(1)),
       Interval::range(0, 5)},
      {"[-5,-1] // [1,+oo]", Interval::range(-5, -1).floorDiv(Interval::atLeast(1)),
       Interval::range(-5, -1)},
      {"[0,+oo] % [4,4]", Interval::atLeast(0).mod(Interval::point(4)), Interval::range(0, 3)},
      {"[-oo,+oo] % [-3,-3]", Interval::full().mod(Interval::point(-3)), Interval::range(-2, 0)},
      {"[0,+oo] % [1,+oo]", Interval::atLeast(0).mod(Interval::atLeast(1)), Interval::atLeast(0)},
      {"[3,+oo] // [0,0]", Interval::atLeast(3).floorDiv(Interval::point(0)), Interval::empty()},
      {"abs [-oo,-2]", Interval::atMost(-2).abs(), Interval::atLeast(2)},
      {"saturate add", Interval::point(kMax - 1).add(Interval::point(5)), Interval::atLeast(kMax)},
      {"saturate sub", Interval::point(kMin + 1).sub(Interval::point(5)),
       Interval::atMost(kMin)},
      {"saturate mul", Interval::point(1LL << 40).mul(Interval::point(1LL << 40)),
       Interval::atLeast(kMax)},
      {"saturate pow", Interval::point(-3).pow(Interval::point(41)), Interval::atMost(kMin)},
      {"neg of min", Interval::range(kMin + 1, 0).neg(), Interval::range(0, kMax)},
  };
  for (const Row& r : rows) {
    INFO(std::string(r.what) << ": expected " << r.expected.toString() << " got " << r.got.toString());
    CHECK(r.got == r.expected);
  }
}
