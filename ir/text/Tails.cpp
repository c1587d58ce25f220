// ir/text/Tails.cpp — FX's last-use rule for `;  x = None` tails, and pruning of stored tails.
#include "ir/text/internal/Tails.h"


#include "ir/GraphAlgo.h"
#include "ir/PointerMap.h"

namespace symrange::ir {

std::string tailRuleName(TailRule r) {
  switch (r) {
    case TailRule::None: return "none";
    case TailRule::LastUse: return "fx";
    case TailRule::LastUseAndUnused: return "fx-self";
    case TailRule::Stored: return "stored";
  }
  return "none";
}

TailRule tailRuleFromName(const std::string& s) {
  if (s == "fx") return TailRule::LastUse;
  if (s == "fx-self") return TailRule::LastUseAndUnused;
  if (s == "stored") return TailRule::Stored;
  return TailRule::None;
}

FxFrees fxFrees(const Graph& g) {
  const auto& nodes = g.nodes();
  const std::size_t n = nodes.size();
  FxFrees out;
  out.lastUses.resize(n);
  out.unused.assign(n, true);
  PointerMap<std::size_t> index(n);  // lookups only
  for (std::size_t i = 0; i < n; ++i) index.insert(nodes[i].get(), i);
  // Walk backwards: the first time a value is seen used is its last use (FX's
  // register_last_uses), recorded in argument order.
  std::vector<bool> seen(n, false);
  for (std::size_t i = n; i-- > 0;) {
    nodes[i]->visitInputs([&](Node* in) {
      const std::size_t* at = index.find(in);
      if (!at) return;
      const std::size_t k = *at;
      out.unused[k] = false;
      if (seen[k]) return;
      seen[k] = true;
      out.lastUses[i].push_back(in);
    });
  }
  return out;
}

std::vector<const Node*> fxTail(const Graph& g, const FxFrees& frees, std::size_t i,
                                TailRule rule) {
  const Node* node = g.nodes()[i].get();
  if (node->op() == NodeOp::Placeholder || node->op() == NodeOp::Output) return {};
  if (rule != TailRule::LastUse && rule != TailRule::LastUseAndUnused) return {};
  std::vector<const Node*> out = frees.lastUses[i];
  if (rule == TailRule::LastUseAndUnused && frees.unused[i]) out.push_back(node);
  return out;
}

std::vector<std::vector<const Node*>> fxTails(const Graph& g, TailRule rule) {
  FxFrees frees = fxFrees(g);
  std::vector<std::vector<const Node*>> out(g.nodes().size());
  if (rule != TailRule::LastUse && rule != TailRule::LastUseAndUnused) return out;
  for (std::size_t i = 0; i < out.size(); ++i) {  // fxTail(g, frees, i, rule), moved
    const Node* node = g.nodes()[i].get();
    if (node->op() == NodeOp::Placeholder || node->op() == NodeOp::Output) continue;
    out[i] = std::move(frees.lastUses[i]);
    if (rule == TailRule::LastUseAndUnused && frees.unused[i]) out[i].push_back(node);
  }
  return out;
}

std::vector<std::vector<const Node*>> storedTails(const Graph& g) {
  UseDef ud(g);
  const auto& nodes = g.nodes();
  std::vector<std::vector<const Node*>> out(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (const Node* t : nodes[i]->style.tail) {
      auto at = ud.index(t);  // pointer compared only: erased nodes are simply not found
      if (!at || *at > i) continue;
      auto last = ud.lastUse(t);
      if (last && *last > i) continue;
      out[i].push_back(ud.nodes()[*at]);
    }
  }
  return out;
}

}  // namespace symrange::ir
