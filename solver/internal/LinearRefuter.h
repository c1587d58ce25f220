// solver/internal/LinearRefuter.h — the linear tier's decision procedure: refutes a conjunction
// of integer constraints together with the box's bounds without Z3, by Fourier–Motzkin
// elimination over the integers (every derived row is divided by the gcd of its coefficients and
// its constant rounded toward the stronger side: sound for integer variables, and what lets
// `2*q <= x <= 2*q + 1` refute `2*q > x`). LLVM's ConstraintElimination decides with the same
// kind of system.
//
// How expressions become rows is in LinearReader.h, the rows and their elimination in
// LinearRows.h. Disjunctions (those of the constraints first, then Max/Min/Abs equal to an
// operand) are split into cases while the case budget lasts: every case must be refuted. Only
// refutes: "not refuted" says nothing. Dropping a constraint or a row it cannot read only relaxes
// the system, so a satisfiable conjunction is never refuted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "solver/internal/BoundsPropagator.h"

namespace symrange::solver {

struct LinearLimits {
  /// Rows alive during one elimination; beyond it the system is given up (not refuted).
  std::size_t maxRows = 256;
  /// Eliminations (one per case of the split) per refutation.
  std::size_t maxCases = 8;
  /// Work per refutation, all cases together: rows read at each elimination step plus pairs
  /// of rows combined. The budget is a count, not a time, so the answers are deterministic.
  std::size_t maxWork = 2'000;
  /// Constraints per refutation: a larger conjunction (a big slice of a nonlinear program) is
  /// not tried; Z3 decides it at about the cost of reading it here.
  std::size_t maxConstraints = 64;
};

/// Refutes the conjunction of `constraints` (each: `expr` evaluates to `want`) together with the
/// bounds `box` holds for their symbols. A constraint holds only where its expression is
/// defined; one with `impliesDefined` false (a goal's negation) must not be able to raise
/// (the caller has checked: a raising goal fires without being false). Returns the facts the
/// refutation used (the `dep` of the constraints used, kGoalDep included, and the deps of the
/// bounds used), sorted; nullopt when not refuted.
[[nodiscard]] std::optional<DepSet> refuteLinear(const Box& box,
                                                 std::span<const Constraint> constraints,
                                                 const LinearLimits& limits = {});

/// Whether a candidate point (values of the integer symbols the rows mention, sorted by id) is
/// one the caller wants; it evaluates the constraints there (a free variable stood for each
/// opaque term, so a point of the rows need not be one of the constraints).
using PointFilter = std::function<bool(const std::vector<std::pair<ir::ExprRef, std::int64_t>>&)>;

/// A point the filter accepts, for the witness search when labeling finds none: by
/// back-substitution after the elimination (each variable the integer nearest 0 its rows allow,
/// then its neighbours), first choosing only among the goal's cases, then among every split's.
/// At most 16 candidates are put to the filter. nullopt when none is accepted.
[[nodiscard]] std::optional<std::vector<std::pair<ir::ExprRef, std::int64_t>>> linearPoint(
    const Box& box, std::span<const Constraint> constraints, const PointFilter& accept,
    const LinearLimits& limits = {});

/// A bound of integer `e` (an upper one when `upper`) wherever the constraints hold, from the
/// projection of their rows onto `e` (Fourier–Motzkin; their disjunctions left out, so the
/// bound is sound but need not be attained). nullopt when the rows leave `e` unbounded on that
/// side, refute the constraints, or the budget runs out.
[[nodiscard]] std::optional<std::int64_t> linearBound(const Box& box,
                                                      std::span<const Constraint> constraints,
                                                      ir::ExprRef e, bool upper,
                                                      const LinearLimits& limits = {});

}  // namespace symrange::solver
