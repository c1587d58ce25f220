// tests/solver/FactStoreTest.cpp — FactStore's slices (the union-find over the facts' symbols,
// undone when a frame is popped) against the components computed from scratch: random facts
// over a few symbols, frames pushed and popped at random, and after every step the slice of
// every symbol set drawn equals the fact–symbol component found by a fixed point.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "solver/internal/FactStore.h"

using namespace symrange;
using ir::ExprRef;
using solver::FactIndex;

namespace {

/// The facts sharing symbols with `goal`, transitively, plus the symbol-free ones: a fixed point
/// over the active facts, ascending.
std::vector<FactIndex> componentsFromScratch(const solver::FactStore& store,
                                             const std::vector<ExprRef>& goal) {
  std::vector<ExprRef> syms = goal;
  std::vector<bool> in(store.size(), false);
  for (bool grew = true; grew;) {
    grew = false;
    for (FactIndex i = 0; i < store.size(); ++i) {
      if (in[i]) continue;
      const auto& fs = store[i].symbols;
      const bool shares = fs.empty() || std::any_of(fs.begin(), fs.end(), [&](ExprRef s) {
                            return std::find(syms.begin(), syms.end(), s) != syms.end();
                          });
      if (!shares) continue;
      in[i] = grew = true;
      for (ExprRef s : fs)
        if (std::find(syms.begin(), syms.end(), s) == syms.end()) syms.push_back(s);
    }
  }
  std::vector<FactIndex> out;
  for (FactIndex i = 0; i < store.size(); ++i)
    if (in[i]) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("FactStore::slice: the fact-symbol components, through pushed and popped frames") {
  ir::ExprContext cx;
  std::vector<ExprRef> pool;
  for (int i = 0; i < 12; ++i) pool.push_back(cx.symbol("u" + std::to_string(i)));
  std::mt19937_64 rng(17);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };

  for (int round = 0; round < 40; ++round) {
    solver::FactStore store;
    std::vector<std::size_t> frames;  // the store's size when each open frame was pushed
    for (int step = 0; step < 120; ++step) {
      const std::size_t action = pick(10);
      if (action == 0) {
        frames.push_back(store.size());
      } else if (action == 1 && !frames.empty()) {
        store.truncate(frames.back());
        frames.pop_back();
      } else {
        // a fact over 0 to 3 symbols (0: a symbol-free fact, which joins every slice)
        ExprRef e = cx.intConst(static_cast<std::int64_t>(pick(5)));
        const std::size_t arity = pick(4);
        for (std::size_t k = 0; k < arity; ++k) e = cx.add(e, pool[pick(pool.size())]);
        store.add(cx.ge(e, cx.intConst(0)), "f" + std::to_string(step));
      }
      for (int q = 0; q < 4; ++q) {
        std::vector<ExprRef> goal;
        for (std::size_t k = pick(3); k > 0; --k) goal.push_back(pool[pick(pool.size())]);
        std::sort(goal.begin(), goal.end(), ir::ExprIdLess{});
        goal.erase(std::unique(goal.begin(), goal.end()), goal.end());
        CHECK(store.slice(goal) == componentsFromScratch(store, goal));
      }
    }
  }
}

TEST_CASE("FactStore::slice: a popped frame's unions are undone") {
  ir::ExprContext cx;
  ExprRef u0 = cx.symbol("u0"), u1 = cx.symbol("u1"), u2 = cx.symbol("u2");
  solver::FactStore store;
  store.add(cx.ge(u0, cx.intConst(0)), "a");
  store.add(cx.ge(u2, cx.intConst(0)), "b");
  const std::size_t frame = store.size();
  store.add(cx.le(u0, u1), "c");
  store.add(cx.le(u1, u2), "d");
  CHECK(store.slice({u0}) == std::vector<FactIndex>{0, 1, 2, 3});
  store.truncate(frame);
  CHECK(store.slice({u0}) == std::vector<FactIndex>{0});
  CHECK(store.slice({u1}).empty());
  CHECK(store.slice({u2}) == std::vector<FactIndex>{1});
  store.add(cx.le(u1, u2), "d again");
  CHECK(store.slice({u1}) == std::vector<FactIndex>{1, 2});
  CHECK(store.slice({u0, u2}) == std::vector<FactIndex>{0, 1, 2});
}
