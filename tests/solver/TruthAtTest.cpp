// tests/solver/TruthAtTest.cpp — solver::truthAt (its int64 fast path included) against
// ir::evaluate on random expressions at random points: small values, values whose products
// leave int64, int64's ends, booleans, and points that leave a symbol unassigned.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"
#include "solver/internal/WitnessSearch.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprRef;
using solver::Truth;

namespace {

/// truthAt's contract, computed with ir::evaluate alone.
Truth referenceTruth(ExprRef e, const solver::Assignment& point) {
  ir::EvalResult r = ir::evaluate(e, [&point](ExprRef s) -> std::optional<ir::Value> {
    for (const auto& [sym, v] : point) {
      if (sym == s) {
        return s->type() == ir::ExprType::Bool ? ir::Value::ofBool(v != 0) : ir::Value::ofInt(v);
      }
    }
    return std::nullopt;
  });
  if (r.error == ir::EvalError::DivisionByZero) return Truth::Raises;
  if (!r.value || r.value->type != ir::Value::Type::Bool) return Truth::Unknown;
  return r.value->i != 0 ? Truth::True : Truth::False;
}

std::int64_t randomValue(testing::RandomExprs& gen) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  switch (gen.pick(6)) {
    case 0: return kMin + static_cast<std::int64_t>(gen.pick(3));
    case 1: return kMax - static_cast<std::int64_t>(gen.pick(3));
    case 2: return (std::int64_t{1} << 32) * (gen.pick(2) == 0 ? 1 : -1);
    case 3: return (std::int64_t{1} << 62) + static_cast<std::int64_t>(gen.pick(5)) - 2;
    default: return static_cast<std::int64_t>(gen.pick(17)) - 8;
  }
}

}  // namespace

TEST_CASE("truthAt agrees with ir::evaluate (random expressions and points)") {
  ir::ExprContext cx;
  testing::RandomExprs gen(cx, 99, 3);
  const std::vector<ExprRef>& syms = gen.symbols();
  ExprRef flag = cx.symbol("b0", ir::ExprType::Bool, ir::SymbolKind::Other);
  int compared = 0, differ = 0;
  int seen[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) {
    ExprRef e = gen.boolExpr(3);
    if (i % 5 == 0) e = cx.land(e, flag);
    if (i % 7 == 0) e = cx.lor(cx.lnot(flag), e);
    for (int p = 0; p < 6; ++p) {
      solver::Assignment point;
      for (ExprRef s : syms) {
        if (gen.pick(12) == 0) continue;  // unassigned
        const std::int64_t small = static_cast<std::int64_t>(gen.pick(13)) - 6;
        point.emplace_back(s, p < 3 ? small : randomValue(gen));
      }
      point.emplace_back(flag, static_cast<std::int64_t>(gen.pick(2)));
      std::sort(point.begin(), point.end(),
                [](const auto& a, const auto& b) { return a.first->id() < b.first->id(); });
      const Truth got = solver::truthAt(e, point);
      const Truth want = referenceTruth(e, point);
      ++compared;
      ++seen[static_cast<int>(want)];
      if (got != want && ++differ <= 5) {
        std::string at;
        for (const auto& [s, v] : point) at += " " + s->name() + "=" + std::to_string(v);
        INFO(ir::printExpr(e) << " at" << at);
        CHECK(false);
      }
    }
  }
  CHECK(differ == 0);
  CHECK(compared == 24000);
  // every outcome occurs (the fast path and the fallback are both exercised)
  CHECK(seen[static_cast<int>(Truth::True)] > 1000);
  CHECK(seen[static_cast<int>(Truth::False)] > 1000);
  CHECK(seen[static_cast<int>(Truth::Raises)] > 100);
  CHECK(seen[static_cast<int>(Truth::Unknown)] > 100);
}
