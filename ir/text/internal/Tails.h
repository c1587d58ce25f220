// ir/text/internal/Tails.h — the `;  a = b = None` tails GraphModule code prints after a statement:
// FX frees every value at its last use (and, since torch ~2.4, a value nobody uses right after it
// is made). Used by the reader to recognise which rule an input followed and by the writer to
// regenerate tails after the graph changed.
#pragma once

#include <string>
#include <vector>

#include "ir/Graph.h"

namespace symrange::ir {

/// How a program's tails are produced.
enum class TailRule : std::uint8_t {
  None,     // the input printed no tails
  LastUse,  // FX: values freed at their last use
  LastUseAndUnused,  // FX >= 2.4: also a value without users right after its definition
  Stored,   // no FX rule reproduces the input: the tails read are kept (pruned when printing)
};

[[nodiscard]] std::string tailRuleName(TailRule r);
[[nodiscard]] TailRule tailRuleFromName(const std::string& s);

/// What FX's codegen knows about freeing values of one graph: for each node (program order)
/// the values whose last use it is, in argument order, and whether nothing uses it.
struct FxFrees {
  std::vector<std::vector<const Node*>> lastUses;
  std::vector<bool> unused;
};
[[nodiscard]] FxFrees fxFrees(const Graph& g);
/// The tail of node `i` under `rule` (LastUse or LastUseAndUnused). Placeholders and the
/// output free nothing.
[[nodiscard]] std::vector<const Node*> fxTail(const Graph& g, const FxFrees& frees,
                                              std::size_t i, TailRule rule);

/// For each node of `g` in program order, the values FX frees right after it under `rule`.
[[nodiscard]] std::vector<std::vector<const Node*>> fxTails(const Graph& g, TailRule rule);

/// For each node of `g`, its stored tail restricted to nodes still in `g`, defined at or before
/// it and not used after it (so a printed tail never frees a live value).
[[nodiscard]] std::vector<std::vector<const Node*>> storedTails(const Graph& g);

}  // namespace symrange::ir
