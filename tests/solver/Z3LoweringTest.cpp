// tests/solver/Z3LoweringTest.cpp — the Z3 lowering against ir::evaluate (Python semantics) on
// thousands of random expressions (fixed seed) with negative values and negative divisors:
// with every symbol pinned to a value, `e == value` must be sat and `e != value` unsat; an
// expression that raises (zero divisor) must have no defined value at all.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"
#include "solver/SmtCheck.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprKind;
using ir::ExprRef;
using solver::SatResult;
using symrange::testing::RandomExprs;


TEST_CASE("z3 lowering agrees with ir::evaluate on random expressions") {
  ir::ExprContext cx;
  RandomExprs gen(cx, 20240607);
  solver::SmtChecker smt;
  int checkedInt = 0, checkedBool = 0, raising = 0, mismatches = 0;
  for (int i = 0; i < 2500; ++i) {
    const bool wantBool = i % 4 == 3;
    ExprRef e = wantBool ? gen.boolExpr(3) : gen.intExpr(3);
    std::vector<ExprRef> pins;
    std::vector<std::int64_t> values;
    for (ExprRef s : gen.symbols()) {
      values.push_back(static_cast<std::int64_t>(gen.pick(15)) - 7);
      pins.push_back(cx.eq(s, cx.intConst(values.back())));
    }
    ir::EvalResult r = ir::evaluate(e, [&](ExprRef s) -> std::optional<ir::Value> {
      for (std::size_t k = 0; k < gen.symbols().size(); ++k) {
        if (gen.symbols()[k] == s) return ir::Value::ofInt(values[k]);
      }
      return std::nullopt;
    });
    auto with = [&](ExprRef extra) {
      std::vector<ExprRef> a = pins;
      a.push_back(extra);
      return smt.check(a).result;
    };
    std::string where = ir::printExpr(e) + " at u0=" + std::to_string(values[0]) +
                        " u1=" + std::to_string(values[1]) + " u2=" + std::to_string(values[2]);
    if (r.error == ir::EvalError::DivisionByZero) {
      ++raising;
      // no value is defined: even `e == e` cannot hold (a boolean goes through Where, since a
      // fact `a | b` holds where `a` does even if `b` raises: Z3Lowering::factHolds)
      ExprRef asInt = wantBool ? cx.where(e, cx.intConst(1), cx.intConst(0)) : e;
      ExprRef tautology = cx.eq(asInt, asInt);
      SatResult got = with(tautology);
      if (got != SatResult::Unsat && ++mismatches <= 10) {
        INFO("raises: " << where << " expected unsat got " << solver::toString(got));
        CHECK(false);
      }
      continue;
    }
    if (!r.value) continue;  // overflow: Z3 is unbounded, the reference is not
    ExprRef same = wantBool ? (r.value->i ? e : cx.lnot(e)) : cx.eq(e, cx.intConst(r.value->i));
    ExprRef differ = wantBool ? (r.value->i ? cx.lnot(e) : e) : cx.ne(e, cx.intConst(r.value->i));
    SatResult gotSame = with(same);
    SatResult gotDiffer = with(differ);
    (wantBool ? checkedBool : checkedInt) += 1;
    if ((gotSame != SatResult::Sat || gotDiffer != SatResult::Unsat) && ++mismatches <= 10) {
      INFO(where << " = " << r.value->i << ": same " << solver::toString(gotSame) << ", differ "
                 << solver::toString(gotDiffer));
      CHECK(false);
    }
  }
  INFO("int " << checkedInt << " bool " << checkedBool << " raising " << raising);
  CHECK(mismatches == 0);
  CHECK(checkedInt > 1000);
  CHECK(checkedBool > 300);
  CHECK(raising > 50);
}

TEST_CASE("z3 lowering: floor semantics with negative divisors, table") {
  ir::ExprContext cx;
  solver::SmtChecker smt;
  ExprRef a = cx.symbol("u0");
  ExprRef b = cx.symbol("u1");
  struct Row {
    std::int64_t av, bv;
    ExprKind kind;
    std::int64_t expected;
  };
  const Row rows[] = {
      {7, 2, ExprKind::FloorDiv, 3},   {-7, 2, ExprKind::FloorDiv, -4},
      {7, -2, ExprKind::FloorDiv, -4}, {-7, -2, ExprKind::FloorDiv, 3},
      {7, 3, ExprKind::PythonMod, 1},  {-7, 3, ExprKind::PythonMod, 2},
      {7, -3, ExprKind::PythonMod, -2}, {-7, -3, ExprKind::PythonMod, -1},
      {7, -3, ExprKind::Mod, -2},      {-7, 2, ExprKind::CeilDiv, -3},
      {7, -2, ExprKind::CeilDiv, -3},  {-8, -2, ExprKind::CeilDiv, 4},
  };
  for (const Row& r : rows) {
    ExprRef e = cx.make(r.kind, {a, b});
    std::vector<ExprRef> pins{cx.eq(a, cx.intConst(r.av)), cx.eq(b, cx.intConst(r.bv))};
    auto check = [&](ExprRef extra) {
      // built at once: a copy then push_back makes GCC 12 at -O2 warn a false -Warray-bounds
      const std::vector<ExprRef> v{pins[0], pins[1], extra};
      return smt.check(v).result;
    };
    INFO(ir::kindName(r.kind) << "(" << r.av << ", " << r.bv << ") expected " << r.expected);
    CHECK(check(cx.eq(e, cx.intConst(r.expected))) == SatResult::Sat);
    CHECK(check(cx.ne(e, cx.intConst(r.expected))) == SatResult::Unsat);
  }
}

TEST_CASE("z3 lowering: floats, opaque functions and int_oo") {
  ir::ExprContext cx;
  solver::SmtChecker smt;
  ExprRef u0 = cx.symbol("u0");
  ExprRef pin = cx.eq(u0, cx.intConst(-7));
  // Floats are IEEE doubles, never reals: an Int or Bool computed from a float is an opaque
  // atom (docs/architecture.md, "Floats"), the same one wherever the expression recurs.
  ExprRef t = cx.truncToInt(cx.trueDiv(u0, cx.intConst(2)));
  CHECK(smt.check({pin, cx.eq(t, cx.intConst(-3))}).result == SatResult::Sat);
  CHECK(smt.check({pin, cx.ne(t, cx.intConst(-3))}).result == SatResult::Sat);  // no float fact
  CHECK(smt.check({cx.eq(t, cx.intConst(5)), cx.ne(t, cx.intConst(5))}).result == SatResult::Unsat);
  // int(float(u0)) == u0 fails at 2**53 + 1; float(u0) == float(u1) holds for 2**53, 2**53 + 1
  ExprRef u1 = cx.symbol("u1");
  CHECK(smt.check({cx.ne(cx.truncToInt(cx.toFloat(u0)), u0)}).result == SatResult::Sat);
  CHECK(smt.check({cx.eq(cx.toFloat(u0), cx.toFloat(u1)), cx.ne(u0, u1)}).result == SatResult::Sat);
  // NaN: neither f < 1.0 nor f >= 1.0
  ExprRef f = cx.symbol("zuf0");
  CHECK(smt.check({cx.lnot(cx.lt(f, cx.floatConst(1.0))), cx.lnot(cx.ge(f, cx.floatConst(1.0)))}).result ==
        SatResult::Sat);
  // a float divisor is non-zero exactly where `b != 0.0` holds (one shared atom)
  ExprRef q = cx.trueDiv(cx.floatConst(1.0), f);
  CHECK(smt.check({cx.eq(f, cx.floatConst(0.0)), cx.lt(q, cx.floatConst(2.0))}).result ==
        SatResult::Unsat);
  // true division by zero raises
  ExprRef z = cx.trueDiv(u0, cx.symbol("u1"));
  CHECK(smt.check({cx.eq(cx.symbol("u1"), cx.intConst(0)), cx.eq(z, z)}).result ==
        SatResult::Unsat);
  // an opaque function is a function: equal arguments give equal results
  ExprRef f0 = cx.apply("foo", {u0});
  ExprRef f1 = cx.apply("foo", {cx.symbol("u1")});
  CHECK(smt.check({cx.eq(u0, cx.symbol("u1")), cx.ne(f0, f1)}).result == SatResult::Unsat);
  CHECK(smt.check({cx.ne(f0, f1)}).result == SatResult::Sat);
  // int_oo has no lowering: unknown with a reason, never a verdict
  solver::SatAnswer inf = smt.check({cx.le(u0, cx.intInf(1))});
  CHECK(inf.result == SatResult::Unknown);
  CHECK(inf.reason == "unsupported: int_oo");
}
