// solver/internal/LinearRows.h — SOLVER-PRIVATE: the rows of the linear tier
// (LinearRefuter.h) and what is computed on them: rows `Σ a·v + c <= 0` over integer variables,
// each with the facts it came from; Fourier–Motzkin elimination with integer tightening, bounds
// propagation over the rows, and back-substitution of a point. LinearReader.h makes rows of
// expressions; LinearRefuter.cpp searches the cases of their disjunctions.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "solver/internal/BoundsPropagator.h"
#include "solver/internal/LinearRefuter.h"

namespace symrange::solver::linear {

using Wide = __int128;

/// Σ coef·var, sorted by variable, no zero coefficient, every |coef| < 2^63.
using Terms = std::vector<std::pair<std::uint32_t, std::int64_t>>;

/// Σ coef·var + c <= 0, derived from the facts `deps`.
struct Row {
  Terms terms;
  std::int64_t c = 0;
  DepSet deps;
};

/// A linear form under construction; wide, so that sums of int64 products stay exact (every
/// operation checks for overflow and the reader falls back to an opaque variable).
struct Lin {
  std::vector<std::pair<std::uint32_t, Wide>> terms;  // unsorted, may repeat a variable
  Wide c = 0;
};

/// One of several conjunctions must hold.
struct Split {
  std::vector<std::vector<Row>> alts;
  DepSet deps;  // the fact the disjunction is (empty for the definition of Max/Min/Abs)
};

/// v * k into `out`; false on overflow.
[[nodiscard]] bool scaled(Wide v, Wide k, Wide& out);
/// `acc += k * x`; false on overflow.
[[nodiscard]] bool addScaled(Lin& acc, const Lin& x, Wide k);
/// ceil(c / g) for g > 0.
[[nodiscard]] Wide ceilDiv(Wide c, Wide g);
/// floor(n / d) for d > 0.
[[nodiscard]] Wide floorDiv(Wide n, Wide d);
/// What `a·v + rest <= 0` (a != 0) says of v over the integers: v <= floor(-rest / a) when
/// a > 0 (an upper bound), v >= ceil(rest / -a) when a < 0 (a lower bound).
[[nodiscard]] Wide boundOf(Wide a, Wide rest);
/// Whether `v` is an int64 other than its minimum (so that -v is one too).
[[nodiscard]] bool inInt64(Wide v);

enum class Norm : std::uint8_t { Keep, Trivial, Contradiction, Overflow };

/// The row `Σ terms + c <= 0` with equal variables merged, divided by the gcd of its
/// coefficients and its constant rounded up (for integer variables, `Σ a·v <= -c` implies
/// `Σ (a/g)·v <= floor(-c/g)`), into `out`. `terms` is scratch space (sorted and merged in
/// place).
[[nodiscard]] Norm makeRow(std::vector<std::pair<std::uint32_t, Wide>>& terms, Wide c, DepSet deps,
                           Row& out);

/// The facts behind a derived row: a set of sources (the distinct dep sets of the rows read,
/// and one marker per split level), at most kMaxSources of them.
constexpr std::size_t kMaxSources = 256;
struct Sources {
  std::array<std::uint64_t, kMaxSources / 64> bits{};
  void set(std::size_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }
  [[nodiscard]] bool test(std::size_t i) const { return (bits[i / 64] >> (i % 64)) & 1U; }
  void reset(std::size_t i) { bits[i / 64] &= ~(std::uint64_t{1} << (i % 64)); }
  Sources& operator|=(const Sources& o) {
    for (std::size_t k = 0; k < bits.size(); ++k) bits[k] |= o.bits[k];
    return *this;
  }
};

/// Rows in one flat array of terms (no allocation per row): row i is
/// Σ terms[begin .. begin+size) + c <= 0.
struct System {
  struct RowRef {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    std::int64_t c = 0;
    Sources from;
  };
  std::vector<std::pair<std::uint32_t, std::int64_t>> terms;
  std::vector<RowRef> rows;

  [[nodiscard]] std::span<const std::pair<std::uint32_t, std::int64_t>> termsOf(const RowRef& r) const {
    return {terms.data() + r.begin, r.size};
  }
  void add(std::span<const std::pair<std::uint32_t, std::int64_t>> t, std::int64_t c, const Sources& from) {
    rows.push_back(RowRef{static_cast<std::uint32_t>(terms.size()), static_cast<std::uint32_t>(t.size()), c, from});
    terms.insert(terms.end(), t.begin(), t.end());
  }
};

/// How an elimination ended: a contradiction derived (from `from`), every variable eliminated
/// without one, or out of budget.
struct Outcome {
  enum Kind : std::uint8_t { Refuted, Feasible, GaveUp } kind = GaveUp;
  Sources from;
};

/// One variable's elimination: the rows that bounded it then (over it and the variables
/// eliminated after it), for back-substitution.
struct Step {
  std::uint32_t var = 0;
  System rows;
};

/// Bounds propagation over the rows (each row bounds each of its variables by the others'
/// bounds, rounded to integers), a few rounds: it closes the integer gaps that elimination over
/// the rationals leaves (`8*q <= u1 <= 10`, `u1 >= 9`, `u1 - 8*q <= 1` give q = 1, u1 = 9). The
/// bounds it tightens are added to `sys` as rows (their sources: the row and the bounds used);
/// the sources of a contradiction when a variable's bounds cross.
[[nodiscard]] std::optional<Sources> propagateBounds(System& sys, std::size_t& work);

/// Fourier–Motzkin elimination of every variable of `start` (after bounds propagation). With
/// `steps`, records each variable's bounding rows in elimination order. With `keep`, that
/// variable is never eliminated, and `rest` receives the rows left over it when the elimination
/// ends Feasible (a projection onto it).
[[nodiscard]] Outcome eliminate(const System& start, const LinearLimits& limits,
                                std::size_t& work, std::vector<Step>* steps = nullptr,
                                std::optional<std::uint32_t> keep = std::nullopt,
                                System* rest = nullptr);

/// What the caller accepts as a point (values by variable), and how often it may be asked.
struct Acceptor {
  std::function<bool(const std::vector<std::int64_t>&)> accept;
  std::size_t calls = 16;
};

/// Values of the variables after an elimination that ended Feasible, by back-substitution: the
/// steps in reverse, each variable taking a value its rows allow given the variables eliminated
/// after it (0 for a variable no step bounds). FM over the rationals does not promise an integer
/// at every step (`2*q1 == 5*q2 + 4` leaves none for q2 = -1), so each variable tries the values
/// nearest 0 in its range in turn (0, +1, -1, ... from the nearest end), depth first, within a
/// node budget. nullopt when none is found or a value leaves int64.
[[nodiscard]] std::optional<std::vector<std::int64_t>> backSubstitute(const std::vector<Step>& steps,
                                                                  std::uint32_t variables,
                                                                  Acceptor& acceptor);

}  // namespace symrange::solver::linear
