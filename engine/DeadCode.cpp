// engine/DeadCode.cpp — see internal/DeadCode.h (the reachability itself is ir/GraphAlgo's
// Boost.Graph search).
#include "engine/internal/DeadCode.h"

#include <vector>

#include "ir/GraphAlgo.h"

namespace symrange::engine {

std::set<const ir::Node*> liveNodes(const ir::Graph& g,
                                    const std::function<bool(const ir::Node&)>& isRoot) {
  std::vector<const ir::Node*> roots;
  for (const auto& n : g.nodes())
    if (n->op() == ir::NodeOp::Output || isRoot(*n)) roots.push_back(n.get());
  std::set<const ir::Node*> live;
  for (const ir::Node* n : ir::reachableBackward(g, roots)) live.insert(n);
  return live;
}

}  // namespace symrange::engine
