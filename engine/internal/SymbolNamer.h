// engine/internal/SymbolNamer.h — names for fresh symbols: the annotation's name when it is a bare
// symbol not yet claimed (an item() annotated `Sym(u0)` defines `u0`), otherwise an invented `u<n>`
// (`zuf<n>` for floats, `b<n>` for booleans) that clashes with no name in the program.
//
// The report shows invented symbols under other names (display only: facts and verdicts never
// depend on them): PyTorch's own name, recovered from an `_assert_scalar` message
// (`Runtime assertion failed for expression u0 >= 2 on node 'ge'` names `u0` the value `ge`
// compares), else where the value comes from (`x.shape[0]`, `item`), never an invented `uN`
// that could be PyTorch's name for another value.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ops/OpSemantics.h"
#include "ir/Graph.h"

namespace symrange::engine {

class SymbolNamer final : public FreshSymbols {
 public:
  /// Reserves every symbol name that appears in `p` (annotations of every graph, trailers).
  explicit SymbolNamer(ir::Program& p);

  ir::ExprRef fresh(ir::ExprType type, ir::ExprRef hint) override;
  /// A fresh symbol named `base` if that name is free, else invented.
  ir::ExprRef freshNamed(ir::ExprType type, std::string_view base);
  /// Marks the symbols of `e` as defined (input symbols): no fresh symbol takes their names.
  void claim(ir::ExprRef e);

  /// Whether symbol name `name` stands for a value of the analysis (created or claimed).
  [[nodiscard]] bool isTaken(std::string_view name) const { return taken_.contains(name); }

  /// Every symbol created or claimed, in creation order.
  [[nodiscard]] const std::vector<ir::ExprRef>& symbols() const { return symbols_; }

  /// Where the symbols invented from now on come from (`x.shape[0]`, `item`), for display.
  void setSource(std::string source) { source_ = std::move(source); }
  /// The names the report shows for the invented symbols (invented name, shown name), given
  /// the value of every node: PyTorch's names from the assert messages of `p`, else sources.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> displayNames(
      const ir::Program& p, const std::map<const ir::Node*, SymValue>& values) const;

 private:
  ir::ExprRef invent(ir::ExprType type);
  ir::ExprContext& cx_;
  std::set<std::string, std::less<>> reserved_;
  std::set<std::string, std::less<>> taken_;
  std::vector<ir::ExprRef> symbols_;
  std::vector<std::pair<ir::ExprRef, std::string>> invented_;  // with their source
  std::string source_;
  unsigned next_[3] = {0, 0, 0};
};

}  // namespace symrange::engine
