// testing/workload/RecipeConds.cpp — the `conds` mix: bounded symbols, then torch.cond nested
// up to depth 3 whose predicates compare group symbols with constants or with each other (some
// decided by the bounds, most open); each branch checks what its predicate implies (in the true
// branch of `u > 5`: `u > 4`, `u + v >= 6`), a few bounds that hold but are not implied, and may
// return a SymInt that the code after the cond checks against the hull of both returns.
#include <vector>

#include "testing/workload/internal/Recipes.h"

namespace symrange::bench::detail {
namespace {

constexpr int kMaxDepth = 3;

/// A branch predicate `x cmp k` (constant) or `x cmp y`.
struct Pred {
  Int x;
  Cmp cmp = Cmp::Gt;
  std::optional<std::int64_t> k;
  std::optional<Int> y;
};

Cmp negate(Cmp c) {
  static constexpr Cmp kNegation[] = {Cmp::Ge, Cmp::Gt, Cmp::Le, Cmp::Lt, Cmp::Ne, Cmp::Eq};
  return kNegation[static_cast<std::size_t>(c)];
}

/// A predicate on `ints`: against a constant inside the known range of x (open) or, one time
/// in five, outside it (decided by the bounds); or between two of the ints.
Pred makePred(Builder& b, Scope& s, const std::vector<Int>& ints) {
  Pred p{b.pickOne(ints), b.pickOne(std::vector<Cmp>{Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge}), {}, {}};
  const Int& other = b.pickOne(ints);
  if (other.node != p.x.node && b.chance(25)) {
    p.y = other;
    return p;
  }
  const Bounds k = b.bounds(p.x.term);
  const std::int64_t v = b.value(s, p.x.term);
  const std::int64_t lo = k.lo.value_or(v - 10), hi = k.hi.value_or(v + 10);
  if (b.chance(20)) p.k = b.chance(50) ? lo - b.uniform(1, 3) : hi + b.uniform(1, 3);
  else p.k = b.uniform(lo, std::max(lo, hi - 1));
  return p;
}

Bool emitPred(Builder& b, Scope& s, const Pred& p) {
  return p.y ? b.cmp(s, p.cmp, p.x, *p.y) : b.cmp(s, p.cmp, p.x, *p.k);
}

/// A check implied by `x cmp k` (or `x cmp y`) holding in arm `a`: a weakening of it, or its
/// sum with another non-negative int of the arm.
void impliedCheck(Builder& b, Scope& a, Cmp c, const Pred& p, const std::vector<Int>& ints) {
  const std::int64_t d = b.chance(50) ? 0 : b.uniform(1, 3);
  if (p.y) {
    // x < y: x <= y or Ne(x, y);  x <= y: x - y <= d;  x > y: y - x < d;  x >= y: x + 1 + d >= y.
    switch (c) {
      case Cmp::Lt: b.check(a, b.chance(50) ? b.cmp(a, Cmp::Ne, p.x, *p.y) : b.cmp(a, Cmp::Le, p.x, *p.y)); return;
      case Cmp::Le: b.check(a, b.cmp(a, Cmp::Le, b.op(a, Op::Sub, p.x, *p.y), d)); return;
      case Cmp::Gt: b.check(a, b.cmp(a, Cmp::Lt, b.op(a, Op::Sub, *p.y, p.x), d)); return;
      default: b.check(a, b.cmp(a, Cmp::Ge, b.op(a, Op::Add, p.x, 1 + d), *p.y)); return;
    }
  }
  // Normalize to a lower bound x >= L or an upper bound x <= H.
  const bool lower = c == Cmp::Gt || c == Cmp::Ge;
  const std::int64_t edge = c == Cmp::Gt ? *p.k + 1 : c == Cmp::Lt ? *p.k - 1 : *p.k;
  const Int& other = b.pickOne(ints);
  switch (b.uniform(0, 3)) {
    case 0: b.check(a, b.cmp(a, lower ? Cmp::Ge : Cmp::Le, p.x, lower ? edge - d : edge + d)); return;
    case 1: b.check(a, b.cmp(a, lower ? Cmp::Gt : Cmp::Lt, p.x, lower ? edge - 1 - d : edge + 1 + d)); return;
    case 2: b.check(a, b.cmp(a, Cmp::Ne, p.x, lower ? edge - 1 - d : edge + 1 + d)); return;
    default: {
      // x + other >= L + lo(other) when other is bounded below (and similarly above).
      const Bounds ob = b.bounds(other.term);
      const std::optional<std::int64_t> end = lower ? ob.lo : ob.hi;
      if (other.node == p.x.node || !end) break;
      Int sum = b.op(a, Op::Add, p.x, other);
      b.check(a, b.cmp(a, lower ? Cmp::Ge : Cmp::Le, sum, lower ? edge + *end - d : edge + *end + d));
      return;
    }
  }
  b.check(a, b.cmp(a, lower ? Cmp::Ge : Cmp::Le, p.x, lower ? edge - d : edge + d));
}

std::optional<Int> condStep(Builder& b, Scope& s, const std::vector<Int>& ints, std::size_t budget, bool returnsInt);

/// The body of one branch: about `budget` nodes of checks, maybe a nested cond.
std::optional<Int> armBody(Builder& b, Scope& a, bool side, const Pred& p, const std::vector<Int>& ints,
                           std::size_t budget, bool returnsInt) {
  const std::size_t start = b.nodes();
  const Cmp c = side ? p.cmp : negate(p.cmp);
  bool nested = false;
  while (b.nodes() - start < budget) {
    const std::size_t left = budget - (b.nodes() - start);
    if (!nested && a.depth < kMaxDepth && left >= 24 && b.chance(35)) {
      nested = true;
      (void)condStep(b, a, ints, left - 4, false);
      continue;
    }
    if (b.chance(85)) impliedCheck(b, a, c, p, ints);
    else boundCheck(b, a, b.pickOne(ints), 40);
  }
  if (!returnsInt) return std::nullopt;
  return side ? b.op(a, Op::Add, p.x, b.uniform(1, 4)) : b.op(a, Op::Mul, p.x, 2);
}

std::optional<Int> condStep(Builder& b, Scope& s, const std::vector<Int>& ints, std::size_t budget, bool returnsInt) {
  const Pred p = makePred(b, s, ints);
  const Bool pred = emitPred(b, s, p);
  // Operands: what the predicate mentions and one more int for the sum checks.
  std::vector<Int> operands = {p.x};
  if (p.y) operands.push_back(*p.y);
  const Int& other = b.pickOne(ints);
  if (operands.size() < 2 && other.node != p.x.node) operands.push_back(other);
  const std::size_t overhead = 5 + 2 * (3 + operands.size());
  const std::size_t arm = budget > overhead + 8 ? (budget - overhead) / 2 : 4;
  return b.cond(s, pred, operands, returnsInt, [&](Scope& a, bool side) {
    return armBody(b, a, side, p, operands, arm, returnsInt);
  });
}

}  // namespace

void condsGroup(Builder& b, std::size_t budget) {
  Scope& s = b.top();
  const std::size_t start = b.nodes();
  std::vector<Int> ints = {boundedItem(b, 0, b.uniform(8, 30)), boundedItem(b, 0, b.uniform(4, 20))};
  if (b.chance(50)) ints.push_back(b.op(s, Op::Add, ints[0], ints[1]));
  boundCheck(b, s, ints.back(), 10);
  bool returned = false;
  while (b.nodes() - start < budget) {
    const std::size_t left = budget - (b.nodes() - start);
    if (returned || left < 20) {
      boundCheck(b, s, b.pickOne(ints), 10);
      continue;
    }
    const bool returnsInt = b.chance(50);
    const std::optional<Int> r = condStep(b, s, ints, left, returnsInt);
    if (r) {
      // After a cond returning a SymInt no further cond: the sampler keeps its value pinned.
      returned = true;
      ints.push_back(*r);
      boundCheck(b, s, *r, 20);
    }
  }
}

}  // namespace symrange::bench::detail
