// tests/solver/ProverDifferentialTest.cpp — the Prover against brute force: random facts and
// goals over symbols bounded to [-4, 4] (the bounds are facts too, so the domain is finite and
// enumerable). The verdict must be the one enumeration gives (or unknown); a witness must be a
// real point; the facts named in `because` must alone justify the verdict.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"
#include "solver/Prover.h"
#include "tests/solver/RandomExprs.h"

using namespace symrange;
using ir::ExprRef;
using solver::Answer;
using solver::Verdict;

namespace {

constexpr std::int64_t kDomain = 4;
// Size and seed of the run; a longer soak: -DROUNDS=400 -DSEEDX=100 -DNSYM=3.
#ifndef ROUNDS
#define ROUNDS 150
#define SEEDX 0
#define NSYM 2
#endif

struct Labeled {
  ExprRef expr;
  std::string label;
};

enum class At { True, False, Raises, Other };

At at(ExprRef e, const std::vector<ExprRef>& syms, const std::vector<std::int64_t>& vals) {
  ir::EvalResult r = ir::evaluate(e, [&](ExprRef s) -> std::optional<ir::Value> {
    for (std::size_t k = 0; k < syms.size(); ++k) {
      if (syms[k] == s) return ir::Value::ofInt(vals[k]);
    }
    return std::nullopt;
  });
  if (r.error == ir::EvalError::DivisionByZero) return At::Raises;
  if (!r.value) return At::Other;
  return r.value->i ? At::True : At::False;
}

/// Does fact `e` hold at the point? A conjunction holds where every operand's fact does, a
/// disjunction where one does (an operand that raises does not hold); anything else must be
/// defined and true. Other: a value overflowed somewhere that decides it.
At factAt(ExprRef e, const std::vector<ExprRef>& syms, const std::vector<std::int64_t>& vals) {
  const bool isAnd = e->kind() == ir::ExprKind::And;
  if (!isAnd && e->kind() != ir::ExprKind::Or) {
    At a = at(e, syms, vals);
    return a == At::Raises ? At::False : a;
  }
  bool other = false;
  for (ExprRef o : e->ops()) {
    At a = factAt(o, syms, vals);
    if (a == At::Other) other = true;
    else if (isAnd && a == At::False) return At::False;
    else if (!isAnd && a == At::True) return At::True;
  }
  if (other) return At::Other;
  return isAnd ? At::True : At::False;
}

/// The verdict enumeration gives for `goal` under `facts` (nullopt: a value overflowed).
std::optional<Verdict> bruteForce(const std::vector<ExprRef>& facts, ExprRef goal,
                                  const std::vector<ExprRef>& syms) {
  bool anyPoint = false, canHold = false, canFire = false;
  std::vector<std::int64_t> vals(syms.size(), -kDomain);
  while (true) {
    bool inF = true;
    for (ExprRef f : facts) {
      At a = factAt(f, syms, vals);
      if (a == At::Other) return std::nullopt;
      inF = inF && a == At::True;
    }
    if (inF) {
      anyPoint = true;
      At g = at(goal, syms, vals);
      if (g == At::Other) return std::nullopt;
      (g == At::True ? canHold : canFire) = true;
    }
    std::size_t k = 0;
    while (k < vals.size() && vals[k] == kDomain) vals[k++] = -kDomain;
    if (k == vals.size()) break;
    ++vals[k];
  }
  if (!anyPoint) return Verdict::Unreachable;
  if (!canFire) return Verdict::Redundant;
  if (!canHold) return Verdict::Fails;
  return Verdict::Required;
}

}  // namespace

TEST_CASE("prover agrees with brute force on random bounded problems") {
  std::map<std::string, int> tally;
  int mismatches = 0;
  for (bool intervals : {true, false}) {
    ir::ExprContext cx;
    testing::RandomExprs gen(cx, (intervals ? 7 : 8) + SEEDX, NSYM);
    const std::vector<ExprRef>& syms = gen.symbols();
    for (int round = 0; round < ROUNDS; ++round) {
      solver::Budget budget;
      budget.useIntervals = intervals;
      solver::Prover prover(cx, budget);
      std::vector<Labeled> facts;
      for (std::size_t k = 0; k < syms.size(); ++k) {
        facts.push_back({cx.ge(syms[k], cx.intConst(-kDomain)), "lo" + std::to_string(k)});
        facts.push_back({cx.le(syms[k], cx.intConst(kDomain)), "hi" + std::to_string(k)});
      }
      std::size_t extra = gen.pick(3);
      for (std::size_t k = 0; k < extra; ++k) {
        facts.push_back({gen.boolExpr(2), "f" + std::to_string(k)});
      }
      for (const Labeled& f : facts) prover.addFact(f.expr, f.label);
      std::vector<ExprRef> factExprs;
      for (const Labeled& f : facts) factExprs.push_back(f.expr);
      for (int q = 0; q < 3; ++q) {
        ExprRef goal = gen.boolExpr(2);
        std::optional<Verdict> expected = bruteForce(factExprs, goal, syms);
        if (!expected) continue;
        Answer a = prover.prove(goal);
        ++tally[std::string(solver::toString(a.verdict)) + "/" + solver::toString(a.method)];
        std::string what = "goal " + ir::printExpr(goal) + " facts";
        for (const Labeled& f : facts) what += " [" + f.label + ": " + ir::printExpr(f.expr) + "]";
        if (a.verdict == Verdict::Unreachable) {
          // after an unreachable answer every later query is unreachable too: stop this round
          q = 3;
        }
        if (a.verdict == Verdict::Unknown) continue;
        if (a.verdict != *expected) {
          if (++mismatches <= 10) {
            INFO(what << " intervals=" << intervals << ": expected "
                      << std::string(solver::toString(*expected)) << " got "
                      << std::string(solver::toString(a.verdict)) << " by "
                      << std::string(solver::toString(a.method)));
            CHECK(false);
          }
          continue;
        }
        // the named facts alone justify the verdict
        if (a.verdict != Verdict::Required) {
          std::vector<ExprRef> named;
          for (const Labeled& f : facts) {
            for (const std::string& l : a.because) {
              if (l == f.label) named.push_back(f.expr);
            }
          }
          // (enumeration stays inside [-4, 4]: a weaker check when bounds are not named)
          std::optional<Verdict> byNamed = bruteForce(named, goal, syms);
          bool justified = byNamed == Verdict::Unreachable || byNamed == a.verdict;
          if (!justified && ++mismatches <= 10) {
            std::string because;
            for (const std::string& l : a.because) because += l + " ";
            INFO(what << ": because {" << because << "} does not justify "
                      << std::string(solver::toString(a.verdict)));
            CHECK(false);
          }
        }
        // witnesses are real points where the check fires: they assign the symbols of the
        // goal's slice, so every fact over those symbols holds there
        if (a.verdict == Verdict::Required || a.verdict == Verdict::Fails) {
          std::vector<std::int64_t> vals;
          std::vector<bool> assigned;
          for (ExprRef s : syms) {
            auto it = a.witness.find(s->name());
            assigned.push_back(it != a.witness.end());
            vals.push_back(it == a.witness.end() ? 0 : it->second);
          }
          bool ok = true;
          for (ExprRef f : factExprs) {
            bool covered = true;
            for (ExprRef s : ir::freeSymbols(f)) {
              for (std::size_t k = 0; k < syms.size(); ++k) covered = covered && (syms[k] != s || assigned[k]);
            }
            if (covered) ok = ok && factAt(f, syms, vals) == At::True;
          }
          At g = at(goal, syms, vals);
          ok = ok && (g == At::False || g == At::Raises);
          if (!ok && ++mismatches <= 10) {
            INFO(what << ": witness is not a firing point");
            CHECK(false);
          }
        }
      }
    }
  }
  std::string summary;
  for (const auto& [k, v] : tally) summary += k + "=" + std::to_string(v) + " ";
  INFO(summary);
  MESSAGE(summary);
  CHECK(mismatches == 0);
  CHECK(tally["unknown/none"] < 30);
}
