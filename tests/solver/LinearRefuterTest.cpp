// tests/solver/LinearRefuterTest.cpp — the linear tier's refutation (solver/internal/
// LinearRefuter.h): against brute force over every point of small boxes (a refuted conjunction
// has no point; the facts it names are refuted on their own), and the relational and divmod
// facts it exists for (each also as a Prover verdict with Method::Linear).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprPrinter.h"
#include "solver/Prover.h"
#include "solver/internal/LinearRefuter.h"
#include "solver/internal/WitnessSearch.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprRef;
using solver::Constraint;
using solver::DepSet;
using solver::FactIndex;

namespace {

constexpr FactIndex kBoundDep = 100;  // symbol k's bounds come from "fact" 100 + k

struct Problem {
  std::vector<ExprRef> syms;
  std::vector<solver::Interval> bounds;  // per symbol
  std::vector<Constraint> cons;
};

/// Bounds in [-7, 11] for each symbol, 1 to `maxConstraints` random constraints (wanted true,
/// or a quarter of them false when `someFalse`).
Problem randomProblem(testing::RandomExprs& gen, std::size_t maxConstraints, bool someFalse) {
  Problem p;
  p.syms = gen.symbols();
  for (std::size_t k = 0; k < p.syms.size(); ++k) {
    const auto lo = static_cast<std::int64_t>(gen.pick(11)) - 7;
    p.bounds.push_back(solver::Interval::range(lo, lo + static_cast<std::int64_t>(gen.pick(9))));
  }
  const std::size_t n = 1 + gen.pick(maxConstraints);
  for (std::size_t k = 0; k < n; ++k) {
    ExprRef e = gen.boolExpr(2);
    const bool want = !someFalse || gen.pick(4) != 0;
    p.cons.push_back(Constraint{e, want, static_cast<FactIndex>(k), true});
  }
  return p;
}

solver::Box boxOf(const Problem& p) {
  solver::Box box;
  for (std::size_t k = 0; k < p.syms.size(); ++k) {
    const DepSet d{kBoundDep + static_cast<FactIndex>(k)};
    box.set(solver::SymBound{p.syms[k], p.bounds[k], d, d});
  }
  return box;
}

/// Whether some point with symbol k in `domain[k]` makes every constraint whose dep is in
/// `only` (every one when null) hold; a constraint that cannot be evaluated at a point (int64
/// overflow) is taken as holding there.
bool satisfiable(const Problem& p, const std::vector<std::pair<std::int64_t, std::int64_t>>& domain,
                 const DepSet* only) {
  solver::Assignment point;
  for (ExprRef s : p.syms) point.emplace_back(s, 0);
  std::sort(point.begin(), point.end(),
            [](const auto& a, const auto& b) { return a.first->id() < b.first->id(); });
  auto indexOf = [&](std::size_t k) {
    for (std::size_t j = 0; j < point.size(); ++j) {
      if (point[j].first == p.syms[k]) return j;
    }
    return std::size_t{0};
  };
  const std::size_t n = p.syms.size();
  std::vector<std::int64_t> v(n);
  for (std::size_t k = 0; k < n; ++k) v[k] = domain[k].first;
  while (true) {
    for (std::size_t k = 0; k < n; ++k) point[indexOf(k)].second = v[k];
    bool all = true;
    for (const Constraint& c : p.cons) {
      if (only && !std::binary_search(only->begin(), only->end(), c.dep)) continue;
      // a fact holds where it is true (`a | b` where a is, even if b raises); a constraint
      // wanted false where the whole expression is defined and false
      const solver::Truth t = c.want ? solver::factTruthAt(c.expr, point) : solver::truthAt(c.expr, point);
      const bool holds = t == solver::Truth::Unknown || (c.want ? t == solver::Truth::True
                                                                 : t == solver::Truth::False);
      if (!holds) {
        all = false;
        break;
      }
    }
    if (all) return true;
    std::size_t k = 0;
    while (k < n && v[k] == domain[k].second) {
      v[k] = domain[k].first;
      ++k;
    }
    if (k == n) return false;
    ++v[k];
  }
}

using Domain = std::vector<std::pair<std::int64_t, std::int64_t>>;

/// Each symbol's range to enumerate: its bounds, or (with `named`, when the facts named leave
/// its bounds out) a wider [-12, 12].
Domain domainOf(const Problem& p, const DepSet* named = nullptr) {
  Domain out;
  for (std::size_t k = 0; k < p.syms.size(); ++k) {
    const bool used = !named || std::binary_search(named->begin(), named->end(),
                                                   kBoundDep + static_cast<FactIndex>(k));
    out.emplace_back(used ? p.bounds[k].lo() : -12, used ? p.bounds[k].hi() : 12);
  }
  return out;
}

}  // namespace

TEST_CASE("linear refutation: a refuted conjunction has no point, nor has the part it names") {
  ir::ExprContext cx;
  testing::RandomExprs gen(cx, 4242, 3);
  int refuted = 0;
  int cases = 0;
  for (int i = 0; i < 3000; ++i) {
    // facts hold only where defined; some constraints are wanted false (a goal's negation)
    Problem p = randomProblem(gen, 4, true);
    solver::Box box = boxOf(p);
    std::optional<DepSet> d = solver::refuteLinear(box, p.cons);
    ++cases;
    if (!d) continue;
    ++refuted;
    const Domain inBox = domainOf(p);
    const Domain named = domainOf(p, &*d);  // bounds only where named
    std::string text;
    for (const Constraint& c : p.cons) text += (c.want ? " " : " not ") + ir::printExpr(c.expr) + ";";
    std::string deps;
    for (FactIndex f : *d) deps += " " + std::to_string(f);
    for (std::size_t k = 0; k < p.syms.size(); ++k) deps += " [" + std::to_string(p.bounds[k].lo()) + "," + std::to_string(p.bounds[k].hi()) + "]";
    INFO("case " << i << ":" << text << " deps" << deps);
    CHECK_FALSE(satisfiable(p, inBox, nullptr));
    CHECK_FALSE(satisfiable(p, named, &*d));
  }
  CHECK(cases == 3000);
  CHECK(refuted > 300);  // the test sees refutations, not only "not refuted"
}

TEST_CASE("linear bounds: every point of the constraints lies within them") {
  ir::ExprContext cx;
  testing::RandomExprs gen(cx, 777, 3);
  int bounded = 0;
  int violated = 0;
  for (int i = 0; i < 1500; ++i) {
    Problem p = randomProblem(gen, 3, false);
    ExprRef e = gen.intExpr(2);
    solver::Box box = boxOf(p);
    for (bool upper : {true, false}) {
      std::optional<std::int64_t> b = solver::refuteLinear(box, p.cons) ? std::nullopt
                                                                        : solver::linearBound(box, p.cons, e, upper);
      if (!b) continue;
      ++bounded;
      // the constraints and `e` beyond the bound: no point
      Problem q = p;
      q.cons.push_back(Constraint{upper ? cx.gt(e, cx.intConst(*b)) : cx.lt(e, cx.intConst(*b)), true, 99, true});
      if (satisfiable(q, domainOf(p), nullptr) && ++violated <= 5) {
        INFO("case " << i << ": " << ir::printExpr(e) << (upper ? " <= " : " >= ") << *b);
        CHECK(false);
      }
    }
  }
  CHECK(violated == 0);
  CHECK(bounded > 500);
}

TEST_CASE("linear refutation: relational and divmod facts interval bounds cannot see") {
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0");
  ExprRef u1 = cx.symbol("u1");
  ExprRef u2 = cx.symbol("u2");
  auto c = [&](std::int64_t v) { return cx.intConst(v); };
  solver::Box box;
  // a goal's negation alone (no facts, unbounded symbols)
  auto refutesNegation = [&](ExprRef goal, std::vector<ExprRef> facts = {}) {
    std::vector<Constraint> cons;
    for (std::size_t k = 0; k < facts.size(); ++k) {
      cons.push_back(Constraint{facts[k], true, static_cast<FactIndex>(k), true});
    }
    cons.push_back(Constraint{goal, false, solver::kGoalDep, false});
    return solver::refuteLinear(box, cons);
  };
  ExprRef x = cx.max(std::vector<ExprRef>{u0, u1, c(0)});
  // 2*(u0//2) <= u0; u1 - 8*(u1//8) < 8; u0 // -3 * -3 >= u0 (negative divisor)
  CHECK(refutesNegation(cx.le(cx.mul(c(2), cx.floorDiv(u0, c(2))), u0)));
  CHECK(refutesNegation(cx.lt(cx.sub(u1, cx.mul(c(8), cx.floorDiv(u1, c(8)))), c(8))));
  CHECK(refutesNegation(cx.ge(cx.mul(c(-3), cx.floorDiv(u0, c(-3))), u0)));
  CHECK(refutesNegation(cx.ge(cx.mul(c(3), cx.ceilDiv(u0, c(3))), u0)));
  // Max: at least each operand; equal to one of them (split)
  CHECK(refutesNegation(cx.ge(cx.max(u0, u1), u1)));
  CHECK(refutesNegation(cx.ge(cx.max(std::vector<ExprRef>{u2, u0, u1, c(0)}), x)));
  CHECK(refutesNegation(cx.le(cx.min(u0, u1), cx.max(u0, u2))));
  CHECK(refutesNegation(cx.ge(cx.abs(u0), u0)));
  // x == 8*(x//8) + x % 8: a `!=` negation split both ways
  CHECK(refutesNegation(cx.eq(cx.add(cx.mul(c(8), cx.floorDiv(x, c(8))), cx.pythonMod(x, c(8))), x)));
  // transitivity, and an `or` fact split: u0 <= 2 or u0 >= 10 gives u0 != 5
  std::optional<DepSet> t = refutesNegation(cx.lt(u0, u2), {cx.le(u0, u1), cx.lt(u1, u2), cx.ge(u2, c(7))});
  REQUIRE(t);
  CHECK(*t == DepSet{0, 1, solver::kGoalDep});  // the facts used, not the one that is not
  CHECK(refutesNegation(cx.ne(u0, c(5)), {cx.lor(cx.le(u0, c(2)), cx.ge(u0, c(10)))}));
  // integer tightening: 2*u0 == 2*u1 + 1 has no integer solution
  CHECK(refutesNegation(cx.falseExpr(), {cx.eq(cx.mul(c(2), u0), cx.add(cx.mul(c(2), u1), c(1)))}));
  // not refuted: the goal can fail (u0 = 4) or is beyond the tier (a product)
  CHECK_FALSE(refutesNegation(cx.le(cx.floorDiv(u0, c(2)), c(1)), {cx.le(u0, c(5))}));
  CHECK_FALSE(refutesNegation(cx.ge(cx.mul(u0, u0), c(0))));
  CHECK_FALSE(refutesNegation(cx.ne(u0, c(5)), {cx.lor(cx.le(u0, c(5)), cx.ge(u0, c(10)))}));
}

TEST_CASE("the prover decides relational goals in the linear tier, without Z3") {
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0");
  ExprRef u1 = cx.symbol("u1");
  solver::Budget b;
  b.useSmt = false;  // decided without Z3 or not at all
  solver::Prover p(cx, b);
  p.addFact(cx.le(u0, u1), "le");
  p.addFact(cx.ge(u0, cx.intConst(0)), "ge");
  solver::Answer a = p.prove(cx.le(cx.mul(cx.intConst(2), cx.floorDiv(u0, cx.intConst(2))), u1));
  CHECK(a.verdict == solver::Verdict::Redundant);
  CHECK(a.method == solver::Method::Linear);
  // the facts the elimination combined: `le` always (u0 <= u1 is the relational step)
  CHECK(std::find(a.because.begin(), a.because.end(), "le") != a.because.end());
  // F ∧ goal refuted, and a point where the goal fails: Fails with the facts and a witness
  solver::Answer f = p.prove(cx.gt(u0, cx.add(u1, cx.intConst(3))));
  CHECK(f.verdict == solver::Verdict::Fails);
  CHECK(f.method == solver::Method::Linear);
  CHECK_FALSE(f.witness.empty());
  CHECK(p.stats().decidedLinear == 2);
}

TEST_CASE("a witness from the linear system where labeling finds none") {
  // u0 <= 2 and 2*(u0//2) - 5*((2*(u0//2))//5) <= 4: the check `... < 4` fires only where
  // 2*(u0//2) is 4 mod 5, the nearest such u0 being -6 (labeling near 0 never gets there)
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0");
  auto c = [&](std::int64_t v) { return cx.intConst(v); };
  ExprRef m = cx.mul(c(2), cx.floorDiv(u0, c(2)));
  ExprRef r = cx.sub(m, cx.mul(c(5), cx.floorDiv(m, c(5))));
  for (bool linear : {true, false}) {
    solver::Budget b;
    b.useSmt = false;
    b.useLinear = linear;
    solver::Prover p(cx, b);
    p.addFact(cx.le(u0, c(2)), "le");
    p.addFact(cx.le(r, c(4)), "le_3");
    solver::Answer a = p.prove(cx.lt(r, c(4)));
    if (!linear) {
      CHECK(a.verdict == solver::Verdict::Unknown);
      continue;
    }
    INFO(solver::toString(a.verdict) << " " << solver::toString(a.method) << " " << a.reason);
    REQUIRE(a.verdict == solver::Verdict::Required);
    // the witness makes the check fire: r == 4 there
    const std::int64_t x = a.witness.at("u0");
    const std::int64_t q = x >= 0 ? x / 2 : -((-x + 1) / 2);
    const std::int64_t mm = 2 * q;
    const std::int64_t q5 = mm >= 0 ? mm / 5 : -((-mm + 4) / 5);
    CHECK(x <= 2);
    CHECK(mm - 5 * q5 == 4);
  }
}
