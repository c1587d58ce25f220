// tests/ir/test_expr.cpp — ExprContext: interning identity, the factories' local simplifications
// (and the ones they must not do), types, substitute, freeSymbols, kindName, classifySymbol.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprPrinter.h"

using namespace symrange::ir;

namespace {
}  // namespace

TEST_CASE("interning: structurally equal expressions are the same object") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  CHECK(u0 == c.symbol("u0"));
  CHECK(u0 != c.symbol("u1"));
  CHECK(c.intConst(5) == c.intConst(5));
  CHECK(c.intConst(5) != c.intConst(6));
  CHECK(c.add(u0, c.intConst(1)) == c.add(c.symbol("u0"), c.intConst(1)));
  CHECK(c.floorDiv(u0, c.intConst(2)) == c.floorDiv(u0, c.intConst(2)));
  CHECK(c.floorDiv(u0, c.intConst(2)) != c.pythonMod(u0, c.intConst(2)));
  CHECK(c.apply("foo", {u0}) == c.apply("foo", {u0}));
  CHECK(c.apply("foo", {u0}) != c.apply("bar", {u0}));
  CHECK(c.apply("foo", {u0}, ExprType::Int) != c.apply("foo", {u0}, ExprType::Float));
  CHECK(c.boolConst(true) == c.trueExpr());
  CHECK(c.intInf(1) != c.intInf(-1));
  // floats are keyed by their bits: 0.0 and -0.0 differ, nan is equal to itself
  CHECK(c.floatConst(0.0) != c.floatConst(-0.0));
  CHECK(c.floatConst(std::numeric_limits<double>::quiet_NaN()) ==
        c.floatConst(std::numeric_limits<double>::quiet_NaN()));
  // a symbol with an explicit type/kind is a different symbol
  CHECK(c.symbol("x", ExprType::Int, SymbolKind::Other) == c.symbol("x"));
  CHECK(c.symbol("x", ExprType::Float, SymbolKind::Other) != c.symbol("x"));
}

TEST_CASE("ids are dense, in creation order, and stable") {
  ExprContext c;
  ExprRef a = c.symbol("a");
  ExprRef b = c.symbol("b");
  CHECK(a->id() == 0);
  CHECK(b->id() == 1);
  CHECK(c.size() == 2);
  std::vector<ExprRef> made;
  for (int i = 0; i < 20000; ++i) made.push_back(c.add(a, c.intConst(i)));
  // addresses and ids survive table growth
  for (int i = 0; i < 20000; ++i) {
    ExprRef again = c.add(a, c.intConst(i));
    REQUIRE(again == made[static_cast<std::size_t>(i)]);
  }
  CHECK(made.back()->id() < c.size());
  CHECK(made.front()->id() < made.back()->id());
}

TEST_CASE("constant folding of arithmetic") {
  ExprContext c;
  auto I = [&](std::int64_t v) { return c.intConst(v); };
  struct Case {
    const char* what;
    ExprRef got;
    ExprRef expected;
  };
  std::vector<Case> cases = {
      {"2 + 3", c.add(I(2), I(3)), I(5)},
      {"2 * 3", c.mul(I(2), I(3)), I(6)},
      {"7 // -2", c.floorDiv(I(7), I(-2)), I(-4)},
      {"-7 // 2", c.floorDiv(I(-7), I(2)), I(-4)},
      {"-7 % 3", c.pythonMod(I(-7), I(3)), I(2)},
      {"7 % -3", c.pythonMod(I(7), I(-3)), I(-2)},
      {"Mod(-7, 3)", c.mod(I(-7), I(3)), I(2)},
      {"CeilDiv(7, 2)", c.ceilDiv(I(7), I(2)), I(4)},
      {"CeilDiv(-7, 2)", c.ceilDiv(I(-7), I(2)), I(-3)},
      {"Abs(-4)", c.abs(I(-4)), I(4)},
      {"3**4", c.powByNatural(I(3), I(4)), I(81)},
      {"0**0", c.powByNatural(I(0), I(0)), I(1)},
      {"Max(3, 9, 4)", c.max({I(3), I(9), I(4)}), I(9)},
      {"Min(3, 9, 4)", c.min({I(3), I(9), I(4)}), I(3)},
      {"-(5)", c.neg(I(5)), I(-5)},
      {"5 - 7", c.sub(I(5), I(7)), I(-2)},
      {"MIN // 1", c.floorDiv(I(kInt64Min), I(1)), I(kInt64Min)},
      {"MIN % -1", c.pythonMod(I(kInt64Min), I(-1)), I(0)},
      {"MAX + MIN", c.add(I(kInt64Max), I(kInt64Min)), I(-1)},
      {"2^62 * 2 * -1", c.mul({I(std::int64_t{1} << 62), I(2), I(-1)}), I(kInt64Min)},
      {"TruncToInt(-2.5)", c.truncToInt(c.floatConst(-2.5)), I(-2)},
      {"ToFloat(3)", c.toFloat(I(3)), c.floatConst(3.0)},
      {"-(2.5)", c.neg(c.floatConst(2.5)), c.floatConst(-2.5)},
      {"-(int_oo)", c.neg(c.intInf(1)), c.intInf(-1)},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.what));
    CAPTURE(printExpr(k.got));
    CAPTURE(printExpr(k.expected));
    CHECK(k.got == k.expected);
  }
}

TEST_CASE("no folding where it would be wrong: zero divisors and inexact floats") {
  ExprContext c;
  auto I = [&](std::int64_t v) { return c.intConst(v); };
  struct Case {
    const char* what;
    ExprRef got;
    ExprKind kind;
    const char* printed;
  };
  std::vector<Case> cases = {
      {"5 // 0 raises at run time", c.floorDiv(I(5), I(0)), ExprKind::FloorDiv, "(5//0)"},
      {"5 % 0", c.pythonMod(I(5), I(0)), ExprKind::PythonMod, "PythonMod(5, 0)"},
      {"Mod(5, 0)", c.mod(I(5), I(0)), ExprKind::Mod, "Mod(5, 0)"},
      {"CeilDiv(5, 0)", c.ceilDiv(I(5), I(0)), ExprKind::CeilDiv, "CeilDiv(5, 0)"},
      // (results beyond int64 fold exactly into big constants: tests/ir/test_bigint.cpp)
      {"MIN // -1", c.floorDiv(I(kInt64Min), I(-1)), ExprKind::BigIntConst, "9223372036854775808"},
      {"2**-1", c.powByNatural(I(2), I(-1)), ExprKind::PowByNatural, "2**(-1)"},
      {"1 / 2 (true division is not folded)", c.trueDiv(I(1), I(2)), ExprKind::TrueDiv, "1/2"},
      {"ToFloat(2^53 + 1) is inexact", c.toFloat(I((std::int64_t{1} << 53) + 1)), ExprKind::ToFloat,
       "ToFloat(9007199254740993)"},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.what));
    CAPTURE(printExpr(k.got));
    CHECK(k.got->kind() == k.kind);
    CHECK(printExpr(k.got) == k.printed);
  }
  // the merged constant is canonical whatever the grouping
  CHECK(c.add({c.symbol("u0"), I(kInt64Max), I(1)}) == c.add(c.add(c.symbol("u0"), I(kInt64Max)), I(1)));
  CHECK(c.mul({I(kInt64Max), c.symbol("u0"), I(2)}) == c.mul(I(2), c.mul(I(kInt64Max), c.symbol("u0"))));
}

TEST_CASE("flattening, constant placement, neutral and absorbing elements") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  ExprRef u1 = c.symbol("u1");
  ExprRef u2 = c.symbol("u2");
  auto I = [&](std::int64_t v) { return c.intConst(v); };
  struct Case {
    const char* what;
    ExprRef got;
    const char* printed;
  };
  std::vector<Case> cases = {
      {"1 + u0: constant last", c.add(I(1), u0), "u0 + 1"},
      {"u0*2: coefficient first", c.mul(u0, I(2)), "2*u0"},
      {"(u0 + 1) + (u1 + 2)", c.add(c.add(u0, I(1)), c.add(u1, I(2))), "u0 + u1 + 3"},
      {"(u1*u0)*3*u2: no reordering", c.mul({c.mul(u1, u0), I(3), u2}), "3*u1*u0*u2"},
      {"u0 + 0", c.add(u0, I(0)), "u0"},
      {"1*u0", c.mul(I(1), u0), "u0"},
      {"u0*0", c.mul(u0, I(0)), "0"},
      {"u0 + 1 - 1", c.add({u0, I(1), I(-1)}), "u0"},
      {"u1 - u0", c.sub(u1, u0), "u1 - u0"},
      {"-u0 + 1: sympy puts the number first here", c.add(c.neg(u0), I(1)), "1 - u0"},
      {"-u0 + u1 + 1", c.add({c.neg(u0), u1, I(1)}), "-u0 + u1 + 1"},
      {"-u0 - 1", c.sub(c.neg(u0), I(1)), "-u0 - 1"},
      {"-(-u0)", c.neg(c.neg(u0)), "u0"},
      {"u0 - 2*u1", c.sub(u0, c.mul(I(2), u1)), "u0 - 2*u1"},
      {"u0 // 1", c.floorDiv(u0, I(1)), "u0"},
      {"u0 % 1", c.pythonMod(u0, I(1)), "0"},
      {"Mod(u0, -1)", c.mod(u0, I(-1)), "0"},
      {"CeilDiv(u0, 1)", c.ceilDiv(u0, I(1)), "u0"},
      {"u0**1", c.powByNatural(u0, I(1)), "u0"},
      {"u0**0", c.powByNatural(u0, I(0)), "1"},
      {"Max(Max(u0, 3), u1, u0, 5)", c.max({c.max(u0, I(3)), u1, u0, I(5)}), "Max(u0, 5, u1)"},
      {"Min(u0, u0)", c.min(u0, u0), "u0"},
      {"Min(0, u0, Min(u1, -2))", c.min({I(0), u0, c.min(u1, I(-2))}), "Min(-2, u0, u1)"},
      {"u0 // 0 kept", c.floorDiv(u0, I(0)), "(u0//0)"},
      {"Where(True, u0, u1)", c.where(c.trueExpr(), u0, u1), "u0"},
      {"Where(c, u0, u0)", c.where(c.lt(u1, I(0)), u0, u0), "u0"},
      {"TruncToInt(u0) on an int", c.truncToInt(u0), "u0"},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.what));
    CHECK(printExpr(k.got) == k.printed);
  }
}

TEST_CASE("booleans: folding, flattening, negation") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  ExprRef u1 = c.symbol("u1");
  ExprRef zf0 = c.symbol("zf0");
  ExprRef a = c.ge(u0, c.intConst(0));
  ExprRef b = c.lt(u1, c.intConst(5));
  struct Case {
    const char* what;
    ExprRef got;
    const char* printed;
  };
  std::vector<Case> cases = {
      {"3 < 4", c.lt(c.intConst(3), c.intConst(4)), "True"},
      {"3 == 4", c.eq(c.intConst(3), c.intConst(4)), "False"},
      {"2.5 >= 2.5", c.ge(c.floatConst(2.5), c.floatConst(2.5)), "True"},
      {"u0 == u0 is not folded", c.eq(u0, u0), "Eq(u0, u0)"},
      {"a & (b & True)", c.land(a, c.land(b, c.trueExpr())), "(u0 >= 0) & (u1 < 5)"},
      {"a & False", c.land(a, c.falseExpr()), "False"},
      {"a | True", c.lor(a, c.trueExpr()), "True"},
      {"a | (b | False)", c.lor(a, c.lor(b, c.falseExpr())), "(u0 >= 0) | (u1 < 5)"},
      {"And()", c.land(std::vector<ExprRef>{}), "True"},
      {"Or()", c.lor(std::vector<ExprRef>{}), "False"},
      {"~(u0 >= 0)", c.lnot(a), "u0 < 0"},
      {"~Eq(u0, 1)", c.lnot(c.eq(u0, c.intConst(1))), "Ne(u0, 1)"},
      {"~~(a & b)", c.lnot(c.lnot(c.land(a, b))), "(u0 >= 0) & (u1 < 5)"},
      {"~(a & b)", c.lnot(c.land(a, b)), "~((u0 >= 0) & (u1 < 5))"},
      {"~(zf0 < 1.0) keeps the Not (nan)", c.lnot(c.lt(zf0, c.floatConst(1.0))), "~(zf0 < 1.0)"},
      {"~True", c.lnot(c.trueExpr()), "False"},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.what));
    CHECK(printExpr(k.got) == k.printed);
  }
}

TEST_CASE("types") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  ExprRef zf0 = c.symbol("zf0");
  CHECK(u0->type() == ExprType::Int);
  CHECK(zf0->type() == ExprType::Float);
  CHECK(c.add(u0, c.intConst(1))->type() == ExprType::Int);
  CHECK(c.add(u0, zf0)->type() == ExprType::Float);
  CHECK(c.lt(u0, c.intConst(1))->type() == ExprType::Bool);
  CHECK(c.land(c.lt(u0, c.intConst(1)), c.gt(u0, c.intConst(-5)))->type() == ExprType::Bool);
  CHECK(c.toFloat(u0)->type() == ExprType::Float);
  CHECK(c.trueDiv(u0, c.intConst(2))->type() == ExprType::Float);
  CHECK(c.truncToInt(zf0)->type() == ExprType::Int);
  CHECK(c.where(c.lt(u0, c.intConst(1)), u0, c.intConst(3))->type() == ExprType::Int);
  CHECK(c.where(c.lt(u0, c.intConst(1)), zf0, c.floatConst(1.0))->type() == ExprType::Float);
  ExprRef boolWhere =
      c.where(c.lt(u0, c.intConst(1)), c.lt(u0, c.intConst(0)), c.gt(u0, c.intConst(3)));
  CHECK(boolWhere->type() == ExprType::Bool);
  CHECK(c.apply("f", {u0}, ExprType::Float)->type() == ExprType::Float);
}

TEST_CASE("make() dispatches to the factories") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  ExprRef two = c.intConst(2);
  CHECK(c.make(ExprKind::FloorDiv, {u0, two}) == c.floorDiv(u0, two));
  CHECK(c.make(ExprKind::Add, {u0, two, two}) == c.add(u0, c.intConst(4)));
  CHECK(c.make(ExprKind::Ge, {u0, two}) == c.ge(u0, two));
  CHECK(c.make(ExprKind::Where, {c.trueExpr(), u0, two}) == u0);
  CHECK(c.make(ExprKind::Not, {c.ge(u0, two)}) == c.lt(u0, two));
}

TEST_CASE("substitute rebuilds through the factories") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  ExprRef u1 = c.symbol("u1");
  ExprRef e = c.add(c.floorDiv(u0, c.intConst(2)), c.mul(c.intConst(3), u1));
  CHECK(printExpr(c.substitute(e, {{u0, c.intConst(7)}})) == "3*u1 + 3");
  CHECK(printExpr(c.substitute(e, {{u0, c.intConst(7)}, {u1, c.intConst(-1)}})) == "0");
  // simultaneous: u0 -> u1 and u1 -> u0 swap
  CHECK(printExpr(c.substitute(e, {{u0, u1}, {u1, u0}})) == "(u1//2) + 3*u0");
  CHECK(c.substitute(e, {}) == e);
  CHECK(c.substitute(c.apply("f", {u0}), {{u0, u1}}) == c.apply("f", {u1}));
  // a division by zero appears but is not folded
  CHECK(printExpr(c.substitute(c.floorDiv(u1, u0), {{u0, c.intConst(0)}})) == "(u1//0)");
  CHECK(c.substitute(c.ge(u0, c.intConst(0)), {{u0, c.intConst(4)}}) == c.trueExpr());
  // a compound key replaces that subexpression
  ExprRef half = c.floorDiv(u0, c.intConst(2));
  CHECK(printExpr(c.substitute(e, {{half, u1}})) == "u1 + 3*u1");
}

TEST_CASE("freeSymbols: sorted by id, without duplicates") {
  ExprContext c;
  ExprRef s0 = c.symbol("s0");
  ExprRef u1 = c.symbol("u1");
  ExprRef u0 = c.symbol("u0");
  ExprRef e = c.add({c.mul(u0, u1), c.floorDiv(s0, u0), c.max(u1, c.intConst(1))});
  std::vector<ExprRef> fs = freeSymbols(e);
  REQUIRE(fs.size() == 3);
  CHECK(fs[0] == s0);
  CHECK(fs[1] == u1);
  CHECK(fs[2] == u0);
  CHECK(freeSymbols(c.intConst(3)).empty());
}

TEST_CASE("kindName and classifySymbol") {
  struct KindCase {
    ExprKind kind;
    const char* name;
  };
  for (KindCase k : std::vector<KindCase>{{ExprKind::Max, "Max"},
                                          {ExprKind::Min, "Min"},
                                          {ExprKind::Mod, "Mod"},
                                          {ExprKind::PythonMod, "PythonMod"},
                                          {ExprKind::Abs, "Abs"},
                                          {ExprKind::PowByNatural, "PowByNatural"},
                                          {ExprKind::CeilDiv, "CeilDiv"},
                                          {ExprKind::TruncToInt, "TruncToInt"},
                                          {ExprKind::ToFloat, "ToFloat"},
                                          {ExprKind::FloorDiv, "FloorDiv"},
                                          {ExprKind::Eq, "Eq"},
                                          {ExprKind::Ne, "Ne"},
                                          {ExprKind::Where, "Where"}}) {
    CAPTURE(std::string(k.name));
    CHECK(kindName(k.kind) == k.name);
  }
  struct SymCase {
    const char* name;
    SymbolKind kind;
  };
  for (SymCase s : std::vector<SymCase>{{"s0", SymbolKind::Backed},
                                        {"s77", SymbolKind::Backed},
                                        {"u0", SymbolKind::Unbacked},
                                        {"i4", SymbolKind::Unbacked},
                                        {"zuf0", SymbolKind::UnbackedFloat},
                                        {"zf3", SymbolKind::BackedFloat},
                                        {"s", SymbolKind::Other},
                                        {"u0x", SymbolKind::Other},
                                        {"x", SymbolKind::Other},
                                        {"item", SymbolKind::Other},
                                        {"zf", SymbolKind::Other}}) {
    CAPTURE(std::string(s.name));
    CHECK(classifySymbol(s.name) == s.kind);
  }
}
