// solver/FactStore.cpp — facts, frames by truncation, slicing by symbol sharing.
#include "solver/FactStore.h"

#include <algorithm>
#include <unordered_set>

namespace symrange::solver {

FactIndex FactStore::add(ir::ExprRef expr, const std::string& label) {
  auto idx = static_cast<FactIndex>(facts_.size());
  Fact f{expr, label, ir::freeSymbols(expr)};
  for (ir::ExprRef s : f.symbols) bySymbol_[s->id()].push_back(idx);
  if (f.symbols.empty()) symbolFree_.push_back(idx);
  byExpr_[expr->id()].push_back(idx);
  facts_.push_back(std::move(f));
  return idx;
}

void FactStore::truncate(std::size_t n) {
  while (facts_.size() > n) {
    const Fact& f = facts_.back();
    for (ir::ExprRef s : f.symbols) bySymbol_[s->id()].pop_back();
    if (f.symbols.empty()) symbolFree_.pop_back();
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
  // lookup only, never iterated; sized by the slice, not by the store (a query costs its slice)
  std::unordered_set<std::uint32_t> seenSym;
  std::unordered_set<FactIndex> seenFact(symbolFree_.begin(), symbolFree_.end());
  std::vector<ir::ExprRef> work(symbols.begin(), symbols.end());
  while (!work.empty()) {
    ir::ExprRef s = work.back();
    work.pop_back();
    if (!seenSym.insert(s->id()).second) continue;
    for (FactIndex i : touching(s)) {
      if (!seenFact.insert(i).second) continue;
      out.push_back(i);
      for (ir::ExprRef t : facts_[i].symbols) work.push_back(t);
    }
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
