// tests/ir/test_graph.cpp — the Graph API (edits, uses, argument traversal), the Boost.Graph
// algorithms of ir/GraphAlgo.h (use-def, topological order, reachability, dependency slices)
// and FX's last-use rule for `;  x = None` tails.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/GraphAlgo.h"
#include "ir/PointerMap.h"
#include "ir/text/Reader.h"
#include "ir/text/internal/Tails.h"

using namespace symrange::ir;

namespace {

Node& add(Graph& g, const std::string& name, NodeOp op, const std::string& target,
          std::vector<Argument> args = {}) {
  auto n = std::make_unique<Node>(name, op, target);
  n->args = std::move(args);
  return g.append(std::move(n));
}

std::vector<std::string> names(const std::vector<Node*>& ns) {
  std::vector<std::string> out;
  for (const Node* n : ns) out.push_back(n ? n->name() : "<null>");
  return out;
}

std::vector<std::string> names(const std::vector<const Node*>& ns) {
  std::vector<std::string> out;
  for (const Node* n : ns) out.push_back(n->name());
  return out;
}

// x -> a = x + 1 -> b = a * 2 -> c = neg(x) (dead) -> out(b); slice raw refers to a.
struct Small {
  Graph g{"forward"};
  Node* x;
  Node* a;
  Node* b;
  Node* c;
  Node* s;
  Node* out;
  Small() {
    x = &add(g, "x", NodeOp::Placeholder, "x");
    a = &add(g, "a", NodeOp::CallFunction, "operator.add", {Argument{x}, Argument{std::int64_t{1}}});
    b = &add(g, "b", NodeOp::CallFunction, "operator.mul", {Argument{a}, Argument{std::int64_t{2}}});
    c = &add(g, "c", NodeOp::CallFunction, "operator.neg", {Argument{x}});
    Argument::Raw raw{"slice(None, a, None)"};
    raw.refs.push_back(a);
    raw.refNames.push_back("a");
    s = &add(g, "s", NodeOp::CallFunction, "operator.getitem", {Argument{x}, Argument{raw}});
    Argument::List tuple;
    tuple.tuple = true;
    tuple.items = {Argument{b}, Argument{s}};
    out = &add(g, "output", NodeOp::Output, "output", {Argument{tuple}});
  }
};

}  // namespace

TEST_CASE("graph: inputs, users, find, replaceAllUsesWith, erase") {
  Small t;
  CHECK(names(t.s->inputs()) == std::vector<std::string>{"x", "a"});  // Raw refs count
  CHECK(names(t.out->inputs()) == std::vector<std::string>{"b", "s"});
  CHECK(names(t.g.users(t.x)) == std::vector<std::string>{"a", "c", "s"});
  CHECK(names(t.g.users(t.a)) == std::vector<std::string>{"b", "s"});
  CHECK(t.g.find("c") == t.c);
  CHECK(t.g.find("nope") == nullptr);

  // a new node d = x + 1 replaces a everywhere (Raw refs included)
  auto d = std::make_unique<Node>("d", NodeOp::CallFunction, "operator.add");
  d->args = {Argument{t.x}, Argument{std::int64_t{1}}};
  Node& dn = t.g.insertBefore(t.a, std::move(d));
  CHECK(t.g.replaceAllUsesWith(t.a, &dn) == 2);
  CHECK(t.g.users(t.a).empty());
  CHECK(names(t.s->inputs()) == std::vector<std::string>{"x", "d"});
  t.g.erase(t.a);
  CHECK(t.g.find("a") == nullptr);
  CHECK(t.g.nodes().size() == 6);
  CHECK(t.g.nodes()[1].get() == &dn);

  // eraseIf removes the dead node in one pass
  CHECK(t.g.eraseIf([&](const Node& n) { return &n == t.c; }) == 1);
  CHECK(t.g.nodes().size() == 5);
}

TEST_CASE("graph: splice inserts and erases in one pass") {
  Small t;
  std::unordered_map<const Node*, std::vector<std::unique_ptr<Node>>> before;
  auto d = std::make_unique<Node>("d", NodeOp::CallFunction, "operator.neg");
  d->args = {Argument{t.x}};
  auto e = std::make_unique<Node>("e", NodeOp::CallFunction, "operator.neg");
  e->args = {Argument{d.get()}};
  before[t.c].push_back(std::move(d));
  before[t.c].push_back(std::move(e));
  CHECK(t.g.splice(std::move(before), [&](const Node& n) { return &n == t.c; }) == 1);
  std::vector<std::string> order;
  for (const auto& n : t.g.nodes()) order.push_back(n->name());
  CHECK(order == std::vector<std::string>{"x", "a", "b", "d", "e", "s", "output"});
  // nothing to do is fine
  CHECK(t.g.splice({}, [](const Node&) { return false; }) == 0);
  CHECK(t.g.nodes().size() == 7);
}

TEST_CASE("PointerMap: inserts, finds and erases like a hash map, across growth and collisions") {
  // addresses 16 bytes apart, many of them: long probe runs, wrap-around, several growths
  std::vector<std::uint64_t> cells(4000);
  auto key = [&](std::size_t i) { return static_cast<const void*>(&cells[i]); };
  PointerMap<std::size_t> m;
  std::unordered_map<const void*, std::size_t> ref;
  std::uint64_t x = 12345;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int step = 0; step < 40000; ++step) {
    const std::size_t i = next() % cells.size();
    switch (next() % 3) {
      case 0: CHECK(m.insert(key(i), i * 7) == ref.emplace(key(i), i * 7).second); break;
      case 1: CHECK(m.erase(key(i)) == (ref.erase(key(i)) == 1)); break;
      default: {
        const std::size_t* v = m.find(key(i));
        auto it = ref.find(key(i));
        REQUIRE((v != nullptr) == (it != ref.end()));
        if (v) CHECK(*v == it->second);
      }
    }
  }
  CHECK(m.size() == ref.size());
  for (std::size_t i = 0; i < cells.size(); ++i) CHECK(m.contains(key(i)) == ref.contains(key(i)));
  CHECK_FALSE(m.contains(nullptr));
  CHECK_FALSE(m.erase(nullptr));
  PointerSet s;
  CHECK(s.insert(key(1)));
  CHECK_FALSE(s.insert(key(1)));
  CHECK(s.erase(key(1)));
  CHECK(s.empty());
}

TEST_CASE("NameMap: inserts, finds and erases like a hash map of names, across growth") {
  std::vector<std::string> names;
  for (int i = 0; i < 3000; ++i) names.push_back((i % 3 ? "node_" : "u") + std::to_string(i));
  names.push_back("");  // an empty name is a key like any other
  NameMap<int> m;
  std::unordered_map<std::string, int> ref;
  std::uint64_t x = 99;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int step = 0; step < 30000; ++step) {
    const std::string& k = names[next() % names.size()];
    switch (next() % 3) {
      case 0: CHECK(m.tryEmplace(k, step).second == ref.emplace(k, step).second); break;
      case 1: CHECK(m.erase(k) == (ref.erase(k) == 1)); break;
      default: {
        const int* v = m.find(k);
        auto it = ref.find(k);
        REQUIRE((v != nullptr) == (it != ref.end()));
        if (v) CHECK(*v == it->second);
      }
    }
  }
  CHECK(m.size() == ref.size());
  for (const std::string& k : names) CHECK(m.contains(k) == ref.contains(k));
}

TEST_CASE("graph algorithms: use-def, topological order, reachability") {
  Small t;
  UseDef ud(t.g);
  CHECK(ud.index(t.b) == 2);
  CHECK(names(ud.users(t.x)) == std::vector<std::string>{"a", "c", "s"});
  CHECK(ud.lastUse(t.a) == 4);
  CHECK_FALSE(ud.lastUse(t.c));
  Node other("zzz", NodeOp::Placeholder, "zzz");
  CHECK_FALSE(ud.index(&other));
  CHECK(ud.users(&other).empty());

  auto topo = topologicalOrder(t.g);
  REQUIRE(topo);
  CHECK(names(*topo) == std::vector<std::string>{"x", "a", "b", "c", "s", "output"});

  // dead-code removal: keep what the output needs
  std::vector<const Node*> roots{t.out};
  CHECK(names(reachableBackward(t.g, roots)) ==
        std::vector<std::string>{"x", "a", "b", "s", "output"});
  std::vector<const Node*> fromA{t.a};
  CHECK(names(reachableForward(t.g, fromA)) == std::vector<std::string>{"a", "b", "s", "output"});
  std::vector<const Node*> none;
  CHECK(reachableBackward(t.g, none).empty());
  // the same reachability as a mask over the nodes, roots by predicate
  const std::vector<bool> live =
      reachedBackward(t.g, [&](const Node& n) { return &n == t.out; });
  std::vector<std::string> liveNames;
  for (std::size_t i = 0; i < live.size(); ++i)
    if (live[i]) liveNames.push_back(t.g.nodes()[i]->name());
  CHECK(liveNames == std::vector<std::string>{"x", "a", "b", "s", "output"});
  CHECK(live.size() == t.g.nodes().size());

  // out of program order (an engine inserted a use before its definition): still sorted
  Graph g("forward");
  Node& p = add(g, "p", NodeOp::Placeholder, "p");
  Node& u = add(g, "u", NodeOp::CallFunction, "operator.neg");
  Node& v = add(g, "v", NodeOp::CallFunction, "operator.neg", {Argument{&p}});
  u.args = {Argument{&v}};
  add(g, "output", NodeOp::Output, "output", {Argument{&u}});
  auto order = topologicalOrder(g);
  REQUIRE(order);
  auto pos = [&](const char* n) {
    for (std::size_t i = 0; i < order->size(); ++i)
      if ((*order)[i]->name() == n) return i;
    return order->size();
  };
  CHECK(pos("p") < pos("v"));
  CHECK(pos("v") < pos("u"));
  CHECK(pos("u") < pos("output"));
  // a cycle has no order
  v.args = {Argument{&u}};
  CHECK_FALSE(topologicalOrder(g));
}

TEST_CASE("graph: allGraphs paths, root first, then sub-graphs depth-first") {
  auto p = readProgramFile(std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/samples/E10.txt");
  std::vector<std::string> paths;
  for (const auto& gp : allGraphs(*p)) paths.push_back(gp.path);
  CHECK(paths == std::vector<std::string>{"forward", "wrap_body_1", "wrap_body_1/wrap_body_0"});
  CHECK(p->root->name() == "forward");
  REQUIRE(p->root->subgraph("wrap_body_1"));
  CHECK(p->root->subgraph("wrap_body_1")->name() == "wrap_body_1");
}

TEST_CASE("graph algorithms: dependency slice across a program's graphs, with extra edges") {
  auto p = readProgramFile(std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/samples/E10.txt");
  const Graph* inner = p->root->subgraph("wrap_body_1")->subgraph("wrap_body_0");
  REQUIRE(inner);
  const Node* add = inner->find("add");
  REQUIRE(add);
  const Node* const roots[] = {add};
  // the data flow alone stays inside wrap_body_0
  auto none = [](const Node*, const std::function<void(const Node*)>&) {};
  CHECK(names(dependencySlice(*p, roots, none)) ==
        std::vector<std::string>{"d", "x", "sum_1", "add"});
  // an extra edge (as a check's facts are for the DOT view): wrap_body_0's `d` depends on the
  // root's `d`, so the root's nodes computing it join (the inputs `l_x_ = L_x_` names), in
  // program order, the root graph first
  const Node* innerD = inner->find("d");
  const Node* rootD = p->root->find("d");
  auto passedIn = [&](const Node* n, const std::function<void(const Node*)>& dep) {
    if (n == innerD) dep(rootD);
  };
  CHECK(names(dependencySlice(*p, roots, passedIn)) ==
        std::vector<std::string>{"l_x_", "l_y_", "x", "c", "d", "d", "x", "sum_1", "add"});
  const Node* const nothing[] = {nullptr};
  CHECK(dependencySlice(*p, std::span<const Node* const>(nothing, 0), passedIn).empty());
}

TEST_CASE("tails: FX's last-use rule reproduces the tails PyTorch printed") {
  struct Case {
    const char* file;
    TailRule rule;
  };
  // E01 frees unused values right away (torch >= 2.4); the seed and corpus do not.
  const std::vector<Case> cases = {
      {"samples/E01.txt", TailRule::LastUseAndUnused},
      {"samples/E03.txt", TailRule::LastUseAndUnused},
      {"samples/E05.txt", TailRule::LastUse},
      {"samples/seed_1.txt", TailRule::LastUse},
      {"samples/E15_1.txt", TailRule::LastUse},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    auto p = readProgramFile(std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/" + c.file);
    for (const auto& gp : allGraphs(*p)) {
      auto tails = fxTails(*gp.graph, c.rule);
      for (std::size_t i = 0; i < tails.size(); ++i) {
        const Node& n = *gp.graph->nodes()[i];
        CAPTURE(n.name());
        CHECK(names(tails[i]) == names(n.style.tail));
      }
    }
  }
  // E16 is hand-edited documentation (`relu: ... = ...(addmm);` with an empty tail): kept as read
  auto p = readProgramFile(std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/samples/E16.txt");
  Node* relu1 = p->root->find("relu_1");
  REQUIRE(relu1);
  CHECK(names(storedTails(*p->root)[12]) == std::vector<std::string>{"addmm_1"});
  CHECK(p->root->nodes()[12].get() == relu1);
}
