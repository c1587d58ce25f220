// testing/workload/Term.cpp — the workload generator's integer terms: construction,
// evaluation with Python floor semantics (ir/ExprEval.h's, as ProgramGenerator's), sympy
// spelling, and interval bounds (see Builder.h).
#include <algorithm>
#include <array>

#include "ir/ExprEval.h"
#include "testing/emit/Spelling.h"
#include "testing/workload/internal/Builder.h"

namespace symrange::bench::detail {
namespace {

using I = std::int64_t;
using OptI = std::optional<I>;

OptI add(OptI a, OptI b) {
  I r = 0;
  if (!a || !b || __builtin_add_overflow(*a, *b, &r)) return std::nullopt;
  return r;
}

OptI sub(OptI a, OptI b) {
  I r = 0;
  if (!a || !b || __builtin_sub_overflow(*a, *b, &r)) return std::nullopt;
  return r;
}

OptI mul(OptI a, OptI b) {
  I r = 0;
  if (!a || !b || __builtin_mul_overflow(*a, *b, &r)) return std::nullopt;
  return r;
}

/// Binding strength of the printed term: 1 sums, 2 products, 3 atoms (names, calls, `(a//b)`).
int precedence(const Term& t) {
  switch (t.op) {
    case Op::Add:
    case Op::Sub: return 1;
    case Op::Mul: return 2;
    case Op::Const: return t.c < 0 ? 1 : 3;
    case Op::Sym:
    case Op::FloorDiv:
    case Op::Mod:
    case Op::Max:
    case Op::Min: return 3;
  }
  return 3;  // not reached: the switch names every Op
}

/// `t` printed as an operand that needs at least `prec` (parenthesized otherwise).
std::string operand(const TermRef& t, int prec) {
  std::string s = text(t);
  return precedence(*t) < prec || s.front() == '-' ? "(" + s + ")" : s;
}

}  // namespace

TermRef constant(std::int64_t c) {
  auto t = std::make_shared<Term>();
  t->op = Op::Const;
  t->c = c;
  return t;
}

TermRef combine(Op op, TermRef a, TermRef b) {
  auto t = std::make_shared<Term>();
  t->op = op;
  t->a = std::move(a);
  t->b = std::move(b);
  return t;
}

std::optional<std::int64_t> evaluate(const TermRef& t, const Env& env) {
  switch (t->op) {
    case Op::Const: return t->c;
    case Op::Sym:
      if (t->sym < 0 || static_cast<std::size_t>(t->sym) >= env.size()) return std::nullopt;
      return env[static_cast<std::size_t>(t->sym)];
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::FloorDiv:
    case Op::Mod:
    case Op::Max:
    case Op::Min: break;  // binary: below
  }
  const OptI a = evaluate(t->a, env), b = evaluate(t->b, env);
  if (!a || !b) return std::nullopt;
  switch (t->op) {
    case Op::Add: return add(a, b);
    case Op::Sub: return sub(a, b);
    case Op::Mul: return mul(a, b);
    case Op::FloorDiv:
    case Op::Mod:
      if (*b == 0 || (*a == INT64_MIN && *b == -1)) return std::nullopt;
      return t->op == Op::FloorDiv ? ir::pyFloorDiv(*a, *b) : ir::pyMod(*a, *b);
    case Op::Max: return std::max(*a, *b);
    case Op::Min: return std::min(*a, *b);
    case Op::Const:
    case Op::Sym: break;  // leaves: above
  }
  return std::nullopt;
}

std::optional<bool> evaluate(const Bool& b, const Env& env) {
  const OptI x = evaluate(b.lhs, env), y = evaluate(b.rhs, env);
  if (!x || !y) return std::nullopt;
  switch (b.cmp) {
    case Cmp::Lt: return *x < *y;
    case Cmp::Le: return *x <= *y;
    case Cmp::Gt: return *x > *y;
    case Cmp::Ge: return *x >= *y;
    case Cmp::Eq: return *x == *y;
    case Cmp::Ne: return *x != *y;
  }
  return std::nullopt;
}

std::string text(const TermRef& t) {
  switch (t->op) {
    case Op::Const: return std::to_string(t->c);
    case Op::Sym: return t->name;
    case Op::Add:
      if (t->b->op == Op::Const && t->b->c < 0) return text(t->a) + " - " + std::to_string(-t->b->c);
      return text(t->a) + " + " + operand(t->b, 1);
    case Op::Sub: return text(t->a) + " - " + operand(t->b, 2);
    case Op::Mul:
      // sympy puts the numeric factor first: 3*u0, -2*(u0 + 1).
      if (t->b->op == Op::Const) return std::to_string(t->b->c) + "*" + operand(t->a, 2);
      return operand(t->a, 2) + "*" + operand(t->b, 2);
    case Op::FloorDiv: return "(" + operand(t->a, 3) + "//" + operand(t->b, 3) + ")";
    case Op::Mod: return "PythonMod(" + text(t->a) + ", " + text(t->b) + ")";
    case Op::Max: return "Max(" + text(t->a) + ", " + text(t->b) + ")";
    case Op::Min: return "Min(" + text(t->a) + ", " + text(t->b) + ")";
  }
  return "?";
}

std::string text(const Bool& b) {
  return testing::sympyComparison(static_cast<int>(b.cmp), text(b.lhs), text(b.rhs));
}

Bounds boundsOf(const TermRef& t, const std::function<Bounds(int)>& symbolBounds) {
  switch (t->op) {
    case Op::Const: return Bounds::of(t->c, t->c);
    case Op::Sym: return symbolBounds(t->sym);
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::FloorDiv:
    case Op::Mod:
    case Op::Max:
    case Op::Min: break;  // binary: below
  }
  const Bounds a = boundsOf(t->a, symbolBounds), b = boundsOf(t->b, symbolBounds);
  const bool aFull = a.lo && a.hi, bFull = b.lo && b.hi;
  switch (t->op) {
    case Op::Add: return {add(a.lo, b.lo), add(a.hi, b.hi)};
    case Op::Sub: return {sub(a.lo, b.hi), sub(a.hi, b.lo)};
    case Op::Mul: {
      if (aFull && bFull) {
        const std::array<OptI, 4> p = {mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)};
        if (std::any_of(p.begin(), p.end(), [](OptI v) { return !v; })) return Bounds::all();
        return Bounds::of(std::min({*p[0], *p[1], *p[2], *p[3]}), std::max({*p[0], *p[1], *p[2], *p[3]}));
      }
      if (b.lo && b.hi && *b.lo == *b.hi) {  // times a constant
        return *b.lo >= 0 ? Bounds{mul(a.lo, b.lo), mul(a.hi, b.lo)} : Bounds{mul(a.hi, b.lo), mul(a.lo, b.lo)};
      }
      if (a.lo && b.lo && *a.lo >= 0 && *b.lo >= 0) return {mul(a.lo, b.lo), mul(a.hi, b.hi)};
      return Bounds::all();
    }
    case Op::FloorDiv:
      if (b.lo && b.hi && *b.lo == *b.hi && *b.lo != 0) {
        const I c = *b.lo;
        const OptI l = a.lo ? OptI(ir::pyFloorDiv(*a.lo, c)) : std::nullopt;
        const OptI h = a.hi ? OptI(ir::pyFloorDiv(*a.hi, c)) : std::nullopt;
        return c > 0 ? Bounds{l, h} : Bounds{h, l};
      }
      if (b.lo && *b.lo >= 1 && a.lo && *a.lo >= 0) return {0, a.hi};
      return Bounds::all();
    case Op::Mod:
      if (b.lo && *b.lo >= 1) return {0, b.hi ? OptI(*b.hi - 1) : std::nullopt};
      if (b.hi && *b.hi <= -1) return {b.lo ? OptI(*b.lo + 1) : std::nullopt, 0};
      return Bounds::all();
    case Op::Max:
      return {a.lo && b.lo ? OptI(std::max(*a.lo, *b.lo)) : (a.lo ? a.lo : b.lo),
              a.hi && b.hi ? OptI(std::max(*a.hi, *b.hi)) : std::nullopt};
    case Op::Min:
      return {a.lo && b.lo ? OptI(std::min(*a.lo, *b.lo)) : std::nullopt,
              a.hi && b.hi ? OptI(std::min(*a.hi, *b.hi)) : (a.hi ? a.hi : b.hi)};
    case Op::Const:
    case Op::Sym: break;  // leaves: above
  }
  return Bounds::all();
}

}  // namespace symrange::bench::detail
