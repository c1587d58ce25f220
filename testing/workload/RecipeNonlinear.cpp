// testing/workload/RecipeNonlinear.cpp — the `nonlinear` mix: small bounded symbols
// u in [0, Mu], v in [1, Mv] and a multiple w of m; products u*v, floor division and modulo by
// constants and by the positive v, divisibility facts Eq(PythonMod(w, m), 0); checks that
// follow non-linearly (u*v >= u, (u//v)*v <= u, Eq(PythonMod(w + 8, 4), 0)) and some that hold
// but are not implied. Bounds stay small so every Z3 query remains cheap.
#include <vector>

#include "testing/workload/internal/Recipes.h"

namespace symrange::bench::detail {
namespace {

struct Group {
  Int u, v;
  std::optional<Int> w;  // a multiple of m (in 60% of the groups)
  std::int64_t mu = 0, m = 1;
  std::optional<Int> p, q, r, md;  // u*v, u//c, u//v, u%v (made on first use)
  std::int64_t c = 2;              // the constant divisor of q
};

void nonlinearCheck(Builder& b, Scope& s, Group& g) {
  auto product = [&]() -> const Int& {
    if (!g.p) g.p = b.op(s, Op::Mul, g.u, g.v);
    return *g.p;
  };
  auto quotient = [&]() -> const Int& {
    if (!g.q) g.q = b.op(s, Op::FloorDiv, g.u, g.c);
    return *g.q;
  };
  auto ratio = [&]() -> const Int& {
    if (!g.r) g.r = b.op(s, Op::FloorDiv, g.u, g.v);
    return *g.r;
  };
  auto remainder = [&]() -> const Int& {
    if (!g.md) g.md = b.op(s, Op::Mod, g.u, g.v);
    return *g.md;
  };
  std::int64_t kind = b.chance(10) ? b.uniform(12, 13) : b.uniform(0, 11);
  if (!g.w && kind >= 9 && kind <= 11) kind = b.uniform(0, 8);
  switch (kind) {
    case 0: b.check(s, b.cmp(s, Cmp::Ge, product(), g.u)); return;  // v >= 1
    case 1: b.check(s, b.cmp(s, Cmp::Le, product(), b.op(s, Op::Mul, g.v, g.mu))); return;
    case 2: boundCheck(b, s, product(), 0); return;
    case 3: b.check(s, b.cmp(s, Cmp::Le, b.op(s, Op::Mul, quotient(), g.c), g.u)); return;
    case 4: {
      Int rem = b.op(s, Op::Sub, g.u, b.op(s, Op::Mul, quotient(), g.c));
      b.check(s, b.cmp(s, Cmp::Lt, rem, g.c));
      return;
    }
    case 5: b.check(s, b.cmp(s, Cmp::Le, ratio(), g.u)); return;
    case 6: b.check(s, b.cmp(s, Cmp::Le, b.op(s, Op::Mul, ratio(), g.v), g.u)); return;
    case 7: b.check(s, b.cmp(s, Cmp::Lt, remainder(), g.v)); return;
    case 8: b.check(s, b.cmp(s, Cmp::Le, remainder(), g.u)); return;
    case 9: {
      Int shifted = b.op(s, Op::Add, *g.w, g.m * b.uniform(1, 4));
      b.check(s, b.cmp(s, Cmp::Eq, b.op(s, Op::Mod, shifted, g.m), 0));
      return;
    }
    case 10:
      b.check(s, b.cmp(s, Cmp::Eq, b.op(s, Op::Mod, b.op(s, Op::Mul, *g.w, b.uniform(2, 5)), g.m), 0));
      return;
    case 11:
      b.check(s, b.cmp(s, Cmp::Eq, b.op(s, Op::Mul, b.op(s, Op::FloorDiv, *g.w, g.m), g.m), *g.w));
      return;
    case 12: {  // a product bound that holds here but is not implied
      const Int& x = b.chance(50) ? product() : ratio();
      b.check(s, b.cmp(s, Cmp::Le, x, b.value(s, x.term) + b.uniform(0, 3)));
      return;
    }
    default: {  // the parity of u: holds here, not implied
      Int par = b.op(s, Op::Mod, g.u, 2);
      b.check(s, b.cmp(s, Cmp::Eq, par, b.value(s, par.term)));
      return;
    }
  }
}

}  // namespace

void nonlinearGroup(Builder& b, std::size_t budget) {
  Scope& s = b.top();
  const std::size_t start = b.nodes();
  static const std::vector<std::int64_t> kModuli = {2, 3, 4, 8};
  const std::int64_t mu = b.uniform(4, 20), mv = b.uniform(2, 12), m = b.pickOne(kModuli);
  Int u = b.item(s, b.uniform(0, mu), Bounds::of(0, mu));
  b.constrainRange(s, u, 0, mu);
  Int v = b.item(s, b.uniform(1, mv), Bounds::of(1, mv));
  b.constrainRange(s, v, 1, mv);
  Group g{u, v, {}, mu, m, {}, {}, {}, {}, b.uniform(2, 5)};
  if (b.chance(60)) {
    g.w = b.item(s, m * b.uniform(0, 64 / m), Bounds::of(0, 64));
    b.constrainRange(s, *g.w, 0, 64);
    b.check(s, b.cmp(s, Cmp::Eq, b.op(s, Op::Mod, *g.w, m), 0));
  }
  while (b.nodes() - start < budget) nonlinearCheck(b, s, g);
}

}  // namespace symrange::bench::detail
