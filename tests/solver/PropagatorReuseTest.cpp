// tests/solver/PropagatorReuseTest.cpp — one Propagator kept across outside writes and rollbacks
// (Propagator::boundsChanged, as labeling uses it) narrows exactly as a fresh propagator over a
// copy of the same box: random constraints (disjunctions and Where included, so alternatives'
// layers are evaluated too), random pins and narrowings, rollbacks to random earlier marks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprPrinter.h"
#include "solver/internal/BoundsPropagator.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprRef;
using solver::Box;
using solver::Constraint;
using solver::Interval;
using solver::Propagator;
using solver::SymBound;

namespace {

/// A value inside `iv` (near 0 when it is unbounded on a side).
std::int64_t valueIn(testing::RandomExprs& gen, const Interval& iv) {
  const std::int64_t lo = iv.hasLo() ? iv.lo() : -20;
  const std::int64_t hi = iv.hasHi() ? iv.hi() : 20;
  if (lo > hi) return *iv.clamp(0);
  const std::uint64_t width = static_cast<std::uint64_t>(std::min<std::int64_t>(hi - lo, 40));
  return lo + static_cast<std::int64_t>(gen.pick(width + 1));
}

}  // namespace

TEST_CASE("a propagator kept across writes and rollbacks narrows as a fresh one") {
  int compared = 0, conflicts = 0, narrowed = 0;
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    ir::ExprContext cx;
    testing::RandomExprs gen(cx, seed, 3);
    const std::vector<ExprRef>& syms = gen.symbols();
    std::vector<Constraint> cons;
    std::vector<std::vector<ExprRef>> consSyms;
    for (int i = 0; i < 8; ++i) {
      Constraint c;
      // half of them disjunctions of conjunctions: inside an alternative, the second conjunct
      // reads what the first narrowed on the alternative's layer
      c.expr = i % 2 == 0 ? gen.boolExpr(3)
                          : cx.lor(cx.land(gen.boolExpr(1), gen.boolExpr(1)),
                                   cx.land(gen.boolExpr(1), gen.boolExpr(1)));
      c.want = gen.pick(4) != 0;
      c.dep = static_cast<solver::FactIndex>(i);
      cons.push_back(c);
      consSyms.push_back(ir::freeSymbols(c.expr));
    }
    const Propagator::Touching touching = [&](ExprRef s, std::vector<std::size_t>& out) {
      for (std::size_t k = 0; k < cons.size(); ++k) {
        if (std::find(consSyms[k].begin(), consSyms[k].end(), s) != consSyms[k].end()) {
          out.push_back(k);
        }
      }
    };
    Box base;
    for (ExprRef s : syms) {
      SymBound b;
      b.sym = s;
      b.iv = Interval::range(-30 + static_cast<std::int64_t>(gen.pick(20)),
                             static_cast<std::int64_t>(gen.pick(30)));
      base.set(b);
    }
    Box work(&base);
    Propagator kept(work, cons, touching, Propagator::Deps::Skip);
    std::vector<Box::Mark> marks;
    std::vector<ExprRef> restored;
    for (int step = 0; step < 40; ++step) {
      if (!marks.empty() && (work.conflict() || gen.pick(3) == 0)) {
        // back to a random earlier mark
        const std::size_t to = gen.pick(marks.size());
        const std::uint64_t before = work.stamp();
        restored.clear();
        work.rollback(marks[to], &restored);
        kept.boundsChanged(before, restored);
        marks.resize(to);
        continue;
      }
      marks.push_back(work.mark());
      // pin a symbol, or cut its interval in two
      ExprRef s = syms[gen.pick(syms.size())];
      SymBound b = work.get(s);
      const std::int64_t v = valueIn(gen, b.iv);
      b.iv = gen.pick(2) == 0 ? Interval::point(v)
                              : b.iv.intersect(gen.pick(2) == 0 ? Interval::atMost(v)
                                                                : Interval::atLeast(v));
      const std::uint64_t before = work.stamp();
      work.set(b);
      const std::vector<ExprRef> changed = work.takeChanged();
      kept.boundsChanged(before, changed);
      std::vector<std::size_t> start;
      for (ExprRef c : changed) touching(c, start);
      Box fresh = work;  // the same layer over the same base
      Propagator once(fresh, cons, touching, Propagator::Deps::Skip);
      const bool okFresh = once.run(start, 64);
      const bool okKept = kept.run(start, 64);
      CHECK(okKept == okFresh);
      conflicts += okFresh ? 0 : 1;
      for (ExprRef x : syms) {
        CHECK_MESSAGE(work.interval(x) == fresh.interval(x),
                      "seed " << seed << " step " << step << " " << ir::printExpr(x));
        narrowed += work.interval(x) == base.interval(x) ? 0 : 1;
      }
      ++compared;
    }
  }
  // the walk met both outcomes, and propagation narrowed something
  CHECK(compared > 1000);
  CHECK(conflicts > 50);
  CHECK(narrowed > 1000);
}

TEST_CASE("inside an alternative, a conjunct reads what the one before it narrowed") {
  // u0, u1 in [0, 100]; (u0 <= 5 and u1 <= u0) or (u0 <= 10 and u1 <= u0): each alternative
  // narrows u0 on its own layer, then u1 below u0's narrowed interval there, so the hull of the
  // alternatives gives u0, u1 in [0, 10] (reading u0's interval of the box below the
  // alternative instead leaves u1 alone)
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0");
  ExprRef u1 = cx.symbol("u1");
  Box box;
  for (ExprRef s : {u0, u1}) {
    SymBound b;
    b.sym = s;
    b.iv = Interval::range(0, 100);
    box.set(b);
  }
  Constraint c;
  c.expr = cx.lor(cx.land(cx.le(u0, cx.intConst(5)), cx.le(u1, u0)),
                  cx.land(cx.le(u0, cx.intConst(10)), cx.le(u1, u0)));
  const std::vector<Constraint> cons{c};
  for (auto deps : {Propagator::Deps::Skip, Propagator::Deps::Track}) {
    Box layer(&box);
    Propagator p(layer, cons, [](ExprRef, std::vector<std::size_t>& out) { out.push_back(0); },
                 deps);
    REQUIRE(p.run({0}, 16));
    CHECK(layer.interval(u0) == Interval::range(0, 10));
    CHECK(layer.interval(u1) == Interval::range(0, 10));
  }
}
