// tests/solver/LinearNormalizeTest.cpp — cancelCommonTerms against brute force: on every point
// of [-4, 4]^3 the rewritten comparison evaluates exactly like the original (same value, same
// error), and the prover decides the cancelled forms with intervals, without Z3.
#include <doctest/doctest.h>

#include <cstdint>

#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"
#include "solver/LinearNormalize.h"
#include "solver/Prover.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprKind;
using ir::ExprRef;

namespace {

ir::EvalResult at(ExprRef e, const std::vector<ExprRef>& syms, const std::int64_t* v) {
  return ir::evaluate(e, [&](ExprRef s) -> std::optional<ir::Value> {
    for (std::size_t i = 0; i < syms.size(); ++i)
      if (syms[i] == s) return ir::Value::ofInt(v[i]);
    return std::nullopt;
  });
}

}  // namespace

TEST_CASE("cancelCommonTerms: examples") {
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0"), u1 = cx.symbol("u1");
  auto c = [&](std::int64_t v) { return cx.intConst(v); };
  struct Case {
    ExprRef in;
    std::string out;
  } cases[] = {
      {cx.ge(cx.add({u0, u1, c(1)}), u1), "u0 >= -1"},
      {cx.eq(cx.add(cx.mul(c(2), u0), u1), cx.add(u1, u0)), "Eq(u0, 0)"},
      {cx.gt(cx.add(u0, c(1)), u0), "True"},
      {cx.lt(cx.add(u0, c(1)), u0), "False"},
      {cx.lt(u0, u1), "u0 < u1"},  // nothing shared: unchanged
      // a symbolic divisor may raise: never cancelled
      {cx.ge(cx.add(cx.floorDiv(u0, u1), c(1)), cx.floorDiv(u0, u1)), "(u0//u1) + 1 >= (u0//u1)"},
      {cx.lnot(cx.le(cx.add(u0, u1), cx.add(u1, c(3)))), "u0 > 3"},
  };
  for (const Case& k : cases) {
    CAPTURE(ir::printExpr(k.in));
    ExprRef got = solver::cancelCommonTerms(cx, k.in);
    CHECK(ir::printExpr(got) == ir::printExpr(cx.lnot(cx.lnot(got))));
    if (k.out.find("//") == std::string::npos) CHECK(ir::printExpr(got) == k.out);
    else CHECK(got == k.in);
  }
}

TEST_CASE("cancelCommonTerms: equals the original on every point (brute force)") {
  ir::ExprContext cx;
  testing::RandomExprs gen(cx, 4242);
  const auto& syms = gen.symbols();
  static const ExprKind kinds[] = {ExprKind::Eq, ExprKind::Ne, ExprKind::Lt, ExprKind::Le, ExprKind::Gt, ExprKind::Ge};
  int changed = 0;
  for (int n = 0; n < 3000; ++n) {
    ExprRef t = gen.intExpr(2);  // the shared term
    ExprRef e = cx.cmp(kinds[gen.pick(6)], cx.add(gen.intExpr(2), cx.mul(cx.intConst(static_cast<std::int64_t>(gen.pick(3)) + 1), t)),
                       cx.add(t, gen.intExpr(1)));
    if (gen.pick(4) == 0) e = cx.land(e, gen.boolExpr(2));
    ExprRef r = solver::cancelCommonTerms(cx, e);
    if (r == e) continue;  // unchanged: nothing to compare
    ++changed;
    std::int64_t v[3];
    for (v[0] = -4; v[0] <= 4; ++v[0])
      for (v[1] = -4; v[1] <= 4; ++v[1])
        for (v[2] = -4; v[2] <= 4; ++v[2]) {
          const ir::EvalResult a = at(e, syms, v), b = at(r, syms, v);
          if (a.error == ir::EvalError::Overflow || b.error == ir::EvalError::Overflow) continue;
          INFO(ir::printExpr(e) << "  ->  " << ir::printExpr(r) << " at " << v[0] << "," << v[1] << "," << v[2]);
          REQUIRE(a.error == b.error);
          if (a.value) REQUIRE(a.value->i == b.value->i);
        }
  }
  MESSAGE("rewritten: " << changed << " of 3000");
  CHECK(changed > 500);  // a shared term with a symbolic divisor is left alone
}

TEST_CASE("prover: a term shared by both sides no longer needs Z3") {
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0"), u1 = cx.symbol("u1");
  solver::Prover p(cx);
  p.addFact(cx.ge(cx.add(u0, u1), u1), "f");  // u0 >= 0 in disguise
  const solver::Answer a = p.prove(cx.ge(cx.add({u0, u1, cx.intConst(1)}), u1));
  CHECK(a.verdict == solver::Verdict::Redundant);
  CHECK(a.method == solver::Method::Interval);
  CHECK(a.because == std::vector<std::string>{"f"});
  const solver::Answer b = p.prove(cx.ge(cx.add(u0, u1), cx.add(u1, cx.intConst(1))));
  CHECK(b.verdict == solver::Verdict::Required);
  CHECK(b.witness.at("u0") == 0);
}

TEST_CASE("cancelCommonTerms: a coefficient beyond int64 is one exact term") {
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0"), u1 = cx.symbol("u1");
  ExprRef big = cx.intConst(INT64_MAX);
  // (2^63 - 1)^2 * u0 folds into one big coefficient (a BigIntConst), kept as an opaque term
  ExprRef huge = cx.mul(std::vector<ExprRef>{big, big, u0});
  ExprRef e = cx.ge(cx.add(huge, u1), u1);
  ExprRef r = solver::cancelCommonTerms(cx, e);
  CAPTURE(ir::printExpr(r));
  CHECK(ir::printExpr(r) == "85070591730234615847396907784232501249*u0 >= 0");
}
