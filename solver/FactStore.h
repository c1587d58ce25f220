// solver/FactStore.h — the prover's facts in program order, with frames (scopes) and slicing:
// the facts that share symbols with a goal, transitively.
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
  /// Drops every fact from position `n` on (the facts of popped frames).
  void truncate(std::size_t n);

  [[nodiscard]] std::size_t size() const { return facts_.size(); }
  [[nodiscard]] const Fact& operator[](FactIndex i) const { return facts_[i]; }
  /// Active facts mentioning the symbol, ascending.
  [[nodiscard]] const std::vector<FactIndex>& touching(ir::ExprRef sym) const;
  /// The first active fact whose expression is `e`.
  [[nodiscard]] std::optional<FactIndex> firstWith(ir::ExprRef e) const;
  /// The facts sharing symbols with `symbols`, transitively (union-find over symbols by
  /// traversal), plus every symbol-free fact (a constant `False` fact concerns every goal).
  /// Ascending.
  [[nodiscard]] std::vector<FactIndex> slice(const std::vector<ir::ExprRef>& symbols) const;
  /// Every active fact, ascending.
  [[nodiscard]] std::vector<FactIndex> all() const;

 private:
  std::vector<Fact> facts_;
  std::vector<FactIndex> symbolFree_;
  // lookup only (never iterated): symbol id -> facts; expression id -> facts with it
  std::unordered_map<std::uint32_t, std::vector<FactIndex>> bySymbol_;
  std::unordered_map<std::uint32_t, std::vector<FactIndex>> byExpr_;
};

}  // namespace symrange::solver
