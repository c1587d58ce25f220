// benchmarks/bench_prover.cpp — the cost of one Prover query per tier: constant (the goal is a
// fact), interval (bounds decide), smt (Z3 on the slice), and cache hit (a repeated SMT
// query). Standalone: `bench_prover [queries-per-tier]`. Each query's method is checked, so a
// tier that silently falls through to a slower one shows up as a mismatch.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "solver/Prover.h"

using namespace symrange;
using ir::ExprRef;
using solver::Method;

namespace {

struct TierResult {
  const char* tier;
  int queries = 0;
  int mismatches = 0;
  double micros = 0.0;
};

/// Runs `query(i)` for i in [0, n), timing the whole loop; each answer must use `expected`.
TierResult runTier(const char* tier, int n, Method expected,
                   const std::function<solver::Answer(int)>& query) {
  TierResult r{tier, n, 0, 0.0};
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    solver::Answer a = query(i);
    if (a.method != expected) ++r.mismatches;
  }
  r.micros = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  ir::ExprContext cx;
  std::vector<ExprRef> u;
  for (int i = 0; i < 8; ++i) u.push_back(cx.symbol("u" + std::to_string(i)));
  auto c = [&](std::int64_t v) { return cx.intConst(v); };

  std::vector<TierResult> results;
  {
    // constant tier: the goal is literally one of the facts
    solver::Prover p(cx);
    std::vector<ExprRef> facts;
    for (int i = 0; i < 8; ++i) {
      facts.push_back(cx.ge(u[i], c(i)));
      p.addFact(facts.back(), "f" + std::to_string(i));
    }
    results.push_back(runTier("constant", n, Method::Constant,
                              [&](int i) { return p.prove(facts[i % 8]); }));
  }
  {
    // interval tier: bounds from a chain of facts decide fresh goals (cache off: every query
    // is computed)
    solver::Budget b;
    b.useCache = false;
    solver::Prover p(cx, b);
    for (int i = 0; i < 8; ++i) {
      p.addFact(cx.ge(u[i], c(0)), "lo" + std::to_string(i));
      p.addFact(cx.le(u[i], c(100 + i)), "hi" + std::to_string(i));
    }
    p.addFact(cx.le(cx.add(u[0], u[1]), c(50)), "sum");
    results.push_back(runTier("interval", n, Method::Interval, [&](int i) {
      ExprRef lhs = cx.add(u[i % 8], cx.floorDiv(u[(i + 1) % 8], c(2)));
      return p.prove(cx.le(lhs, c(200 + i % 50)));
    }));
  }
  {
    // smt tier: divisibility of a sum, which the interval domain cannot see; distinct goals,
    // cache off
    solver::Budget b;
    b.useCache = false;
    solver::Prover p(cx, b);
    p.addFact(cx.eq(cx.pythonMod(u[0], c(4)), c(0)), "mod0");
    p.addFact(cx.eq(cx.pythonMod(u[1], c(4)), c(0)), "mod1");
    results.push_back(runTier("smt", n, Method::Smt, [&](int i) {
      return p.prove(cx.ne(cx.add(u[0], u[1]), c(4 * (i % 1000) + 2)));
    }));
  }
  {
    // cache hits: the same SMT query again
    solver::Prover p(cx);
    p.addFact(cx.eq(cx.pythonMod(u[0], c(4)), c(0)), "mod0");
    p.addFact(cx.eq(cx.pythonMod(u[1], c(4)), c(0)), "mod1");
    ExprRef goal = cx.ne(cx.add(u[0], u[1]), c(2));
    (void)p.prove(goal);
    results.push_back(runTier("cache", n, Method::Cache, [&](int) { return p.prove(goal); }));
  }

  std::printf("%-10s %10s %14s %12s\n", "tier", "queries", "us/query", "mismatches");
  int bad = 0;
  for (const TierResult& r : results) {
    std::printf("%-10s %10d %14.2f %12d\n", r.tier, r.queries, r.micros / r.queries, r.mismatches);
    bad += r.mismatches;
  }
  return bad == 0 ? 0 : 1;
}
