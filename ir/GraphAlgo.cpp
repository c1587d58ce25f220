// ir/GraphAlgo.cpp — use-def chains, topological order and reachability on Boost.Graph.
#include "ir/GraphAlgo.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>

namespace symrange::ir {

namespace {

// Vertices are node positions; an edge u -> v means node v uses node u.
using DataFlow = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

DataFlow buildDataFlow(const UseDef& ud) {
  DataFlow g(ud.nodes().size());
  for (std::size_t v = 0; v < ud.nodes().size(); ++v) {
    std::vector<std::size_t> seen;
    for (const Node* in : ud.nodes()[v]->inputs()) {
      auto u = ud.index(in);
      if (!u || std::find(seen.begin(), seen.end(), *u) != seen.end()) continue;
      seen.push_back(*u);
      boost::add_edge(*u, v, g);
    }
  }
  return g;
}

/// Whether each vertex of `g` is reached from one of `roots` (vertex numbers; nullopt skipped),
/// by breadth-first search.
template <class G>
std::vector<bool> reachedFrom(const G& g, std::size_t n,
                              const std::vector<std::optional<std::size_t>>& roots) {
  std::vector<boost::default_color_type> colors(n, boost::white_color);
  auto colorMap = boost::make_iterator_property_map(colors.begin(),
                                                    boost::get(boost::vertex_index, g));
  boost::queue<std::size_t> queue;
  for (const std::optional<std::size_t>& i : roots) {
    if (!i || colors[*i] != boost::white_color) continue;
    boost::breadth_first_visit(g, *i, queue, boost::default_bfs_visitor(), colorMap);
  }
  std::vector<bool> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = colors[i] != boost::white_color;
  return out;
}

template <class G>
std::vector<Node*> reachable(const G& g, const UseDef& ud, std::span<const Node* const> roots) {
  std::vector<std::optional<std::size_t>> starts;
  for (const Node* r : roots) starts.push_back(ud.index(r));
  const std::vector<bool> reached = reachedFrom(g, ud.nodes().size(), starts);
  std::vector<Node*> out;
  for (std::size_t i = 0; i < reached.size(); ++i)
    if (reached[i]) out.push_back(ud.nodes()[i]);
  return out;
}

}  // namespace

UseDef::UseDef(const Graph& g) : index_(g.nodes().size()) {
  nodes_.reserve(g.nodes().size());
  for (const auto& n : g.nodes()) {
    index_.insert(n.get(), nodes_.size());
    nodes_.push_back(n.get());
  }
  users_.resize(nodes_.size());
  for (Node* user : nodes_) {
    user->visitInputs([&](Node* in) {
      const std::size_t* at = index_.find(in);
      if (!at) return;
      auto& us = users_[*at];
      if (us.empty() || us.back() != user) us.push_back(user);
    });
  }
}

std::optional<std::size_t> UseDef::index(const Node* n) const {
  if (const std::size_t* at = index_.find(n)) return *at;
  return std::nullopt;
}

const std::vector<Node*>& UseDef::users(const Node* n) const {
  static const std::vector<Node*> none;
  auto i = index(n);
  return i ? users_[*i] : none;
}

std::optional<std::size_t> UseDef::lastUse(const Node* n) const {
  const auto& us = users(n);
  if (us.empty()) return std::nullopt;
  return index(us.back());
}

std::optional<std::vector<Node*>> topologicalOrder(const Graph& g) {
  UseDef ud(g);
  bool inOrder = true;
  for (std::size_t v = 0; v < ud.nodes().size() && inOrder; ++v)
    for (const Node* in : ud.nodes()[v]->inputs()) {
      auto u = ud.index(in);
      if (u && *u >= v) inOrder = false;
    }
  if (inOrder) return ud.nodes();
  DataFlow flow = buildDataFlow(ud);
  std::vector<std::size_t> reversed;
  try {
    boost::topological_sort(flow, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    return std::nullopt;
  }
  std::vector<Node*> out;
  out.reserve(reversed.size());
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) out.push_back(ud.nodes()[*it]);
  return out;
}

namespace {

/// Marks in `reached` (parallel to g.nodes(), positions in `index`) every node the marked
/// ones transitively use: a depth-first walk of the argument edges.
void markInputs(const Graph& g, const PointerMap<std::size_t>& index, std::vector<bool>& reached) {
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < reached.size(); ++i)
    if (reached[i]) stack.push_back(i);
  while (!stack.empty()) {
    const std::size_t v = stack.back();
    stack.pop_back();
    g.nodes()[v]->visitInputs([&](const Node* in) {
      const std::size_t* u = index.find(in);
      if (!u || reached[*u]) return;
      reached[*u] = true;
      stack.push_back(*u);
    });
  }
}

PointerMap<std::size_t> positions(const Graph& g) {
  PointerMap<std::size_t> index(g.nodes().size());
  for (std::size_t i = 0; i < g.nodes().size(); ++i) index.insert(g.nodes()[i].get(), i);
  return index;
}

}  // namespace

std::vector<Node*> reachableBackward(const Graph& g, std::span<const Node* const> roots) {
  const PointerMap<std::size_t> index = positions(g);
  std::vector<bool> reached(g.nodes().size(), false);
  for (const Node* r : roots)
    if (const std::size_t* i = index.find(r)) reached[*i] = true;
  markInputs(g, index, reached);
  std::vector<Node*> out;
  for (std::size_t i = 0; i < reached.size(); ++i)
    if (reached[i]) out.push_back(g.nodes()[i].get());
  return out;
}

std::vector<bool> reachedBackward(const Graph& g, const std::function<bool(const Node&)>& isRoot) {
  const PointerMap<std::size_t> index = positions(g);
  std::vector<bool> reached(g.nodes().size(), false);
  for (std::size_t i = 0; i < reached.size(); ++i) reached[i] = isRoot(*g.nodes()[i]);
  markInputs(g, index, reached);
  return reached;
}

std::vector<Node*> reachableForward(const Graph& g, std::span<const Node* const> roots) {
  UseDef ud(g);
  DataFlow flow = buildDataFlow(ud);
  return reachable(flow, ud, roots);
}

std::vector<const Node*> dependencySlice(const Program& program,
                                         std::span<const Node* const> roots,
                                         const ExtraDeps& extra) {
  // vertices: every node of every graph, in program order; an edge u -> v: v depends on u
  std::vector<const Node*> nodes;
  std::unordered_map<const Node*, std::size_t> index;  // lookups only, never iterated
  for (const GraphPath& gp : allGraphs(program))
    for (const auto& n : gp.graph->nodes()) {
      index.emplace(n.get(), nodes.size());
      nodes.push_back(n.get());
    }
  auto indexOf = [&](const Node* n) -> std::optional<std::size_t> {
    auto it = index.find(n);
    if (it == index.end()) return std::nullopt;
    return it->second;
  };
  DataFlow flow(nodes.size());
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    auto dependOn = [&](const Node* u) {
      if (auto i = indexOf(u)) boost::add_edge(*i, v, flow);
    };
    nodes[v]->forEachInput(dependOn);
    extra(nodes[v], dependOn);
  }
  std::vector<std::optional<std::size_t>> starts;
  for (const Node* r : roots) starts.push_back(indexOf(r));
  const std::vector<bool> reached =
      reachedFrom(boost::make_reverse_graph(flow), nodes.size(), starts);
  std::vector<const Node*> out;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (reached[i]) out.push_back(nodes[i]);
  return out;
}

}  // namespace symrange::ir
