// tests/solver/IntervalBigTest.cpp — interval evaluation stays sound with integer constants beyond
// int64 (issue 13): a big constant widens to [INT64_MAX, +oo] or [-oo, INT64_MIN]; every exact
// value (ir::evaluateExact, Python's semantics at any size) must lie in the interval, a value
// beyond int64 in the interval's unbounded side.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprEval.h"
#include "ir/ExprParser.h"
#include "ir/ExprPrinter.h"
#include "solver/IntervalEval.h"

using namespace symrange;
using ir::ExprRef;
using solver::Interval;

namespace {

/// Whether the exact result `r` is inside `iv` (a result beyond int64 must be on an open side).
bool inside(const Interval& iv, const ir::ExactResult& r) {
  if (!r.bigText.empty()) {
    bool negative = r.bigText[0] == '-';
    return negative ? !iv.hasLo() && !iv.isEmpty() : !iv.hasHi() && !iv.isEmpty();
  }
  if (!r.result.value) return true;  // raised: contributes no value
  return iv.contains(r.result.value->i);
}

}  // namespace

TEST_CASE("interval evaluation with big constants contains every exact value") {
  const std::vector<std::string> exprs = {
      "18446744073709551616*u0",
      "18446744073709551616*u0 + u1",
      "18446744073709551616*u0 - 18446744073709551615*u0",
      "(18446744073709551616*u0)//18446744073709551616",
      "(18446744073709551616*u0 + u1)//u1",
      "PythonMod(u0, 18446744073709551616)",
      "PythonMod(u0, -18446744073709551616)",
      "(u0//-18446744073709551617)",
      "CeilDiv(u0, 18446744073709551616)",
      "Max(u0, -99999999999999999999999)",
      "Min(u0*99999999999999999999999, u1)",
      "Abs(u0 - 99999999999999999999999)",
      "u0 + 99999999999999999999999 - 99999999999999999999998",
      "18446744073709551616*u0 <= 99999999999999999999999",
      "Eq(u0*18446744073709551616 + u1, u1)",
      "u0*u1*36893488147419103232 > 0",
      "Where(u0 > 0, 18446744073709551616, u1)",
  };
  ir::ExprContext cx;
  int checked = 0;
  for (const std::string& text : exprs) {
    ExprRef e = ir::parseExpr(cx, text, ir::SourceLoc{"t", 1, 1});
    ExprRef u0 = cx.symbol("u0"), u1 = cx.symbol("u1");
    for (std::int64_t lo0 = -3; lo0 <= 3; lo0 += 3) {
      for (std::int64_t lo1 = -3; lo1 <= 3; lo1 += 2) {
        Interval b0 = Interval::range(lo0, lo0 + 2), b1 = Interval::range(lo1, lo1 + 3);
        solver::IntervalValue iv = solver::evalInterval(e, [&](ExprRef s) {
          return s == u0 ? b0 : (s == u1 ? b1 : Interval::full());
        });
        for (std::int64_t a = b0.lo(); a <= b0.hi(); ++a) {
          for (std::int64_t b = b1.lo(); b <= b1.hi(); ++b) {
            ir::ExactResult r = ir::evaluateExact(e, [&](ExprRef s) -> std::optional<ir::Value> {
              return ir::Value::ofInt(s == u0 ? a : b);
            });
            CAPTURE(text);
            CAPTURE(a);
            CAPTURE(b);
            CAPTURE(iv.value.toString());
            CHECK(inside(iv.value, r));
            if (r.result.error == ir::EvalError::DivisionByZero) CHECK(iv.mayRaise);
            ++checked;
          }
        }
      }
    }
  }
  CHECK(checked > 1000);
}
