// tests/ir/test_expr_functor.cpp — ExprFunctor: one visit per kind, MemoExprFunctor visits each
// distinct sub-expression of a DAG once (also past its inline memo), forEachSubexpr walks each
// once and stops when asked, visitKind dispatches to a generic lambda.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprFunctor.h"

using namespace symrange::ir;

namespace {

/// Tree size of an expression, counting how often each node is computed.
struct TreeSize : MemoExprFunctor<TreeSize, std::uint64_t> {
  std::map<std::uint32_t, int> computed;
  template <ExprKind K>
  std::uint64_t visit(ExprRef e, Kind<K>) {
    ++computed[e->id()];
    std::uint64_t n = 1;
    for (ExprRef o : e->ops()) n += (*this)(o);
    return n;
  }
};

/// The kinds' names, by explicit overloads for two kinds and a constrained template for the rest.
struct Name : ExprFunctor<Name, std::string, int> {
  std::string visit(ExprRef, Kind<ExprKind::Symbol>, int) { return "symbol"; }
  std::string visit(ExprRef, Kind<ExprKind::Add>, int depth) { return "add@" + std::to_string(depth); }
  template <ExprKind K>
    requires(K != ExprKind::Symbol && K != ExprKind::Add)
  std::string visit(ExprRef, Kind<K>, int) {
    return std::string(kindName(K));
  }
};

}  // namespace

TEST_CASE("expr functor: a shared operand is computed once, in a DAG of any size") {
  ExprContext c;
  // x_{i+1} = x_i + x_i * 2: a DAG of 2n+1 nodes whose tree has about 3^n nodes
  ExprRef x = c.symbol("u0");
  for (int i = 0; i < 30; ++i) x = c.add(x, c.mul(x, c.intConst(2)));
  TreeSize f;
  const std::uint64_t size = f(x);
  CHECK(size == x->treeSize());
  CHECK(f.computed.size() > 16);  // past the memo's inline part
  for (const auto& [id, n] : f.computed) {
    CAPTURE(id);
    CHECK(n == 1);
  }
  CHECK(f(x) == size);  // a second call is a lookup
  CHECK(f.computed[x->id()] == 1);
}

TEST_CASE("expr functor: dispatch reaches the kind's overload, with the extra arguments") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  Name name;
  CHECK(name.dispatch(u0, 0) == "symbol");
  CHECK(name.dispatch(c.add(u0, c.intConst(1)), 3) == "add@3");
  CHECK(name.dispatch(c.floorDiv(u0, c.intConst(2)), 0) == std::string(kindName(ExprKind::FloorDiv)));
  CHECK(visitKind<bool>(c.lt(u0, c.intConst(1)), []<ExprKind K>(Kind<K>) { return isComparison(K); }));
  CHECK(!visitKind<bool>(u0, []<ExprKind K>(Kind<K>) { return isComparison(K); }));
}

TEST_CASE("forEachSubexpr: each distinct sub-expression once, parents first, and a stop") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  ExprRef s = c.add(u0, c.intConst(1));
  ExprRef e = c.mul(s, s);  // s is shared
  std::vector<ExprRef> seen;
  CHECK(forEachSubexpr(e, [&](ExprRef x) {
    seen.push_back(x);
    return true;
  }));
  CHECK(seen.size() == 4);  // e, s, u0, 1
  CHECK(seen.front() == e);
  int visits = 0;
  CHECK_FALSE(forEachSubexpr(e, [&](ExprRef x) {
    ++visits;
    return !x->isSymbol();
  }));
  CHECK(visits <= 4);
}

TEST_CASE("forEachSubexpr: past its inline seen list and stack, still each sub-expression once") {
  ExprContext c;
  // a sum of 60 distinct products u_i * (u_i + 1), each sharing u_i: more distinct
  // sub-expressions (and a wider stack) than the walk keeps inline
  std::vector<ExprRef> terms;
  std::set<std::uint32_t> distinct;
  for (int i = 0; i < 60; ++i) {
    ExprRef u = c.symbol("u" + std::to_string(i));
    ExprRef p = c.mul(u, c.add(u, c.intConst(1)));
    terms.push_back(p);
  }
  ExprRef e = c.add(terms);
  std::vector<ExprRef> stack{e};
  while (!stack.empty()) {  // the distinct sub-expressions, counted independently
    ExprRef x = stack.back();
    stack.pop_back();
    if (!distinct.insert(x->id()).second) continue;
    for (ExprRef o : x->ops()) stack.push_back(o);
  }
  REQUIRE(distinct.size() > 100);
  std::map<std::uint32_t, int> visits;
  CHECK(forEachSubexpr(e, [&](ExprRef x) {
    ++visits[x->id()];
    return true;
  }));
  CHECK(visits.size() == distinct.size());
  for (const auto& [id, n] : visits) CHECK(n == 1);
  // a stop deep in the walk still ends it
  int seen = 0;
  CHECK_FALSE(forEachSubexpr(e, [&](ExprRef) { return ++seen < 50; }));
  CHECK(seen == 50);
}
