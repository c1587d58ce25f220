// engine/SymbolNamer.cpp — see SymbolNamer.h.
#include "engine/SymbolNamer.h"

namespace symrange::engine {

using ir::ExprRef;
using ir::ExprType;

SymbolNamer::SymbolNamer(ir::Program& p) : cx_(p.exprs()) {
  auto reserve = [&](ExprRef e) {
    if (!e) return;
    for (ExprRef s : ir::freeSymbols(e)) reserved_.insert(s->name());
  };
  for (const auto& gp : ir::allGraphs(p))
    for (const auto& n : gp.graph->nodes()) {
      if (!n->annotation) continue;
      reserve(n->annotation->sym);
      for (ExprRef d : n->annotation->shape) reserve(d);
    }
  if (p.rangeConstraints)
    for (const auto& r : *p.rangeConstraints) reserve(r.symbol);
}

void SymbolNamer::claim(ExprRef e) {
  for (ExprRef s : ir::freeSymbols(e)) {
    if (taken_.insert(s->name()).second) symbols_.push_back(s);
  }
}

ExprRef SymbolNamer::fresh(ExprType type, ExprRef hint) {
  if (hint && hint->isSymbol() && hint->type() == type && !taken_.contains(hint->name())) {
    taken_.insert(hint->name());
    symbols_.push_back(hint);
    return hint;
  }
  return invent(type);
}

ExprRef SymbolNamer::freshNamed(ExprType type, std::string_view base) {
  if (!base.empty() && !reserved_.contains(base) && !taken_.contains(base)) {
    ir::SymbolKind kind = type == ExprType::Float ? ir::SymbolKind::UnbackedFloat
                          : type == ExprType::Int ? ir::SymbolKind::Unbacked
                                                  : ir::SymbolKind::Other;
    ExprRef s = cx_.symbol(base, type, kind);
    taken_.insert(std::string(base));
    symbols_.push_back(s);
    return s;
  }
  return invent(type);
}

ExprRef SymbolNamer::invent(ExprType type) {
  const char* prefix = type == ExprType::Int ? "u" : type == ExprType::Float ? "zuf" : "b";
  ir::SymbolKind kind = type == ExprType::Int     ? ir::SymbolKind::Unbacked
                        : type == ExprType::Float ? ir::SymbolKind::UnbackedFloat
                                                  : ir::SymbolKind::Other;
  unsigned& n = next_[static_cast<int>(type)];
  for (;; ++n) {
    std::string name = prefix + std::to_string(n);
    if (reserved_.contains(name) || taken_.contains(name)) continue;
    ++n;
    ExprRef s = cx_.symbol(name, type, kind);
    taken_.insert(name);
    symbols_.push_back(s);
    return s;
  }
}

}  // namespace symrange::engine
