// ir/text/internal/Trailers.h — the ExportedProgram trailers:
// `Range constraints: {u0: VR[0, int_oo]}` (or torch 2.1/2.2's
// `RangeConstraint(min_val=.., max_val=..)` and `ValueRanges(lower=.., upper=.., is_bool=False)`)
// and `Equality constraints: [...]`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Graph.h"
#include "ir/text/internal/SourceText.h"

namespace symrange::ir {

/// A range bound as printed: an integer, or unbounded (`int_oo`, `-int_oo`, `oo`, `inf`,
/// `None`, `±9223372036854775806/7`, `-9223372036854775808`) as nullopt. Returns false in
/// `ok` for anything else.
[[nodiscard]] std::optional<std::int64_t> parseBound(std::string_view text, bool& ok);

/// Parses the `{...}` of a Range constraints line ([begin, end) of `src`); `spelling` tells
/// how its entries were spelled (VR when any entry or none is; else the first's).
[[nodiscard]] std::vector<RangeEntry> parseRangeConstraints(ExprContext& ctx,
                                                            const SourceText& src,
                                                            std::size_t begin, std::size_t end,
                                                            RangeSpelling& spelling);
/// `{u0: VR[0, 5], ...}`; bounds print from their text while it still denotes lo/hi.
[[nodiscard]] std::string printRangeConstraints(const std::vector<RangeEntry>& entries,
                                                RangeSpelling spelling);

/// Parses the `[...]` of an Equality constraints line.
[[nodiscard]] std::vector<DimEquality> parseEqualityConstraints(const SourceText& src,
                                                                std::size_t begin,
                                                                std::size_t end);
[[nodiscard]] std::string printEqualityConstraints(const std::vector<DimEquality>& eqs);

}  // namespace symrange::ir
