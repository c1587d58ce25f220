// solver/internal/LinearReader.h — SOLVER-PRIVATE: how the linear tier (LinearRefuter.h) reads
// constraints as rows (LinearRows.h):
//  - symbols are variables, bounded by their intervals in the box (with the facts those ends
//    came from);
//  - a term it cannot read linearly (a product of symbols, a division by a symbol, a power,
//    Where, an opaque function) is an opaque variable bounded by its interval;
//  - `x // c` by a constant is a quotient variable q with `x - c*q` in [0, c-1] (c > 0) or
//    [c+1, 0] (c < 0); `x % c` is `x - c*q` with the same q; CeilDiv(x, c) (c > 0) is a q with
//    `c*q - x` in [0, c-1];
//  - Max(a, ...) is a variable at least each operand (Min: at most), Abs(x) at least x and -x;
//    that it *equals* one operand is a split;
//  - comparisons are rows (`a < b` is `a - b + 1 <= 0`: integers), `a == b` two rows;
//    `a != b`, a disjunction among the facts or a negated conjunction in the goal are splits.
// What it cannot read (floats, booleans, int_oo, int64 overflow) is left out: a relaxation.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "ir/Expr.h"
#include "solver/internal/LinearRows.h"

namespace symrange::solver::linear {

/// Constraints read as rows.
struct ReadRows {
  std::vector<Row> base;          // every row that must hold: constraints, definitions, bounds
  std::vector<Split> goalSplits;  // disjunctions of the goal (constraints with kGoalDep)
  std::vector<Split> factSplits;  // of the facts
  std::vector<Split> atomSplits;  // Max/Min/Abs equal one of their operands
  /// The integer symbols read, with their variables, by symbol id.
  std::vector<std::pair<ir::ExprRef, std::uint32_t>> symbols;
  std::uint32_t variables = 0;
  /// With `projectOnto`: the variable equal to it (read first, before the constraints).
  std::optional<std::uint32_t> projected;
};

[[nodiscard]] ReadRows readRows(const Box& box, std::span<const Constraint> constraints,
                                ir::ExprRef projectOnto = nullptr);

}  // namespace symrange::solver::linear
