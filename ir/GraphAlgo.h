// ir/GraphAlgo.h — algorithms over the data flow of one Graph (Boost.Graph underneath):
// use-def chains, topological order, reachability from a set of roots (dead-code removal), and
// the dependency slice of a node across a whole Program (what a check depends on).
// Edges go from a node to each node using it; references to nodes outside the graph are
// ignored. Every result is in program order, so output never depends on pointer values.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "ir/Graph.h"
#include "ir/PointerMap.h"

namespace symrange::ir {

/// Users and positions of every node of a graph, computed once in O(nodes + edges).
/// Invalidated by any edit of the graph.
class UseDef {
 public:
  explicit UseDef(const Graph& g);

  /// Position of `n` in program order, or nullopt if `n` is not a node of the graph.
  [[nodiscard]] std::optional<std::size_t> index(const Node* n) const;
  /// Distinct nodes using `n`, in program order (empty for nodes outside the graph).
  [[nodiscard]] const std::vector<Node*>& users(const Node* n) const;
  /// Position of the last user of `n`, or nullopt when nothing uses it.
  [[nodiscard]] std::optional<std::size_t> lastUse(const Node* n) const;
  [[nodiscard]] const std::vector<Node*>& nodes() const { return nodes_; }

 private:
  std::vector<Node*> nodes_;
  PointerMap<std::size_t> index_;  // lookups only, never iterated
  std::vector<std::vector<Node*>> users_;
};

/// The nodes in an order where each node follows every node it uses (program order when it
/// already is one); nullopt if the data flow has a cycle.
[[nodiscard]] std::optional<std::vector<Node*>> topologicalOrder(const Graph& g);

/// `roots` and every node they transitively use, in program order. Dead-code removal keeps
/// exactly reachableBackward(g, {output, side-effecting nodes}).
[[nodiscard]] std::vector<Node*> reachableBackward(const Graph& g,
                                                   std::span<const Node* const> roots);
/// The same as a mask parallel to g.nodes(), from the nodes for which `isRoot` holds.
[[nodiscard]] std::vector<bool> reachedBackward(const Graph& g,
                                                const std::function<bool(const Node&)>& isRoot);

/// `roots` and every node that transitively uses one of them, in program order.
[[nodiscard]] std::vector<Node*> reachableForward(const Graph& g,
                                                  std::span<const Node* const> roots);

/// Further dependencies of a node that its inputs do not show (the facts a check's verdict
/// rests on): `f` calls `dep` on each.
using ExtraDeps =
    std::function<void(const Node* n, const std::function<void(const Node*)>& dep)>;

/// `roots` and every node of `program` they transitively depend on, across its graphs: the
/// nodes each one uses and those `extra` names. In program order, graphs in allGraphs order;
/// references to nodes of no graph of `program` are ignored.
[[nodiscard]] std::vector<const Node*> dependencySlice(const Program& program,
                                                       std::span<const Node* const> roots,
                                                       const ExtraDeps& extra);

}  // namespace symrange::ir
