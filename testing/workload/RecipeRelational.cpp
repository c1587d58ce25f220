// testing/workload/RecipeRelational.cpp — the `relational` mix: a chain of otherwise
// unbounded symbols x0 <= x1 < x2 ... (strictness random), a sum bound x0 + x1 <= n, an
// optional one-sided bound x0 >= 0 and an optional alias Eq(e, x_k); then checks that follow
// from the relations transitively (x_i < x_j + 1, x_i - x_j <= -gap, Max(x_i, x_j) <= x_j, ...),
// which interval bounds alone cannot decide, and some that hold but are not implied.
#include <vector>

#include "testing/workload/internal/Recipes.h"

namespace symrange::bench::detail {
namespace {

struct Chain {
  std::vector<Int> x;        // x[0] <= ... in chain order
  std::vector<int> strict;   // strict[i]: x[i] < x[i+1]
  std::optional<Int> alias;  // Eq(alias, x[aliasOf])
  std::size_t aliasOf = 0;
  std::optional<Int> n;      // x[0] + x[1] <= n
  std::optional<Int> sum01;  // the x[0] + x[1] node
  bool nonNegative = false;  // x[0] >= 0

  /// x[j] - x[i] >= gap(i, j) for i <= j.
  [[nodiscard]] std::int64_t gap(std::size_t i, std::size_t j) const {
    std::int64_t g = 0;
    for (std::size_t k = i; k < j; ++k) g += strict[k];
    return g;
  }
};

/// x[i], or its alias when it has one (half of the time).
const Int& member(Builder& b, const Chain& c, std::size_t i) {
  return c.alias && c.aliasOf == i && b.chance(50) ? *c.alias : c.x[i];
}

/// One check implied by the chain facts.
void impliedCheck(Builder& b, Scope& s, Chain& c) {
  const std::size_t len = c.x.size();
  std::size_t i = static_cast<std::size_t>(b.uniform(0, static_cast<std::int64_t>(len) - 2));
  std::size_t j = static_cast<std::size_t>(b.uniform(static_cast<std::int64_t>(i) + 1, static_cast<std::int64_t>(len) - 1));
  const std::int64_t g = c.gap(i, j);
  const Int& xi = member(b, c, i);
  const Int& xj = member(b, c, j);
  const std::int64_t r = b.uniform(0, 13);  // direct comparisons are the most frequent
  switch (r == 13 ? 4 : r > 10 ? 0 : r) {
    case 0: b.check(s, b.cmp(s, g > 0 ? Cmp::Lt : Cmp::Le, xi, xj)); return;
    case 1: b.check(s, b.cmp(s, Cmp::Lt, xi, b.op(s, Op::Add, xj, 1))); return;
    case 2: b.check(s, b.cmp(s, Cmp::Le, b.op(s, Op::Sub, xi, xj), -g)); return;
    case 3: b.check(s, b.cmp(s, Cmp::Ge, b.op(s, Op::Sub, xj, xi), g)); return;
    case 4:
      if (g > 0) { b.check(s, b.cmp(s, Cmp::Ne, xi, xj)); return; }
      b.check(s, b.cmp(s, Cmp::Le, xi, b.op(s, Op::Add, xj, b.uniform(1, 3))));
      return;
    case 5: b.check(s, b.cmp(s, Cmp::Le, b.op(s, Op::Max, xi, xj), xj)); return;
    case 6: b.check(s, b.cmp(s, Cmp::Ge, b.op(s, Op::Min, xi, xj), xi)); return;
    case 7: {
      // 2*x_j > x_i + x_k for i <= k < j with a strict step in between.
      if (g == 0 || !c.sum01 || i != 0 || j < 2) break;
      b.check(s, b.cmp(s, Cmp::Gt, b.op(s, Op::Mul, xj, 2), *c.sum01));
      return;
    }
    case 8:
      if (!c.n || !c.nonNegative) break;
      // x0 >= 0 and x0 + x1 <= n give x1 <= n and x0 <= n.
      b.check(s, b.cmp(s, Cmp::Le, member(b, c, b.chance(50) ? 0 : 1), *c.n));
      return;
    case 9:
      if (!c.n) break;
      // x0 <= x1 and x0 + x1 <= n give 2*x0 <= n, n - x1 >= x0.
      if (b.chance(50)) b.check(s, b.cmp(s, Cmp::Le, b.op(s, Op::Mul, member(b, c, 0), 2), *c.n));
      else b.check(s, b.cmp(s, Cmp::Ge, b.op(s, Op::Sub, *c.n, member(b, c, 1)), member(b, c, 0)));
      return;
    default:
      if (!c.nonNegative) break;
      b.check(s, b.cmp(s, Cmp::Ge, member(b, c, static_cast<std::size_t>(b.uniform(0, static_cast<std::int64_t>(len) - 1))), 0));
      return;
  }
  b.check(s, b.cmp(s, Cmp::Lt, xi, b.op(s, Op::Add, xj, 1 + b.uniform(0, 2))));
}

/// One check that holds at the valuation but does not follow from the chain.
void openCheck(Builder& b, Scope& s, Chain& c) {
  const std::size_t len = c.x.size();
  const Int& xi = c.x[static_cast<std::size_t>(b.uniform(0, static_cast<std::int64_t>(len) - 2))];
  const Int& xj = c.x.back();
  switch (b.uniform(0, 2)) {
    case 0: {  // the spread of the chain is bounded
      Int d = b.op(s, Op::Sub, xj, xi);
      b.check(s, b.cmp(s, Cmp::Le, d, b.value(s, d.term) + b.uniform(0, 4)));
      return;
    }
    case 1: {  // an upper bound on a chain member
      b.check(s, b.cmp(s, Cmp::Le, xj, b.value(s, xj.term) + b.uniform(0, 6)));
      return;
    }
    default: {  // where the sum bound lies relative to the top of the chain
      const Int& other = c.n ? *c.n : xi;
      const bool le = b.value(s, xj.term) <= b.value(s, other.term);
      b.check(s, b.cmp(s, le ? Cmp::Le : Cmp::Gt, xj, other));
      return;
    }
  }
}

}  // namespace

void relationalGroup(Builder& b, std::size_t budget) {
  Scope& s = b.top();
  const std::size_t start = b.nodes();
  Chain c;
  const std::size_t len = static_cast<std::size_t>(b.uniform(3, 4));
  c.nonNegative = b.chance(60);
  std::int64_t v = c.nonNegative ? b.uniform(0, 40) : b.uniform(-40, 40);
  for (std::size_t i = 0; i < len; ++i) {
    if (i > 0) {
      c.strict.push_back(b.chance(50) ? 1 : 0);
      v += c.strict.back() + b.uniform(0, 12);
    }
    c.x.push_back(b.item(s, v, c.nonNegative && i == 0 ? Bounds{0, std::nullopt} : Bounds::all()));
  }
  if (c.nonNegative) b.check(s, b.cmp(s, Cmp::Ge, c.x[0], 0));
  for (std::size_t i = 0; i + 1 < len; ++i)
    b.check(s, b.cmp(s, c.strict[i] ? Cmp::Lt : Cmp::Le, c.x[i], c.x[i + 1]));
  if (b.chance(50)) {
    const std::int64_t sum = b.value(s, c.x[0].term) + b.value(s, c.x[1].term);
    c.n = b.item(s, sum + b.uniform(0, 15), Bounds::all());
    c.sum01 = b.op(s, Op::Add, c.x[0], c.x[1]);
    b.check(s, b.cmp(s, Cmp::Le, *c.sum01, *c.n));
  }
  if (b.chance(30)) {
    c.aliasOf = static_cast<std::size_t>(b.uniform(0, static_cast<std::int64_t>(len) - 1));
    c.alias = b.item(s, b.value(s, c.x[c.aliasOf].term), Bounds::all());
    b.check(s, b.cmp(s, Cmp::Eq, *c.alias, c.x[c.aliasOf]));
  }
  while (b.nodes() - start < budget) {
    if (b.chance(6)) openCheck(b, s, c);
    else impliedCheck(b, s, c);
  }
}

}  // namespace symrange::bench::detail
