// tests/solver/IntervalEvalTest.cpp — interval evaluation of whole expressions against
// ir::evaluate: random expressions (fixed seed) over random symbol boxes inside [-5, 5]; every
// concrete value must lie in the interval, and `mayRaise == false` must mean no point raises.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"
#include "solver/IntervalEval.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprRef;
using solver::Interval;

TEST_CASE("interval evaluation contains every concrete value (random expressions)") {
  ir::ExprContext cx;
  testing::RandomExprs gen(cx, 4242, 2);
  const std::vector<ExprRef>& syms = gen.symbols();
  int unsound = 0, raisesUnflagged = 0, checked = 0;
  for (int i = 0; i < 3000; ++i) {
    ExprRef e = i % 3 == 0 ? gen.boolExpr(2) : gen.intExpr(3);
    std::vector<Interval> box;
    for (std::size_t k = 0; k < syms.size(); ++k) {
      auto lo = static_cast<std::int64_t>(gen.pick(11)) - 5;
      auto hi = lo + static_cast<std::int64_t>(gen.pick(static_cast<std::size_t>(6 - lo)));
      box.push_back(Interval::range(lo, hi));
    }
    solver::IntervalValue iv = solver::evalInterval(e, [&](ExprRef s) {
      for (std::size_t k = 0; k < syms.size(); ++k) {
        if (syms[k] == s) return box[k];
      }
      return Interval::full();
    });
    for (std::int64_t a = box[0].lo(); a <= box[0].hi(); ++a) {
      for (std::int64_t b = box[1].lo(); b <= box[1].hi(); ++b) {
        ir::EvalResult r = ir::evaluate(e, [&](ExprRef s) -> std::optional<ir::Value> {
          return ir::Value::ofInt(s == syms[0] ? a : b);
        });
        std::string where = ir::printExpr(e) + " at u0=" + std::to_string(a) + " u1=" +
                            std::to_string(b) + " box " + box[0].toString() + " x " +
                            box[1].toString() + " gives " + iv.value.toString();
        if (r.error == ir::EvalError::DivisionByZero && !iv.mayRaise && ++raisesUnflagged <= 5) {
          INFO(where << ": raises but mayRaise is false");
          CHECK(false);
        }
        if (!r.value) continue;
        ++checked;
        if (!iv.value.contains(r.value->i) && ++unsound <= 5) {
          INFO(where << ": value " << r.value->i << " outside");
          CHECK(false);
        }
      }
    }
  }
  CHECK(unsound == 0);
  CHECK(raisesUnflagged == 0);
  CHECK(checked > 20000);
}

TEST_CASE("interval evaluation: table") {
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0");
  ExprRef u1 = cx.symbol("u1");
  auto env = [&](ExprRef s) {
    return s == u0 ? Interval::range(0, 10) : s == u1 ? Interval::range(-3, 2) : Interval::full();
  };
  struct Row {
    const char* what;
    ExprRef e;
    Interval expected;
    bool mayRaise;
  };
  const Row rows[] = {
      {"u0 // 4", cx.floorDiv(u0, cx.intConst(4)), Interval::range(0, 2), false},
      {"u0 >= 0", cx.ge(u0, cx.intConst(0)), Interval::boolTrue(), false},
      {"u0 // u1", cx.floorDiv(u0, u1), Interval::range(-10, 10), true},
      {"PythonMod(u0, -3)", cx.pythonMod(u0, cx.intConst(-3)), Interval::range(-2, 0), false},
      {"Max(u0, u1) + 1", cx.add(cx.max(u0, u1), cx.intConst(1)), Interval::range(1, 11), false},
      {"u1**2", cx.powByNatural(u1, cx.intConst(2)), Interval::range(0, 9), false},
      {"CeilDiv(u0, 3)", cx.ceilDiv(u0, cx.intConst(3)), Interval::range(0, 4), false},
      {"Where(u1 > 5, 1, u0)", cx.where(cx.gt(u1, cx.intConst(5)), cx.intConst(1), u0),
       Interval::range(0, 10), false},
      {"u0 <= int_oo", cx.le(u0, cx.intInf(1)), Interval::boolUnknown(), true},
      {"Abs(u1) < 4 & Ne(u0, 11)",
       cx.land(cx.lt(cx.abs(u1), cx.intConst(4)), cx.ne(u0, cx.intConst(11))), Interval::boolTrue(),
       false},
  };
  for (const Row& r : rows) {
    solver::IntervalValue got = solver::evalInterval(r.e, env);
    INFO(std::string(r.what) << ": expected " << r.expected.toString() << " got "
                             << got.value.toString());
    CHECK(got.value == r.expected);
    CHECK(got.mayRaise == r.mayRaise);
  }
}

TEST_CASE("incremental interval evaluation equals a fresh one after each narrowing") {
  // random expressions over three symbols; the box is narrowed one symbol at a time (and
  // sometimes widened back, as an undo would), the incremental evaluator told of each
  // change; after each step every subexpression evaluates as in a fresh fixed evaluator
  ir::ExprContext cx;
  testing::RandomExprs gen(cx, 777, 3);
  const std::vector<ExprRef>& syms = gen.symbols();
  int compared = 0, differ = 0;
  for (int i = 0; i < 600; ++i) {
    std::vector<ExprRef> exprs;
    for (int k = 0; k < 4; ++k) exprs.push_back(k % 2 == 0 ? gen.boolExpr(3) : gen.intExpr(4));
    // shared subexpressions across the evaluations: a Max over all of them
    std::vector<Interval> box(syms.size(), Interval::full());
    auto bounds = [&](ExprRef s) {
      for (std::size_t k = 0; k < syms.size(); ++k) {
        if (syms[k] == s) return box[k];
      }
      return Interval::full();
    };
    solver::IntervalEvaluator inc(bounds, solver::IntervalEvaluator::Mode::Incremental);
    for (int step = 0; step < 12; ++step) {
      for (ExprRef e : exprs) {
        solver::IntervalValue a = inc.eval(e);
        solver::IntervalValue b = solver::evalInterval(e, bounds);
        ++compared;
        if ((a.value != b.value || a.mayRaise != b.mayRaise) && ++differ <= 5) {
          INFO(ir::printExpr(e) << ": incremental " << a.value.toString() << " fresh "
                                << b.value.toString() << " at step " << step);
          CHECK(false);
        }
      }
      const std::size_t k = gen.pick(syms.size());
      if (gen.pick(4) == 0) {
        box[k] = Interval::full();
      } else {
        auto lo = static_cast<std::int64_t>(gen.pick(13)) - 6;
        box[k] = Interval::range(lo, lo + static_cast<std::int64_t>(gen.pick(5)));
      }
      inc.changed(syms[k]);
    }
  }
  CHECK(differ == 0);
  CHECK(compared > 20000);
}
