// testing/workload/RecipeRealistic.cpp — the `realistic` mix, shaped like the samples:
// `_local_scalar_dense` / item() of an input, the exporter's `u >= 0` / `u <= N` assert pair and
// sym_constrain_range_for_size (or sym_constrain_range) on it, full([u, k]) tensors, sym_size.int
// of them with the same assert pair again (as the exporter duplicates it), Eq(sym_size, u),
// products of sizes (u*k, u*w) and bound checks (u < 6 given [0, 5]).
#include <vector>

#include "testing/workload/internal/Recipes.h"

namespace symrange::bench::detail {
namespace {

struct Value {
  Int u;              // the item() symbol
  std::int64_t hi;    // its exporter bound [0, hi]
  std::vector<Int> sizes;  // sym_size.int nodes equal to u
};

/// The exporter's checks for `x` in [0, hi]: ge/le asserts (2.5 `_assert_scalar`, or the 2.1
/// `_assert_async` spelling for a tenth of the groups).
void assertPair(Builder& b, Scope& s, const Int& x, std::int64_t hi, CheckStyle style) {
  b.check(s, b.cmp(s, Cmp::Ge, x, 0), style);
  b.check(s, b.cmp(s, Cmp::Le, x, hi), style);
}

Value exportedItem(Builder& b, Scope& s, CheckStyle style) {
  const std::int64_t hi = b.pickOne(std::vector<std::int64_t>{5, 8, 16, 32, 64, 128, 1024, b.uniform(3, 100)});
  Value v{b.item(s, b.uniform(0, hi), Bounds::of(0, hi), b.chance(70)), hi, {}};
  assertPair(b, s, v.u, hi, style);
  if (b.chance(65)) b.constrainForSize(s, v.u, 0, hi);
  else b.constrainRange(s, v.u, 0, hi);
  return v;
}

}  // namespace

void realisticGroup(Builder& b, std::size_t budget) {
  Scope& s = b.top();
  const std::size_t start = b.nodes();
  const CheckStyle style = b.chance(10) ? CheckStyle::AssertAsync : CheckStyle::AssertScalar;
  std::vector<Value> values = {exportedItem(b, s, style)};
  if (budget >= 30 && b.chance(40)) values.push_back(exportedItem(b, s, style));
  while (b.nodes() - start < budget) {
    Value& v = values[static_cast<std::size_t>(b.uniform(0, static_cast<std::int64_t>(values.size()) - 1))];
    const std::int64_t r = b.uniform(0, 99);
    if (v.sizes.empty() || r < 20) {
      // A tensor sized by u; its sym_size and the duplicated exporter asserts on it.
      const bool pair = values.size() == 2 && b.chance(50);
      const std::int64_t k = b.uniform(2, 8);
      const Tensor t = pair ? b.full(s, {values[0].u, values[1].u}) : b.full(s, {v.u, Builder::literal(k)});
      const int dim = pair && &v == &values[1] ? 1 : 0;
      const Int size = b.symSize(s, t, dim);
      v.sizes.push_back(size);
      if (b.chance(70)) assertPair(b, s, size, v.hi, style);
      if (pair) {
        // numel of a [u, w] tensor: u*w within [0, hu*hw].
        const Value& o = values[dim == 0 ? 1 : 0];
        Int other = b.symSize(s, t, 1 - dim);
        Int numel = b.op(s, Op::Mul, size, other);
        b.check(s, b.cmp(s, Cmp::Le, numel, v.hi * o.hi), style);
      }
    } else if (r < 40) {
      b.check(s, b.cmp(s, Cmp::Eq, b.pickOne(v.sizes), v.u), style);
    } else if (r < 60) {
      // A product of sizes: u*k <= k*hi.
      const std::int64_t k = b.uniform(2, 64);
      Int prod = b.op(s, Op::Mul, b.pickOne(v.sizes), k);
      b.check(s, b.cmp(s, Cmp::Le, prod, k * v.hi), style);
    } else if (r < 80) {
      // u < hi + 1 (the `if a < 6` of the samples), on the value or on a size.
      const Int& x = b.chance(50) ? v.u : b.pickOne(v.sizes);
      b.check(s, b.chance(50) ? b.cmp(s, Cmp::Lt, x, v.hi + 1) : b.cmp(s, Cmp::Ge, x, 0), style);
    } else {
      boundCheck(b, s, b.chance(50) ? v.u : b.pickOne(v.sizes), 60);
    }
  }
}

}  // namespace symrange::bench::detail
