// ir/Graph.cpp — Program, Graph and Node: ownership, edits, argument traversal.
#include "ir/Graph.h"

#include <algorithm>

#include "ir/PointerMap.h"

namespace symrange::ir {

void forEachNodeRef(const Argument& a, const std::function<void(Node*)>& f) { visitNodeRefs(a, f); }

void mapNodeRefs(Argument& a, const std::function<Node*(Node*)>& f) {
  if (auto* n = std::get_if<Node*>(&a.value)) {
    if (*n) *n = f(*n);
  } else if (auto* l = std::get_if<Argument::List>(&a.value)) {
    for (auto& item : l->items) mapNodeRefs(item, f);
  } else if (auto* r = std::get_if<Argument::Raw>(&a.value)) {
    for (Node*& ref : r->refs)
      if (ref) ref = f(ref);
  }
}

std::vector<Node*> Node::inputs() const {
  std::vector<Node*> out;
  visitInputs([&out](Node* n) { out.push_back(n); });
  return out;
}

void Node::forEachInput(const std::function<void(Node*)>& f) const { visitInputs(f); }

std::size_t Node::replaceInput(const Node* from, Node* to) {
  std::size_t count = 0;
  auto swap = [&](Node* n) -> Node* {
    if (n != from) return n;
    ++count;
    return to;
  };
  for (auto& a : args) mapNodeRefs(a, swap);
  for (auto& [k, v] : kwargs) mapNodeRefs(v, swap);
  return count;
}

Node& Graph::append(std::unique_ptr<Node> n) {
  SYMRANGE_ASSERT(n != nullptr);
  nodes_.push_back(std::move(n));
  return *nodes_.back();
}

Node& Graph::insertBefore(const Node* pos, std::unique_ptr<Node> n) {
  SYMRANGE_ASSERT(n != nullptr);
  auto it = std::find_if(nodes_.begin(), nodes_.end(),
                         [pos](const std::unique_ptr<Node>& p) { return p.get() == pos; });
  SYMRANGE_ASSERT(it != nodes_.end());
  return **nodes_.insert(it, std::move(n));
}

void Graph::erase(const Node* n) {
  auto it = std::find_if(nodes_.begin(), nodes_.end(),
                         [n](const std::unique_ptr<Node>& p) { return p.get() == n; });
  SYMRANGE_ASSERT(it != nodes_.end());
  nodes_.erase(it);
}

std::size_t Graph::eraseIf(const std::function<bool(const Node&)>& pred) {
  return splice({}, pred);
}

std::size_t Graph::splice(
    std::unordered_map<const Node*, std::vector<std::unique_ptr<Node>>> before,
    const std::function<bool(const Node&)>& erase) {
  PointerSet removed;
  for (const auto& n : nodes_)
    if (erase(*n)) removed.insert(n.get());
  if (removed.empty() && before.empty()) return 0;
  std::size_t inserted = 0;
  for (const auto& [pos, ns] : before) inserted += ns.size();
  std::vector<std::unique_ptr<Node>> out;
  out.reserve(nodes_.size() + inserted - removed.size());
  std::size_t placed = 0;
  for (auto& n : nodes_) {
    if (auto it = before.find(n.get()); it != before.end()) {
      for (auto& x : it->second) {
        SYMRANGE_ASSERT(x != nullptr);
        out.push_back(std::move(x));
      }
      ++placed;
    }
    if (!removed.contains(n.get())) out.push_back(std::move(n));
    else removed_.push_back(std::move(n));
  }
  SYMRANGE_ASSERT(placed == before.size());
  if (!removed.empty())
    for (const auto& n : out)
      n->visitInputs([&](Node* in) { SYMRANGE_ASSERT(!removed.contains(in)); });
  nodes_ = std::move(out);
  return removed.size();
}

Node* Graph::find(std::string_view name) const {
  for (const auto& n : nodes_)
    if (n->name() == name) return n.get();
  return nullptr;
}

std::vector<Node*> Graph::users(const Node* n) const {
  std::vector<Node*> out;
  for (const auto& u : nodes_) {
    bool uses = false;
    u->forEachInput([&](Node* in) { uses = uses || in == n; });
    if (uses) out.push_back(u.get());
  }
  return out;
}

std::size_t Graph::replaceAllUsesWith(const Node* from, Node* to) {
  std::size_t count = 0;
  for (auto& u : nodes_)
    if (u.get() != to) count += u->replaceInput(from, to);
  return count;
}

Graph* Graph::subgraph(std::string_view attr) const {
  for (const auto& [name, g] : subgraphs)
    if (name == attr) return g.get();
  return nullptr;
}

Program::Program() : exprs_(std::make_unique<ExprContext>()) {}
Program::~Program() = default;

namespace {
void collectGraphs(Graph* g, const std::string& path, std::vector<GraphPath>& out) {
  out.push_back({g, path});
  for (const auto& [attr, sub] : g->subgraphs) collectGraphs(sub.get(), path + "/" + attr, out);
}
}  // namespace

std::vector<GraphPath> allGraphs(const Program& p) {
  std::vector<GraphPath> out;
  if (!p.root) return out;
  out.push_back({p.root.get(), "forward"});
  for (const auto& [attr, sub] : p.root->subgraphs) {
    // Sub-graphs of the root are named by their attribute alone ("true_graph_0").
    std::vector<GraphPath> nested;
    collectGraphs(sub.get(), attr, nested);
    out.insert(out.end(), nested.begin(), nested.end());
  }
  return out;
}

}  // namespace symrange::ir
