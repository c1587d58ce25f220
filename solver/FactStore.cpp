// solver/FactStore.cpp — facts, frames by truncation, slicing by the fact–symbol components
// (boost::disjoint_sets without path compression, so popping a frame undoes its unions).
#include "solver/internal/FactStore.h"

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>

namespace symrange::solver {

namespace {

/// disjoint_sets' find policy that leaves the parents as they are: with union by rank a tree
/// has depth O(log n) anyway, and an unchanged parent map is what lets a union be undone.
struct FindWithoutCompression {
  template <class ParentPA, class Vertex>
  Vertex operator()(ParentPA p, Vertex v) const {
    for (Vertex u = boost::get(p, v); u != v; u = boost::get(p, v)) v = u;
    return v;
  }
};

template <class Rank, class Parent>
auto disjointSets(Rank& rank, Parent& parent) {
  return boost::disjoint_sets<std::uint32_t*, std::uint32_t*, FindWithoutCompression>(
      rank.data(), parent.data());
}

}  // namespace

FactStore::Vertex FactStore::vertexOf(ir::ExprRef sym) {
  auto [it, fresh] = vertex_.try_emplace(sym->id(), static_cast<Vertex>(parent_.size()));
  if (fresh) {
    parent_.push_back(0);
    rank_.push_back(0);
    children_.emplace_back();
    anchored_.emplace_back();
    disjointSets(rank_, parent_).make_set(it->second);
  }
  return it->second;
}

FactStore::Vertex FactStore::find(Vertex v) const {
  return FindWithoutCompression{}(parent_.data(), v);
}

void FactStore::unite(Vertex a, Vertex b) {
  const Vertex ra = find(a), rb = find(b);
  if (ra == rb) return;
  const std::uint32_t rankA = rank_[ra], rankB = rank_[rb];
  disjointSets(rank_, parent_).link(ra, rb);
  const bool aUnderB = parent_[ra] == rb;
  const Vertex child = aUnderB ? ra : rb, root = aUnderB ? rb : ra;
  links_.push_back({child, root, aUnderB ? rankB : rankA});
  children_[root].push_back(child);
}

FactIndex FactStore::add(ir::ExprRef expr, const std::string& label) {
  auto idx = static_cast<FactIndex>(facts_.size());
  Fact f{expr, label, ir::freeSymbols(expr)};
  for (ir::ExprRef s : f.symbols) bySymbol_[s->id()].push_back(idx);
  linksBefore_.push_back(links_.size());
  if (f.symbols.empty()) {
    symbolFree_.push_back(idx);
  } else {
    const Vertex first = vertexOf(f.symbols.front());
    for (std::size_t i = 1; i < f.symbols.size(); ++i) unite(first, vertexOf(f.symbols[i]));
    anchored_[first].push_back(idx);
  }
  byExpr_[expr->id()].push_back(idx);
  facts_.push_back(std::move(f));
  return idx;
}

void FactStore::truncate(std::size_t n) {
  while (facts_.size() > n) {
    const Fact& f = facts_.back();
    for (ir::ExprRef s : f.symbols) bySymbol_[s->id()].pop_back();
    if (f.symbols.empty()) {
      symbolFree_.pop_back();
    } else {
      anchored_[vertex_.at(f.symbols.front()->id())].pop_back();
    }
    for (std::size_t k = linksBefore_.back(); links_.size() > k;) {
      const Link& l = links_.back();
      parent_[l.child] = l.child;
      rank_[l.root] = l.rootRank;
      children_[l.root].pop_back();
      links_.pop_back();
    }
    linksBefore_.pop_back();
    byExpr_[f.expr->id()].pop_back();
    facts_.pop_back();
  }
}

const std::vector<FactIndex>& FactStore::touching(ir::ExprRef sym) const {
  static const std::vector<FactIndex> kNone;
  auto it = bySymbol_.find(sym->id());
  return it == bySymbol_.end() ? kNone : it->second;
}

std::optional<FactIndex> FactStore::firstWith(ir::ExprRef e) const {
  auto it = byExpr_.find(e->id());
  if (it == byExpr_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::vector<FactIndex> FactStore::slice(const std::vector<ir::ExprRef>& symbols) const {
  std::vector<FactIndex> out = symbolFree_;
  std::vector<Vertex> roots;  // the goal's components, each once (a goal has few symbols)
  for (ir::ExprRef s : symbols) {
    auto it = vertex_.find(s->id());
    if (it == vertex_.end()) continue;
    const Vertex r = find(it->second);
    if (std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(r);
  }
  // each component's facts: those anchored at a vertex of its tree, every fact once
  std::vector<Vertex> work = std::move(roots);
  while (!work.empty()) {
    const Vertex v = work.back();
    work.pop_back();
    out.insert(out.end(), anchored_[v].begin(), anchored_[v].end());
    work.insert(work.end(), children_[v].begin(), children_[v].end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<FactIndex> FactStore::all() const {
  std::vector<FactIndex> out(facts_.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<FactIndex>(i);
  return out;
}

}  // namespace symrange::solver
