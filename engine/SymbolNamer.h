// engine/SymbolNamer.h — names for fresh symbols: the annotation's name when it is a bare symbol
// not yet claimed (an item() annotated `Sym(u0)` defines `u0`), otherwise an invented `u<n>`
// (`zuf<n>` for floats, `b<n>` for booleans) that clashes with no name in the program.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/OpSemantics.h"
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

 private:
  ir::ExprRef invent(ir::ExprType type);
  ir::ExprContext& cx_;
  std::set<std::string, std::less<>> reserved_;
  std::set<std::string, std::less<>> taken_;
  std::vector<ir::ExprRef> symbols_;
  unsigned next_[3] = {0, 0, 0};
};

}  // namespace symrange::engine
