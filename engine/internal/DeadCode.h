// engine/internal/DeadCode.h — liveness of the nodes of one graph: reachability backwards
// (ir/GraphAlgo) (from a node to the nodes its arguments name) from a set of root nodes.
#pragma once

#include <functional>
#include <vector>

#include "ir/Graph.h"

namespace symrange::engine {

/// Whether each node of `g` (parallel to g.nodes()) is reachable from the nodes for which
/// `isRoot` holds by following argument edges (user -> input). The output node is always a
/// root. Example: in `a = f(); b = a + 1; c = b * 2; return a`, with no other root, output
/// and a are live.
[[nodiscard]] std::vector<bool> liveNodes(const ir::Graph& g,
                                          const std::function<bool(const ir::Node&)>& isRoot);

}  // namespace symrange::engine
