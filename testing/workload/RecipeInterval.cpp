// testing/workload/RecipeInterval.cpp — the `interval` mix: symbols bounded by range
// constraints or assert pairs, arithmetic with constants, checks decidable from the bounds;
// plus the bounded-item and bound-check pieces the other recipes reuse.
#include <vector>

#include "testing/workload/internal/Recipes.h"

namespace symrange::bench::detail {

Int boundedItem(Builder& b, std::int64_t lo, std::int64_t hi, std::optional<std::int64_t> ref) {
  Scope& s = b.top();
  Int u = b.item(s, ref ? *ref : b.uniform(lo, hi), Bounds::of(lo, hi));
  const std::int64_t r = b.uniform(0, 99);
  if (r < 45) {
    b.constrainRange(s, u, lo, hi);
  } else if (r < 90 || lo != 0 || hi <= 2) {
    b.check(s, b.cmp(s, Cmp::Ge, u, lo));
    b.check(s, b.cmp(s, Cmp::Le, u, hi));
  } else {
    b.constrainForSize(s, u, lo, hi);
  }
  return u;
}

void boundCheck(Builder& b, Scope& s, const Int& t, int requiredPercent) {
  const Bounds k = b.bounds(t.term);
  const std::int64_t v = b.value(s, t.term);
  if (b.chance(requiredPercent) || (!k.lo && !k.hi)) {
    // Holds at v, not implied: a bound strictly inside the known range (or beyond v when the
    // range is unknown on that side).
    const bool roomAbove = !k.hi || v < *k.hi, roomBelow = !k.lo || v > *k.lo;
    if (roomAbove && (!roomBelow || b.chance(50))) {
      const std::int64_t c = b.uniform(v, k.hi ? *k.hi - 1 : v + 5);
      b.check(s, b.chance(50) ? b.cmp(s, Cmp::Le, t, c) : b.cmp(s, Cmp::Lt, t, c + 1));
      return;
    }
    if (roomBelow) {
      const std::int64_t c = b.uniform(k.lo ? *k.lo + 1 : v - 5, v);
      b.check(s, b.chance(50) ? b.cmp(s, Cmp::Ge, t, c) : b.cmp(s, Cmp::Gt, t, c - 1));
      return;
    }
  }
  const std::int64_t slack = b.chance(60) ? 0 : b.uniform(1, 3);
  const bool upper = k.hi && (!k.lo || b.chance(50));
  switch (b.uniform(0, 2)) {
    case 0:
      b.check(s, upper ? b.cmp(s, Cmp::Le, t, *k.hi + slack) : b.cmp(s, Cmp::Ge, t, *k.lo - slack));
      break;
    case 1:
      b.check(s, upper ? b.cmp(s, Cmp::Lt, t, *k.hi + 1 + slack) : b.cmp(s, Cmp::Gt, t, *k.lo - 1 - slack));
      break;
    default:
      b.check(s, b.cmp(s, Cmp::Ne, t, upper ? *k.hi + 1 + slack : *k.lo - 1 - slack));
      break;
  }
}

Int deriveLinear(Builder& b, Scope& s, const std::vector<Int>& from) {
  const Int& u = b.pickOne(from);
  const Int& v = b.pickOne(from);
  switch (b.uniform(0, 7)) {
    case 0: {
      Int m = b.op(s, Op::Mul, u, b.uniform(2, 5));
      return b.op(s, Op::Add, m, b.chance(50) ? b.uniform(1, 5) : -b.uniform(1, 5));
    }
    case 1: return b.op(s, Op::FloorDiv, u, b.uniform(2, 5));
    case 2: return b.op(s, Op::Mod, u, b.uniform(2, 7));
    case 3: return b.op(s, Op::Add, u, v);
    case 4: return b.op(s, Op::Sub, u, v);
    case 5: return b.op(s, b.chance(50) ? Op::Max : Op::Min, u, v);
    case 6: return b.op(s, Op::Mul, u, b.chance(80) ? b.uniform(2, 6) : -b.uniform(1, 3));
    default: return b.op(s, Op::Add, u, b.uniform(1, 9));
  }
}

void intervalGroup(Builder& b, std::size_t budget) {
  Scope& s = b.top();
  const std::size_t start = b.nodes();
  std::vector<Int> base, derived;
  const std::int64_t k = b.uniform(1, 2);
  for (std::int64_t i = 0; i < k && b.nodes() - start < budget; ++i)
    base.push_back(boundedItem(b, 0, b.uniform(3, 60)));
  while (b.nodes() - start < budget) {
    if (derived.empty() || b.chance(35)) {
      std::vector<Int> from = base;
      if (!derived.empty() && b.chance(30)) from.push_back(b.pickOne(derived));
      derived.push_back(deriveLinear(b, s, from));
      continue;
    }
    boundCheck(b, s, b.chance(80) ? b.pickOne(derived) : b.pickOne(base), 6);
  }
}

}  // namespace symrange::bench::detail
