// solver/internal/WitnessSearch.h — concrete witnesses without Z3: pick a value for each symbol
// inside its propagated interval (labeling, one symbol at a time, re-propagating after each choice,
// backtracking within a node budget) and confirm the result with ir::evaluate. A witness found here
// is a real execution point.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "ir/Expr.h"
#include "solver/internal/BoundsPropagator.h"

namespace symrange::solver {

/// Symbol values, sorted by symbol id (booleans as 0/1).
using Assignment = std::vector<std::pair<ir::ExprRef, std::int64_t>>;

/// What a boolean expression does at a point.
enum class Truth : std::uint8_t { True, False, Raises, Unknown };

/// Evaluates `e` with Python semantics at `point` (ir::evaluate). Unknown when a symbol is
/// unassigned, a value overflows int64, or the expression is unsupported (opaque function).
[[nodiscard]] Truth truthAt(ir::ExprRef e, const Assignment& point);
/// Does fact `e` hold at `point`? As truthAt, but a conjunction / disjunction is judged
/// operand by operand (Z3Lowering::factHolds): `a ∨ b` holds where a does, even if b raises.
[[nodiscard]] Truth factTruthAt(ir::ExprRef e, const Assignment& point);

/// Which value labeling prefers inside an interval. `Far` tries ±2^32 first on a side the
/// interval leaves unbounded (where a product leaves int64), then as NearZero.
enum class LabelStrategy : std::uint8_t { NearZero, Low, High, Far };

/// The value `Far` tries first on an unbounded side: a square of it leaves int64.
inline constexpr std::int64_t kFarValue = std::int64_t{1} << 32;

/// Each of `symbols` at the value nearest 0 of its interval in `box`, when every constraint
/// holds there (a wanted expression defined, every operand included, and true; a negated goal
/// false or raising); nullopt otherwise, or for a float symbol or a side of `a != b`. A point
/// `accept` takes is what labelBox's NearZero search over `box`, or over any box between `box`
/// and that point that propagation of these constraints gives, finds first (given a choice
/// per symbol).
[[nodiscard]] std::optional<Assignment> nearestZero(const Box& box,
                                                    const std::vector<Constraint>& constraints,
                                                    const std::vector<ir::ExprRef>& symbols);

/// Searches for values of `symbols` (sorted by id) inside their intervals in `box`: depth-first
/// over the symbols in id order, trying values in the order `strategy` prefers, propagating
/// `constraints` after each choice and backtracking on an empty box or when `accept` rejects a
/// complete assignment; at most `maxNodes` choices in all. nullopt when nothing is found (or a
/// symbol is a float). Deterministic: the result depends only on its inputs.
[[nodiscard]] std::optional<Assignment> labelBox(const Box& box,
                                                 const std::vector<Constraint>& constraints,
                                                 const Propagator::Touching& touching,
                                                 const std::vector<ir::ExprRef>& symbols,
                                                 LabelStrategy strategy, std::size_t maxRevisions,
                                                 std::size_t maxNodes,
                                                 const std::function<bool(const Assignment&)>& accept);

}  // namespace symrange::solver
