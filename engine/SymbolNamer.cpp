// engine/SymbolNamer.cpp — see internal/SymbolNamer.h.
#include "engine/internal/SymbolNamer.h"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "ir/Graph.h"
#include "ir/PointerMap.h"

namespace symrange::engine {

using ir::ExprRef;
using ir::ExprType;

SymbolNamer::SymbolNamer(ir::Program& p) : cx_(p.exprs()) {
  ir::PointerSet seen;  // expressions are interned: most dims recur on many nodes
  auto reserve = [&](ExprRef e) {
    if (!e || !seen.insert(e)) return;
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
    invented_.emplace_back(s, source_);
    return s;
  }
}

namespace {

// A comparison as PyTorch prints it in an assert message: `u0 >= 2`, `Eq(u0, 1)`, `Ne(u1, 0)`.
struct Comparison {
  std::string op;  // ">=", "<=", ">", "<", "==", "!="
  std::string lhs, rhs;
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Splits at the only top-level occurrence of `sep` (none inside brackets).
std::optional<std::pair<std::string_view, std::string_view>> splitTop(std::string_view s,
                                                                      std::string_view sep) {
  int depth = 0;
  std::optional<std::size_t> at;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '(' || c == '[') ++depth;
    else if (c == ')' || c == ']') --depth;
    else if (depth == 0 && s.substr(i, sep.size()) == sep) {
      if (at) return std::nullopt;
      at = i;
      i += sep.size() - 1;
    }
  }
  if (!at) return std::nullopt;
  return std::pair{trimmed(s.substr(0, *at)), trimmed(s.substr(*at + sep.size()))};
}

std::optional<Comparison> parseComparison(std::string_view e) {
  e = trimmed(e);
  for (std::string_view fn : {"Eq(", "Ne("}) {
    if (!e.starts_with(fn) || !e.ends_with(")")) continue;
    auto parts = splitTop(e.substr(3, e.size() - 4), ",");
    if (!parts) return std::nullopt;
    return Comparison{fn == "Eq(" ? "==" : "!=", std::string(parts->first), std::string(parts->second)};
  }
  for (std::string_view op : {">=", "<=", "==", "!="}) {
    if (auto parts = splitTop(e, op))
      return Comparison{std::string(op), std::string(parts->first), std::string(parts->second)};
  }
  for (std::string_view op : {">", "<"}) {
    if (e.find(std::string(op) + "=") != std::string_view::npos) continue;
    if (auto parts = splitTop(e, op))
      return Comparison{std::string(op), std::string(parts->first), std::string(parts->second)};
  }
  return std::nullopt;
}

// `u0`, `s12`, `zuf3`: a bare symbol name (letters, then digits).
bool isSymbolName(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  if (i == 0 || i == s.size()) return false;
  for (std::size_t k = i; k < s.size(); ++k)
    if (s[k] < '0' || s[k] > '9') return false;
  return true;
}

std::string flipped(const std::string& op) {
  if (op == ">=") return "<=";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == "<") return ">";
  return op;  // == and != are symmetric
}

// The comparison operator node `n` computes (`operator.ge` ...), or "".
std::string nodeComparison(const ir::Node& n) {
  static const std::pair<const char*, const char*> kOps[] = {
      {"ge", ">="}, {"le", "<="}, {"gt", ">"}, {"lt", "<"}, {"eq", "=="}, {"ne", "!="}};
  const std::string key = opKey(n);
  constexpr std::string_view kPrefix = "operator::";
  if (!std::string_view(key).starts_with(kPrefix)) return {};
  for (const auto& [name, op] : kOps)
    if (std::string_view(key).substr(kPrefix.size()) == name) return op;
  return {};
}

// `Runtime assertion failed for expression EXPR on node 'NAME'` -> (EXPR, NAME).
std::optional<std::pair<std::string, std::string>> assertMessage(const ir::Node& n) {
  // (every target whose key is aten::_assert_scalar names it: most nodes are out at once)
  if (n.target().find("_assert_scalar") == std::string::npos) return std::nullopt;
  if (opKey(n) != "aten::_assert_scalar") return std::nullopt;
  const ir::Argument* a = n.args.size() >= 2 ? &n.args[1] : n.kwarg("assert_msg");
  const auto* msg = a ? std::get_if<std::string>(&a->value) : nullptr;
  if (!msg) return std::nullopt;
  constexpr std::string_view kHead = "Runtime assertion failed for expression ";
  constexpr std::string_view kNode = " on node '";
  std::string_view m = *msg;
  if (!m.starts_with(kHead) || !m.ends_with("'")) return std::nullopt;
  std::size_t at = m.rfind(kNode);
  if (at == std::string_view::npos || at < kHead.size()) return std::nullopt;
  return std::pair{std::string(m.substr(kHead.size(), at - kHead.size())),
                   std::string(m.substr(at + kNode.size(), m.size() - 1 - at - kNode.size()))};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SymbolNamer::displayNames(
    const ir::Program& p, const std::map<const ir::Node*, SymValue>& values) const {
  ir::PointerSet invented(invented_.size());
  for (const auto& [s, source] : invented_) invented.insert(s);
  // Names the report must not give an invented symbol: every name of the program (reserved_)
  // and of the symbols the analysis named after it (usedToo).
  std::unordered_set<std::string> usedToo;
  auto used = [&](const std::string& name) { return reserved_.contains(name) || usedToo.contains(name); };
  for (ExprRef s : symbols_)
    if (!invented.contains(s)) usedToo.insert(s->name());
  // PyTorch's names, from the messages: the sides of the comparison the named node computes.
  std::map<ExprRef, std::string> recovered;
  std::unordered_set<std::string_view> recoveredNames;  // views of recovered's values
  for (const auto& gp : ir::allGraphs(p)) {
    // nodes by name, built once per graph (Graph::find is a linear search: once per assert
    // it made 10^5-node programs quadratic)
    ir::NameMap<const ir::Node*> byName;  // lookup only, built on first use
    for (const auto& up : gp.graph->nodes()) {
      auto message = assertMessage(*up);
      if (!message) continue;
      if (byName.empty()) {
        byName = ir::NameMap<const ir::Node*>(gp.graph->nodes().size());
        for (const auto& n : gp.graph->nodes()) byName.tryEmplace(n->name(), n.get());
      }
      auto cmp = parseComparison(message->first);
      const ir::Node* const* named = byName.find(message->second);
      const ir::Node* compared = named ? *named : nullptr;
      if (!cmp || !compared || compared->args.size() != 2) continue;
      const std::string op = nodeComparison(*compared);
      if (op.empty()) continue;
      const bool same = op == cmp->op, swapped = !same && flipped(op) == cmp->op;
      if (!same && !swapped) continue;
      const std::string* sides[2] = {&cmp->lhs, &cmp->rhs};
      if (swapped) std::swap(sides[0], sides[1]);
      // with two symbols on an equality PyTorch may have ordered them: ambiguous
      if ((op == "==" || op == "!=") && isSymbolName(cmp->lhs) && isSymbolName(cmp->rhs)) continue;
      for (std::size_t i = 0; i < 2; ++i) {
        if (!isSymbolName(*sides[i]) || used(*sides[i])) continue;
        const ir::Node* arg = compared->args[i].node();
        auto v = arg ? values.find(arg) : values.end();
        if (v == values.end() || !v->second.isScalar()) continue;
        ExprRef s = v->second.expr();
        if (!invented.contains(s) || recovered.contains(s)) continue;
        if (recoveredNames.contains(*sides[i])) continue;
        recoveredNames.insert(recovered.emplace(s, *sides[i]).first->second);
      }
    }
  }
  for (const auto& [s, name] : recovered) usedToo.insert(name);
  std::vector<std::pair<std::string, std::string>> out;
  std::unordered_map<std::string, int> nextSuffix;
  for (const auto& [s, source] : invented_) {
    auto r = recovered.find(s);
    std::string shown = r != recovered.end() ? r->second : source;
    if (shown.empty()) shown = s->name();
    if (r == recovered.end() && used(shown)) {
      // the first free `base#k`, k >= 2; the k taken before for `base` are still used, so the
      // search goes on from there (many symbols share a source: from 2 each time, quadratic)
      std::string base = shown;
      int& k = nextSuffix.try_emplace(base, 2).first->second;
      for (shown = base + "#" + std::to_string(k); used(shown);) shown = base + "#" + std::to_string(++k);
      ++k;
    }
    usedToo.insert(shown);
    if (shown != s->name()) out.emplace_back(s->name(), shown);
  }
  return out;
}

}  // namespace symrange::engine
