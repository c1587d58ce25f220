// tests/solver/RandomExprs.h — random integer and boolean expressions over u0..u2 (fixed
// seed) for the solver's differential tests: negative constants and divisors, zero divisors.
#pragma once

#include <algorithm>
#include <random>
#include <vector>

#include "ir/Expr.h"

namespace symrange::testing {

using ir::ExprKind;
using ir::ExprRef;

class RandomExprs {
 public:
  RandomExprs(ir::ExprContext& cx, std::uint32_t seed, int symbols = 3) : cx_(cx), rng_(seed) {
    const char* names[] = {"u0", "u1", "u2"};
    for (int i = 0; i < symbols; ++i) syms_.push_back(cx_.symbol(names[i]));
  }
  const std::vector<ExprRef>& symbols() const { return syms_; }

  ExprRef intExpr(int depth) {
    if (depth == 0 || pick(4) == 0) {
      return pick(3) == 0 ? cx_.intConst(static_cast<std::int64_t>(pick(13)) - 6) : syms_[pick(syms_.size())];
    }
    ExprRef a = intExpr(depth - 1);
    ExprRef b = intExpr(depth - 1);
    switch (pick(13)) {
      case 0: return cx_.add(a, b);
      case 1: return cx_.sub(a, b);
      case 2: return cx_.mul(a, b);
      case 3: return cx_.floorDiv(a, b);
      case 4: return cx_.floorDiv(a, cx_.intConst(static_cast<std::int64_t>(pick(9)) - 4));  // constant divisors, 0 too
      case 5: return cx_.mod(a, b);
      case 6: return cx_.pythonMod(a, cx_.intConst(static_cast<std::int64_t>(pick(9)) - 4));
      case 7: return cx_.ceilDiv(a, b);
      case 8: return cx_.max(std::vector<ExprRef>{a, b, intExpr(depth - 1)});
      case 9: return cx_.min(a, b);
      case 10: return cx_.abs(a);
      case 11: return cx_.powByNatural(a, cx_.intConst(static_cast<std::int64_t>(pick(4))));
      default: return cx_.where(boolExpr(depth - 1), a, b);
    }
  }

  ExprRef boolExpr(int depth) {
    if (depth <= 0 || pick(3) != 0) {
      static const ExprKind kinds[] = {ExprKind::Eq, ExprKind::Ne, ExprKind::Lt,
                                       ExprKind::Le, ExprKind::Gt, ExprKind::Ge};
      return cx_.cmp(kinds[pick(6)], intExpr(std::max(depth, 1)), intExpr(std::max(depth - 1, 0)));
    }
    switch (pick(3)) {
      case 0: return cx_.land(boolExpr(depth - 1), boolExpr(depth - 1));
      case 1: return cx_.lor(boolExpr(depth - 1), boolExpr(depth - 1));
      default: return cx_.lnot(boolExpr(depth - 1));
    }
  }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

 private:
  ir::ExprContext& cx_;
  std::mt19937 rng_;
  std::vector<ExprRef> syms_;
};


}  // namespace symrange::testing
