// solver/internal/FactStore.h — the prover's facts in program order, with frames (scopes) and
// slicing: the facts that share symbols with a goal, transitively (the fact–symbol components, kept
// by a union-find over the symbols that a popped frame undoes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/Expr.h"

namespace symrange::solver {

/// Position of a fact in the store (stable while the fact is active).
using FactIndex = std::uint32_t;

struct Fact {
  ir::ExprRef expr = nullptr;
  std::string label;
  std::vector<ir::ExprRef> symbols;  // free symbols, sorted by id
};

class FactStore {
 public:
  FactIndex add(ir::ExprRef expr, const std::string& label);
  /// Drops every fact from position `n` on (the facts of popped frames), and the unions they
  /// made.
  void truncate(std::size_t n);

  [[nodiscard]] std::size_t size() const { return facts_.size(); }
  [[nodiscard]] const Fact& operator[](FactIndex i) const { return facts_[i]; }
  /// Active facts mentioning the symbol, ascending.
  [[nodiscard]] const std::vector<FactIndex>& touching(ir::ExprRef sym) const;
  /// The first active fact whose expression is `e`.
  [[nodiscard]] std::optional<FactIndex> firstWith(ir::ExprRef e) const;
  /// The facts sharing symbols with `symbols`, transitively (the components of `symbols` in the
  /// union-find over the active facts' symbols), plus every symbol-free fact (a constant `False`
  /// fact concerns every goal). Ascending. Costs the slice, not the store.
  [[nodiscard]] std::vector<FactIndex> slice(const std::vector<ir::ExprRef>& symbols) const;
  /// Every active fact, ascending.
  [[nodiscard]] std::vector<FactIndex> all() const;

 private:
  using Vertex = std::uint32_t;
  /// What one union did, to undo it: `child`'s root was linked under `root`, whose rank was
  /// `rootRank` before.
  struct Link {
    Vertex child, root;
    std::uint32_t rootRank;
  };

  Vertex vertexOf(ir::ExprRef sym);
  [[nodiscard]] Vertex find(Vertex v) const;
  void unite(Vertex a, Vertex b);

  std::vector<Fact> facts_;
  std::vector<FactIndex> symbolFree_;
  // lookup only (never iterated): symbol id -> facts; expression id -> facts with it
  std::unordered_map<std::uint32_t, std::vector<FactIndex>> bySymbol_;
  std::unordered_map<std::uint32_t, std::vector<FactIndex>> byExpr_;

  // The components: a union-find (boost::disjoint_sets, union by rank, no path compression so
  // that a union is undone by restoring two entries) over the symbols of the facts, one vertex
  // per symbol ever seen (kept when its facts are dropped: a singleton again).
  std::unordered_map<std::uint32_t, Vertex> vertex_;  // symbol id -> vertex; lookup only
  std::vector<Vertex> parent_;
  std::vector<std::uint32_t> rank_;
  std::vector<std::vector<Vertex>> children_;  // the vertices linked under each one, in order
  std::vector<std::vector<FactIndex>> anchored_;  // the active facts whose first symbol it is
  std::vector<Link> links_;                       // every union of the active facts, in order
  std::vector<std::size_t> linksBefore_;          // per fact: links_.size() before it
};

}  // namespace symrange::solver
