// engine/Rewrite.cpp — see Rewrite.h.
#include "engine/Rewrite.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "engine/internal/DeadCode.h"
#include "engine/ops/OpSemantics.h"
#include "ir/GraphAlgo.h"
#include "ir/PointerMap.h"

namespace symrange::engine {

using ir::Argument;
using ir::ExprRef;
using ir::Graph;
using ir::Node;

namespace {

/// PyTorch-style unique name: `base` if free, else `prefix_<n+1>`, `prefix_<n+2>`, ... where
/// `base` is `prefix_<n>` (or `prefix` with n = 0). Example: sin -> sin_1, sin_1 -> sin_2.
std::string uniqueName(const std::string& base, const std::unordered_set<std::string>& used) {
  if (!used.contains(base)) return base;
  std::string prefix = base;
  long long n = 0;
  const auto us = base.rfind('_');
  if (us != std::string::npos && us + 1 < base.size() &&
      std::all_of(base.begin() + static_cast<long>(us) + 1, base.end(),
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      base.size() - us - 1 < 12) {
    prefix = base.substr(0, us);
    n = std::stoll(base.substr(us + 1));
  }
  for (long long k = n + 1;; ++k) {
    std::string cand = prefix + "_" + std::to_string(k);
    if (!used.contains(cand)) return cand;
  }
}

/// `text` with every whole-word occurrence of identifier `from` replaced by `to`.
/// Example: replaceWord("['cond', 'cond_1']", "cond", "sin") == "['sin', 'cond_1']".
std::string replaceWord(const std::string& text, const std::string& from, const std::string& to) {
  auto isWord = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t at = text.find(from, i);
    if (at == std::string::npos) break;
    const bool left = at == 0 || !isWord(text[at - 1]);
    const bool right = at + from.size() >= text.size() || !isWord(text[at + from.size()]);
    out.append(text, i, at - i);
    out += left && right ? to : from;
    i = at + from.size();
  }
  out.append(text, i, std::string::npos);
  return out;
}

Argument remapArg(const Argument& a, const std::function<std::optional<Argument>(Node*)>& f) {
  if (Node* n = a.node()) {
    if (auto r = f(n)) return *r;
    return a;
  }
  if (const Argument::List* l = a.list()) {
    Argument::List out;
    out.tuple = l->tuple;
    for (const auto& i : l->items) out.items.push_back(remapArg(i, f));
    return Argument{std::move(out)};
  }
  return a;
}

/// Whether `a` names `n` inside a Raw text (`slice(None, n, None)`, `n.shape`).
bool namedInRaw(const Argument& a, const Node* n) {
  if (const auto* r = std::get_if<Argument::Raw>(&a.value))
    return std::find(r->refs.begin(), r->refs.end(), n) != r->refs.end();
  if (const Argument::List* l = a.list())
    return std::any_of(l->items.begin(), l->items.end(),
                       [&](const Argument& i) { return namedInRaw(i, n); });
  return false;
}

bool namedInRaw(const Node& user, const Node* n) {
  return std::any_of(user.args.begin(), user.args.end(),
                     [&](const Argument& a) { return namedInRaw(a, n); }) ||
         std::any_of(user.kwargs.begin(), user.kwargs.end(),
                     [&](const auto& kv) { return namedInRaw(kv.second, n); });
}

/// Makes `users` (every node that uses `old`) use `repl` instead. A constant `repl` cannot
/// stand in a Raw text: the caller has checked that no user names `old` there.
void replaceAllUses(const std::vector<Node*>& users, const Node* old, const Argument& repl) {
  for (Node* u : users) {
    if (Node* r = repl.node()) {
      u->replaceInput(old, r);
      continue;
    }
    auto f = [&](Node* n) -> std::optional<Argument> {
      if (n == old) return repl;
      return std::nullopt;
    };
    for (auto& a : u->args) a = remapArg(a, f);
    for (auto& [k, a] : u->kwargs) a = remapArg(a, f);
  }
}

std::unique_ptr<Node> copyNode(const Node& n, std::string name,
                               const std::function<std::optional<Argument>(Node*)>& f) {
  auto c = std::make_unique<Node>(std::move(name), n.op(), n.target());
  for (const auto& a : n.args) c->args.push_back(remapArg(a, f));
  for (const auto& [k, a] : n.kwargs) c->kwargs.emplace_back(k, remapArg(a, f));
  c->annotation = n.annotation;
  c->style = n.style;
  c->style.indent = -1;  // printed at its new depth
  c->loc = n.loc;
  return c;
}

class Rewriter {
 public:
  Rewriter(ir::Program& p, const AnalysisResult& r, solver::Prover& prover)
      : p_(p), r_(r), prover_(prover), pure_(r.pure.size()) {
    for (const Node* n : r.pure) pure_.insert(n);
  }

  RewriteSummary run() {
    s_.checkRemoved.assign(r_.checks.size(), false);
    s_.branchPruned.assign(r_.branches.size(), false);
    ir::PointerMap<Graph*> owner(r_.nodesIn);
    for (const auto& gp : ir::allGraphs(p_)) {
      const auto& nodes = gp.graph->nodes();
      for (const auto& n : nodes) {
        owner.insert(n.get(), gp.graph);
        if (n->op() == ir::NodeOp::GetAttr) referencedBefore_.emplace(gp.graph, n->target());
      }
      const std::vector<bool> live = liveNodes(*gp.graph, [&](const Node& x) { return isRoot(x); });
      for (std::size_t i = 0; i < nodes.size(); ++i)
        if (live[i]) liveBefore_.insert(nodes[i].get());
    }
    const std::vector<std::string> outputsBefore = rootOutputNames();
    // 1. redundant checks go (size-like constraints stay)
    std::map<Graph*, ir::PointerMap<std::size_t>> removableChecks;
    for (std::size_t i = 0; i < r_.checks.size(); ++i) {
      const CheckResult& c = r_.checks[i];
      if (!c.removable()) continue;
      if (Graph* const* g = owner.find(c.node)) removableChecks[*g].insert(c.node, i);
    }
    for (auto& [g, checks] : removableChecks) removeChecks(*g, checks);
    // 2. decided conds become their live branch, innermost graphs first
    auto graphs = ir::allGraphs(p_);
    for (auto it = graphs.rbegin(); it != graphs.rend(); ++it) {
      Graph& g = *it->graph;
      std::vector<Node*> conds;
      for (const auto& n : g.nodes()) {
        auto b = r_.branchIndex.find(n.get());
        if (b == r_.branchIndex.end()) continue;
        const BranchResult& br = r_.branches[b->second];
        if (br.decided() && br.bodiesFound) conds.push_back(n.get());
      }
      if (conds.empty()) continue;
      GraphEdit edit(g);
      for (Node* n : conds) {
        const std::size_t idx = r_.branchIndex.at(n);
        if (inlineCond(edit, *n, r_.branches[idx])) {
          s_.branchPruned[idx] = true;
          ++s_.branchesPruned;
        }
      }
      eraseNodes(g, edit.erased, std::move(edit.inserts));
    }
    // 3. nodes left dead go, 4. then sub-graphs no longer referenced
    for (const auto& gp : ir::allGraphs(p_)) removeDead(*gp.graph);
    removeUnreferenced(*p_.root);
    // 5. the trailers
    if (p_.rangeConstraints) recomputeTrailer();
    renameOutputsInSignature(outputsBefore);
    for (const auto& gp : ir::allGraphs(p_)) s_.nodesOut += gp.graph->nodes().size();
    return std::move(s_);
  }

 private:
  /// The pending edits of one graph while its decided conds are inlined, applied in one pass
  /// at the end (ir::Graph::splice). Users come from a UseDef of the graph as it was before:
  /// inlining a cond only rewires the users of that cond and of its getitems, which all come
  /// after it, so the users of a later cond, of its getitems and of its get_attr nodes are
  /// still the ones recorded.
  struct GraphEdit {
    explicit GraphEdit(Graph& graph) : g(graph), ud(graph) {
      names.reserve(g.nodes().size());
      for (const auto& n : g.nodes()) {
        names.insert(n->name());
        if (n->op() == ir::NodeOp::GetAttr) getAttrs[n->target()].push_back(n.get());
      }
      for (const auto& [a, sub] : g.subgraphs) attrs.insert(a);
    }
    Graph& g;
    ir::UseDef ud;
    std::unordered_set<std::string> names;  // of the nodes the graph will have
    std::unordered_set<std::string> attrs;  // of its sub-graphs
    std::map<std::string, std::vector<const Node*>> getAttrs;
    std::unordered_map<const Node*, std::vector<std::unique_ptr<Node>>> inserts;
    std::vector<const Node*> erased;

    void erase(const Node* n) {
      erased.push_back(n);
      names.erase(n->name());
    }
  };

  /// Erases `dead` from `g` (inserting `inserts` on the way) and forgets those nodes: a later
  /// node may be allocated at the same address.
  void eraseNodes(Graph& g, const std::vector<const Node*>& dead,
                  std::unordered_map<const Node*, std::vector<std::unique_ptr<Node>>> inserts = {}) {
    if (dead.empty() && inserts.empty()) return;
    ir::PointerSet gone(dead.size());
    for (const Node* n : dead) {
      pure_.erase(n);
      liveBefore_.erase(n);
      copies_.erase(n);
      gone.insert(n);
    }
    g.splice(std::move(inserts), [&](const Node& n) { return gone.contains(&n); });
  }

  /// Erases the removable checks of `g` (node -> index in r_.checks) that nothing uses but
  /// other erased checks; users are decided first (reverse program order).
  void removeChecks(Graph& g, const ir::PointerMap<std::size_t>& checks) {
    const ir::UseDef ud(g);
    ir::PointerSet dead(checks.size());
    std::vector<const Node*> erased;
    for (auto it = ud.nodes().rbegin(); it != ud.nodes().rend(); ++it) {
      const std::size_t* c = checks.find(*it);
      if (!c) continue;
      const auto& users = ud.users(*it);
      if (!std::all_of(users.begin(), users.end(), [&](const Node* u) { return dead.contains(u); }))
        continue;
      dead.insert(*it);
      erased.push_back(*it);
      s_.checkRemoved[*c] = true;
      ++s_.checksRemoved;
    }
    eraseNodes(g, erased);
  }

  /// Kept whatever happens: side effects, checks, placeholders, the output.
  bool isRoot(const Node& n) const {
    return n.op() == ir::NodeOp::Placeholder || n.op() == ir::NodeOp::Output || !pure_.contains(&n);
  }

  /// Removable when dead: pure, and live before the rewrite (or created by it) — a node that
  /// was already dead in the input is left as it was.
  bool removable(const Node& n) const {
    if (isRoot(n)) return false;
    return liveBefore_.contains(&n) || copies_.contains(&n);
  }

  void removeDead(Graph& g) {
    const std::vector<bool> live = liveNodes(g, [&](const Node& n) { return !removable(n); });
    std::vector<const Node*> dead;
    for (std::size_t i = 0; i < live.size(); ++i)
      if (!live[i]) dead.push_back(g.nodes()[i].get());
    s_.nodesRemoved += dead.size();
    eraseNodes(g, dead);
  }

  void removeUnreferenced(Graph& g) {
    std::set<std::string> refs;
    for (const auto& n : g.nodes())
      if (n->op() == ir::NodeOp::GetAttr) refs.insert(n->target());
    auto& subs = g.subgraphs;
    for (auto it = subs.begin(); it != subs.end();) {
      if (!refs.contains(it->first) && referencedBefore_.contains({&g, it->first})) {
        it = subs.erase(it);
        ++s_.subgraphsRemoved;
      } else {
        ++it;
      }
    }
    for (auto& [attr, sub] : subs)
      if (sub) removeUnreferenced(*sub);
  }

  /// Whether exactly one get_attr node names `attr`, and `cond` alone uses it.
  static bool usedOnlyBy(const GraphEdit& e, const std::string& attr, const Node& cond) {
    auto it = e.getAttrs.find(attr);
    if (it == e.getAttrs.end() || it->second.size() != 1) return false;
    const auto& users = e.ud.users(it->second.front());
    return std::all_of(users.begin(), users.end(), [&](const Node* u) { return u == &cond; });
  }

  /// Replaces `cond` by the live branch inlined before it. Returns false (and changes nothing)
  /// when that cannot be done faithfully.
  bool inlineCond(GraphEdit& e, Node& cond, const BranchResult& b) {
    Graph& g = e.g;
    const std::string& liveAttr = b.verdict == CondVerdict::True ? b.trueAttr : b.falseAttr;
    Graph* body = g.subgraph(liveAttr);
    if (!body || !usedOnlyBy(e, liveAttr, cond)) return false;
    // operands, placeholders, output
    std::vector<Argument> operands;
    const Argument* opsA = cond.args.size() > 3 ? &cond.args[3] : cond.kwarg("operands");
    if (opsA) {
      if (const Argument::List* l = opsA->list()) operands = l->items;
      else if (!opsA->isNone()) operands.push_back(*opsA);
    }
    std::vector<const Node*> placeholders;
    const Node* output = nullptr;
    for (const auto& n : body->nodes()) {
      if (n->op() == ir::NodeOp::Placeholder) placeholders.push_back(n.get());
      if (n->op() == ir::NodeOp::Output) output = n.get();
    }
    if (!output || output->args.empty() || placeholders.size() > operands.size()) return false;
    const bool outIsList = output->args.size() > 1 || output->args[0].list() != nullptr;
    const std::size_t outCount =
        output->args.size() > 1 ? output->args.size()
                                : (output->args[0].list() ? output->args[0].list()->items.size() : 1);
    auto item = [](const Node* out, std::size_t k) -> const Argument& {
      return out->args.size() > 1 ? out->args[k] : out->args[0].list()->items[k];
    };
    // Whether output item `k` (or the whole output) is a node once inlined: a Raw text that
    // names the replaced node can only be re-spelled with another node.
    auto becomesNode = [&](const Argument& a) {
      const Node* n = a.node();
      if (!n) return false;
      auto ph = std::find(placeholders.begin(), placeholders.end(), n);
      return ph == placeholders.end() ||
             operands[static_cast<std::size_t>(ph - placeholders.begin())].node() != nullptr;
    };
    auto rawSafe = [&](const Node* replaced, const Argument& by) {
      if (becomesNode(by)) return true;
      const auto& users = e.ud.users(replaced);
      return std::none_of(users.begin(), users.end(),
                          [&](const Node* u) { return namedInRaw(*u, replaced); });
    };
    // every user must be rewirable
    std::vector<std::pair<Node*, std::size_t>> getitems;
    for (Node* u : e.ud.users(&cond)) {
      if (!outIsList) continue;
      if (opKey(*u) != "operator::getitem" || u->args.size() != 2 || u->args[0].node() != &cond)
        return false;
      auto k = u->args[1].intValue();
      if (!k) return false;
      std::int64_t j = *k < 0 ? *k + static_cast<std::int64_t>(outCount) : *k;
      if (j < 0 || j >= static_cast<std::int64_t>(outCount)) return false;
      if (!rawSafe(u, item(output, static_cast<std::size_t>(j)))) return false;
      getitems.emplace_back(u, static_cast<std::size_t>(j));
    }
    if (!outIsList && !rawSafe(&cond, output->args[0])) return false;

    // copy the body before the cond
    std::map<const Node*, Argument> map;
    for (std::size_t i = 0; i < placeholders.size(); ++i) map.emplace(placeholders[i], operands[i]);
    auto f = [&](Node* n) -> std::optional<Argument> {
      auto it = map.find(n);
      if (it == map.end()) return std::nullopt;
      return it->second;
    };
    for (const auto& up : body->nodes()) {
      const Node& n = *up;
      if (n.op() == ir::NodeOp::Placeholder || n.op() == ir::NodeOp::Output) continue;
      const std::string name = uniqueName(n.name(), e.names);
      e.names.insert(name);
      auto c = copyNode(n, name, f);
      if (n.op() == ir::NodeOp::GetAttr) {
        moveSubgraph(*body, g, n.target(), *c, e.attrs);
        e.getAttrs[c->target()].push_back(c.get());
      }
      if (pure_.contains(&n)) pure_.insert(c.get());
      copies_.insert(c.get());
      map.emplace(&n, Argument{c.get()});
      e.inserts[&cond].push_back(std::move(c));
    }
    // rewire the users to the branch's outputs
    if (outIsList) {
      for (auto& [u, k] : getitems) {
        replaceAllUses(e.ud.users(u), u, remapArg(item(output, k), f));
        e.erase(u);
      }
    } else {
      replaceAllUses(e.ud.users(&cond), &cond, remapArg(output->args[0], f));
    }
    e.erase(&cond);
    return true;
  }

  /// Moves sub-graph `attr` of `from` into `to` for the copied get_attr node `c`, renaming the
  /// attribute (and the node's target) when `to` already has one of that name.
  void moveSubgraph(Graph& from, Graph& to, const std::string& attr, Node& c,
                    std::unordered_set<std::string>& attrs) {
    auto it = std::find_if(from.subgraphs.begin(), from.subgraphs.end(),
                           [&](const auto& e) { return e.first == attr; });
    if (it == from.subgraphs.end()) return;
    std::unique_ptr<Graph> sub = std::move(it->second);
    from.subgraphs.erase(it);
    const std::string newAttr = uniqueName(attr, attrs);
    attrs.insert(newAttr);
    if (newAttr != attr) {
      sub = renamedGraph(*sub, newAttr);
      c.setTarget(newAttr);
    }
    resetLayout(*sub);
    referencedBefore_.emplace(&to, newAttr);
    to.subgraphs.emplace_back(newAttr, std::move(sub));
  }

  /// A graph moved to another depth is printed in the writer's default layout.
  static void resetLayout(Graph& g) {
    g.style = ir::NodeStyle{};
    g.style.leadingLines = {""};  // a blank line before the class, as PyTorch prints it
    for (const auto& n : g.nodes()) n->style.indent = -1;
    for (auto& [attr, sub] : g.subgraphs)
      if (sub) resetLayout(*sub);
  }

  /// A copy of `src` under another attribute name (its own sub-graphs move along).
  std::unique_ptr<Graph> renamedGraph(Graph& src, const std::string& name) {
    auto g = std::make_unique<Graph>(name);
    g->className = src.className == src.name() ? name : src.className;
    g->style = src.style;
    std::map<const Node*, Node*> map;
    auto f = [&](Node* n) -> std::optional<Argument> {
      auto it = map.find(n);
      if (it == map.end()) return std::nullopt;
      return Argument{it->second};
    };
    for (const auto& up : src.nodes()) {
      auto c = copyNode(*up, up->name(), f);
      c->style.indent = up->style.indent;
      if (pure_.contains(up.get())) pure_.insert(c.get());
      if (liveBefore_.contains(up.get())) liveBefore_.insert(c.get());
      copies_.insert(c.get());
      Node& placed = g->append(std::move(c));
      map.emplace(up.get(), &placed);
    }
    for (const auto& up : src.nodes()) {  // `src` dies with the caller's pointer
      pure_.erase(up.get());
      liveBefore_.erase(up.get());
      copies_.erase(up.get());
    }
    for (auto& [a, sub] : src.subgraphs) {
      referencedBefore_.emplace(g.get(), a);
      g->subgraphs.emplace_back(a, std::move(sub));
    }
    return g;
  }

  /// Names of the nodes the root graph returns, position by position ("" for constants).
  std::vector<std::string> rootOutputNames() const {
    std::vector<std::string> names;
    for (const auto& n : p_.root->nodes()) {
      if (n->op() != ir::NodeOp::Output) continue;
      std::function<void(const Argument&)> visit = [&](const Argument& a) {
        if (const Argument::List* l = a.list()) {
          for (const auto& i : l->items) visit(i);
        } else {
          names.push_back(a.node() ? a.node()->name() : "");
        }
      };
      for (const auto& a : n->args) visit(a);
    }
    return names;
  }

  /// The graph signature names the outputs: an output replaced by the rewrite (a pruned cond's
  /// result now computed by an inlined node) is renamed there too.
  void renameOutputsInSignature(const std::vector<std::string>& before) {
    if (!p_.graphSignature) return;
    const std::vector<std::string> after = rootOutputNames();
    if (after.size() != before.size()) return;
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (before[i].empty() || after[i].empty() || before[i] == after[i]) continue;
      auto isIdent = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
        });
      };
      if (!isIdent(before[i]) || !isIdent(after[i])) continue;
      *p_.graphSignature = replaceWord(*p_.graphSignature, before[i], after[i]);
    }
  }

  void recomputeTrailer() {
    // symbols still used: annotations and values of the remaining nodes
    std::set<ExprRef, ir::ExprIdLess> used, named;
    // expressions are interned and recur on many nodes: each is taken apart once (once more
    // when it is first seen in a value, then in an annotation)
    ir::PointerSet seenInAnnotation, seenInValue;
    auto use = [&](ExprRef e, bool inAnnotation = false) {
      if (!e) return;
      if (inAnnotation ? !seenInAnnotation.insert(e)
                       : seenInAnnotation.contains(e) || !seenInValue.insert(e))
        return;
      for (ExprRef s : ir::freeSymbols(e))
        if (s->type() == ir::ExprType::Int) {
          used.insert(s);
          if (inAnnotation) named.insert(s);
        }
    };
    for (const auto& gp : ir::allGraphs(p_)) {
      for (const auto& n : gp.graph->nodes()) {
        if (n->annotation) {
          use(n->annotation->sym, true);
          for (ExprRef d : n->annotation->shape) use(d, true);
        }
        auto it = r_.values.find(n.get());
        if (it == r_.values.end() || copies_.contains(n.get())) continue;
        const SymValue& v = it->second;
        if (v.isScalar()) use(v.expr());
        if (v.isTensor())
          for (ExprRef d : v.tensor()->dims) use(d);
      }
    }
    const std::vector<ir::RangeEntry> old = *p_.rangeConstraints;
    std::unordered_map<ExprRef, const ir::RangeEntry*> oldEntry;  // the last one of a symbol
    for (const auto& e : old)
      if (e.symbol) oldEntry[e.symbol] = &e;
    // the symbols in their old order, then the new ones
    std::vector<ExprRef> order;
    std::unordered_set<ExprRef> ordered;
    // an expression key (torch 2.1/2.2: `s0 + 1`, a Dim derived from another) stays as it was
    // while every symbol in it is still used
    auto keep = [&](ExprRef k) {
      if (k->isSymbol()) return used.contains(k);
      const auto syms = ir::freeSymbols(k);
      return !syms.empty() && std::all_of(syms.begin(), syms.end(),
                                          [&](ExprRef s) { return used.contains(s); });
    };
    for (const auto& e : old)
      if (e.symbol && keep(e.symbol) && ordered.insert(e.symbol).second)
        order.push_back(e.symbol);
    for (ExprRef s : named)  // new entries only for symbols the printed program names
      if (ordered.insert(s).second) order.push_back(s);
    std::unordered_map<ExprRef, const solver::Range*> reported;  // by the analysis
    for (const auto& [sym, r] : r_.ranges) reported.emplace(sym, &r);
    std::vector<ir::RangeEntry> entries;
    for (ExprRef s : order) {
      auto was = oldEntry.find(s);
      const ir::RangeEntry* before = was == oldEntry.end() ? nullptr : was->second;
      if (!s->isSymbol()) {
        entries.push_back(*before);
        continue;
      }
      auto known = reported.find(s);
      const solver::Range range = known != reported.end() ? *known->second : prover_.range(s);
      if (range.empty) {  // nothing holds at the end (a check always fails): keep what was there
        if (before) entries.push_back(*before);
        continue;
      }
      // An input symbol's entry is never loosened: ExportedProgram's entry check enforces it,
      // and the printed program must not check less than the original did.
      ir::RangeEntry e;
      e.symbol = s;
      e.lo = range.lo;
      e.hi = range.hi;
      const bool input = before && r_.inputSymbols.contains(s);
      const bool loKept = input && before->lo && (!e.lo || *before->lo >= *e.lo);
      const bool hiKept = input && before->hi && (!e.hi || *before->hi <= *e.hi);
      if (loKept) e.lo = before->lo;
      if (hiKept) e.hi = before->hi;
      const bool vr = p_.rangeSpelling == ir::RangeSpelling::VR;
      if (loKept) e.loText = before->loText;
      else if (e.lo) e.loText = std::to_string(*e.lo);
      else e.loText = before && !before->lo ? before->loText : (vr ? "-int_oo" : "-oo");
      if (hiKept) e.hiText = before->hiText;
      else if (e.hi) e.hiText = std::to_string(*e.hi);
      else e.hiText = before && !before->hi ? before->hiText : (vr ? "int_oo" : "oo");
      if (e.lo && e.hi && *e.lo > *e.hi) {  // the two disagree: keep what was there
        entries.push_back(*before);
        continue;
      }
      entries.push_back(std::move(e));
    }
    p_.rangeConstraints = std::move(entries);
    s_.trailerRecomputed = true;
  }

  ir::Program& p_;
  const AnalysisResult& r_;
  solver::Prover& prover_;
  ir::PointerSet pure_;
  ir::PointerSet liveBefore_;
  ir::PointerSet copies_;
  std::set<std::pair<const Graph*, std::string>> referencedBefore_;
  RewriteSummary s_;
};

}  // namespace

RewriteSummary rewriteProgram(ir::Program& p, const AnalysisResult& r, solver::Prover& prover) {
  Rewriter w(p, r, prover);
  return w.run();
}

}  // namespace symrange::engine
