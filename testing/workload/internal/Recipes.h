// testing/workload/internal/Recipes.h — the group recipes of the five mixes (private to
// testing/workload/). Each writes one group of about `budget` nodes into the forward graph
// of `b`: fresh item() symbols, the facts on them, and checks that hold at the reference
// input, most of them implied by the group's earlier facts and some (~20%) genuinely required.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "testing/workload/internal/Builder.h"

namespace symrange::bench::detail {

void intervalGroup(Builder& b, std::size_t budget);
void relationalGroup(Builder& b, std::size_t budget);
void nonlinearGroup(Builder& b, std::size_t budget);
void condsGroup(Builder& b, std::size_t budget);
void realisticGroup(Builder& b, std::size_t budget);

// Shared pieces (RecipeInterval.cpp).

/// A fresh item with reference value `ref` (random when absent) in [lo, hi], bounded to [lo, hi] by a random choice of
/// sym_constrain_range, a pair of asserts, or (lo == 0, hi > 2) sym_constrain_range_for_size.
Int boundedItem(Builder& b, std::int64_t lo, std::int64_t hi, std::optional<std::int64_t> ref = {});
/// A check on `t` in scope `s`: with probability `requiredPercent` a bound that holds in the
/// valuation but that the symbols' bounds do not imply (when there is room for one), else a
/// bound implied by them (`t <= hi`, `t > lo - 1`, `Ne(t, hi + 1)`, ...).
void boundCheck(Builder& b, Scope& s, const Int& t, int requiredPercent);
/// A new Int computed from `from` by a random linear or floor/mod-by-constant operation.
Int deriveLinear(Builder& b, Scope& s, const std::vector<Int>& from);

}  // namespace symrange::bench::detail
