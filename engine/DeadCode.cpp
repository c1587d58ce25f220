// engine/DeadCode.cpp — see internal/DeadCode.h (the reachability itself is ir/GraphAlgo's).
#include "engine/internal/DeadCode.h"

#include "ir/GraphAlgo.h"

namespace symrange::engine {

std::vector<bool> liveNodes(const ir::Graph& g, const std::function<bool(const ir::Node&)>& isRoot) {
  return ir::reachedBackward(
      g, [&](const ir::Node& n) { return n.op() == ir::NodeOp::Output || isRoot(n); });
}

}  // namespace symrange::engine
