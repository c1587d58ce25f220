// tests/ir/test_expr_eval.cpp — Python semantics of `//`, `%`, CeilDiv on int64 (every sign
// combination, INT64_MIN corners; expected values computed by CPython), and evaluate(): errors,
// overflow, floats, booleans, Where, Max/Min, Abs, PowByNatural.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprEval.h"
#include "ir/ExprParser.h"

using namespace symrange::ir;

namespace {


const char* errorName(EvalError e) {
  switch (e) {
    case EvalError::None: return "None";
    case EvalError::DivisionByZero: return "DivisionByZero";
    case EvalError::Overflow: return "Overflow";
    case EvalError::Unbound: return "Unbound";
    case EvalError::Unsupported: return "Unsupported";
  }
  return "?";
}

/// Evaluates `text` with the given integer symbol values.
EvalResult evalText(ExprContext& c, const std::string& text,
                    const std::map<std::string, Value>& values = {}) {
  ExprRef e = parseExpr(c, text, SourceLoc{"test", 1, 1});
  return evaluate(e, [&](ExprRef s) -> std::optional<Value> {
    auto it = values.find(s->name());
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

std::string show(const EvalResult& r) {
  if (!r.value) return std::string("error ") + errorName(r.error);
  switch (r.value->type) {
    case Value::Type::Int: return "int " + std::to_string(r.value->i);
    case Value::Type::Bool: return r.value->i ? "bool True" : "bool False";
    case Value::Type::Float: return "float " + std::to_string(r.value->f);
  }
  return "?";
}

}  // namespace

TEST_CASE("pyFloorDiv / pyMod / pyCeilDivChecked match CPython") {
  struct Case {
    std::int64_t a, b, floorDiv, mod, ceilDiv;
  };
  // a // b, a % b, -((-a) // b) as printed by CPython
  const std::vector<Case> cases = {
      {7, 2, 3, 1, 4},
      {7, -2, -4, -1, -3},
      {-7, 2, -4, 1, -3},
      {-7, -2, 3, -1, 4},
      {7, 3, 2, 1, 3},
      {-7, 3, -3, 2, -2},
      {7, -3, -3, -2, -2},
      {-7, -3, 2, -1, 3},
      {6, 3, 2, 0, 2},
      {6, -3, -2, 0, -2},
      {-6, 3, -2, 0, -2},
      {-6, -3, 2, 0, 2},
      {0, 5, 0, 0, 0},
      {0, -5, 0, 0, 0},
      {1, 7, 0, 1, 1},
      {-1, 7, -1, 6, 0},
      {1, -7, -1, -6, 0},
      {-1, -7, 0, -1, 1},
      {kInt64Min, 1, kInt64Min, 0, kInt64Min},
      {kInt64Min, 2, -4611686018427387904, 0, -4611686018427387904},
      {kInt64Min, -2, 4611686018427387904, 0, 4611686018427387904},
      {kInt64Min, 3, -3074457345618258603, 1, -3074457345618258602},
      {kInt64Min, -3, 3074457345618258602, -2, 3074457345618258603},
      {kInt64Min, 7, -1317624576693539402, 6, -1317624576693539401},
      {kInt64Min, kInt64Max, -2, 9223372036854775806, -1},
      {kInt64Max, kInt64Min, -1, -1, 0},
      {kInt64Max, -1, -kInt64Max, 0, -kInt64Max},
      {kInt64Max, -3, -3074457345618258603, -2, -3074457345618258602},
      {kInt64Max, 3, 3074457345618258602, 1, 3074457345618258603},
      {kInt64Min + 1, -1, kInt64Max, 0, kInt64Max},
      {-5, kInt64Min, 0, -5, 1},
      {5, kInt64Min, -1, -9223372036854775803, 0},
      {kInt64Min, kInt64Min, 1, 0, 1},
  };
  for (const Case& k : cases) {
    CAPTURE(k.a);
    CAPTURE(k.b);
    CHECK(pyFloorDiv(k.a, k.b) == k.floorDiv);
    CHECK(pyMod(k.a, k.b) == k.mod);
    CHECK(pyFloorDivChecked(k.a, k.b) == k.floorDiv);
    CHECK(pyCeilDivChecked(k.a, k.b) == k.ceilDiv);
  }
  // the one quotient outside int64, and zero divisors
  CHECK(pyMod(kInt64Min, -1) == 0);
  CHECK_FALSE(pyFloorDivChecked(kInt64Min, -1).has_value());
  CHECK_FALSE(pyCeilDivChecked(kInt64Min, -1).has_value());
  CHECK_FALSE(pyFloorDivChecked(3, 0).has_value());
  CHECK_FALSE(pyCeilDivChecked(3, 0).has_value());
}

TEST_CASE("floor division identity a == b*(a//b) + a%b, 0 <= |a%b| < |b| with b's sign") {
  for (std::int64_t a = -40; a <= 40; ++a) {
    for (std::int64_t b = -9; b <= 9; ++b) {
      if (b == 0) continue;
      CAPTURE(a);
      CAPTURE(b);
      std::int64_t q = pyFloorDiv(a, b);
      std::int64_t r = pyMod(a, b);
      REQUIRE(b * q + r == a);
      REQUIRE((r == 0 || (r > 0) == (b > 0)));
      REQUIRE(std::llabs(r) < std::llabs(b));
      // floor: q is the largest integer with q*b on a's side
      double exact = static_cast<double>(a) / static_cast<double>(b);
      REQUIRE(q == static_cast<std::int64_t>(std::floor(exact)));
      REQUIRE(*pyCeilDivChecked(a, b) == static_cast<std::int64_t>(std::ceil(exact)));
    }
  }
}

TEST_CASE("evaluate: integer expressions with symbols") {
  ExprContext c;
  std::map<std::string, Value> env = {{"u0", Value::ofInt(7)}, {"u1", Value::ofInt(-3)},
                                      {"s0", Value::ofInt(4)}, {"zf0", Value::ofFloat(2.5)}};
  struct Case {
    const char* text;
    const char* expected;  // show() of the result
  };
  const std::vector<Case> cases = {
      {"u0 + u1", "int 4"},
      {"u0 - 8*(u0//8)", "int 7"},
      {"u0 // u1", "int -3"},
      {"u0 % u1", "int -2"},
      {"u1 % u0", "int 4"},
      {"Mod(u1, 4)", "int 1"},
      {"PythonMod(u1, 3)", "int 0"},
      {"FloorDiv(u1, 2)", "int -2"},
      {"CeilDiv(u1, 2)", "int -1"},
      {"CeilDiv(u0, 2)", "int 4"},
      {"Max(u0, u1, s0)", "int 7"},
      {"Min(u0, u1, s0)", "int -3"},
      {"Abs(u1)", "int 3"},
      {"u1**3", "int -27"},
      {"PowByNatural(2, 10)", "int 1024"},
      {"u0 >= 0", "bool True"},
      {"u1 >= 0", "bool False"},
      {"Eq(u0, 7)", "bool True"},
      {"Ne(u1, -3)", "bool False"},
      {"(u0 > 0) & (u1 > 0)", "bool False"},
      {"(u0 > 0) | (u1 > 0)", "bool True"},
      {"~(u1 > 0)", "bool True"},
      {"Where(u0 > 0, u0, u1)", "int 7"},
      {"Where(u0 < 0, u0, u1)", "int -3"},
      {"u1 < u0 < s0", "bool False"},
      {"True", "bool True"},
      {"TruncToInt(zf0)", "int 2"},
      {"TruncToInt(-2.5)", "int -2"},
      {"ToFloat(u0)", "float 7.000000"},
      {"u0 / 2", "float 3.500000"},
      {"zf0 * 2", "float 5.000000"},
      {"zf0 > u1", "bool True"},
      {"zf0 < 3", "bool True"},
      {"Max(zf0, s0)", "int 4"},
      {"Max(u1, zf0)", "float 2.500000"},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.text));
    CHECK(show(evalText(c, k.text, env)) == k.expected);
  }
}

TEST_CASE("evaluate: errors") {
  ExprContext c;
  std::map<std::string, Value> env = {{"u0", Value::ofInt(0)},
                                      {"big", Value::ofInt(kInt64Max)},
                                      {"small", Value::ofInt(kInt64Min)},
                                      {"zf9", Value::ofFloat(std::nan(""))}};
  struct Case {
    const char* text;
    EvalError expected;
  };
  const std::vector<Case> cases = {
      {"5 // u0", EvalError::DivisionByZero},
      {"5 % u0", EvalError::DivisionByZero},
      {"Mod(5, u0)", EvalError::DivisionByZero},
      {"CeilDiv(5, u0)", EvalError::DivisionByZero},
      {"5 / u0", EvalError::DivisionByZero},
      {"5 // 0", EvalError::DivisionByZero},
      {"big + 1", EvalError::Overflow},
      {"small - 1", EvalError::Overflow},
      {"2*big", EvalError::Overflow},
      {"-small", EvalError::Overflow},
      {"small // -1", EvalError::Overflow},
      {"CeilDiv(small, -1)", EvalError::Overflow},
      {"Abs(small)", EvalError::Overflow},
      {"3**40", EvalError::Overflow},
      {"u1 + 1", EvalError::Unbound},
      {"2**(u0 - 1)", EvalError::Unsupported},
      {"foo(u0)", EvalError::Unsupported},
      {"int_oo", EvalError::Unsupported},
      {"Max(u0, int_oo)", EvalError::Unsupported},
      {"TruncToInt(1e300)", EvalError::Overflow},
      {"TruncToInt(zf9)", EvalError::Unsupported},
      // the first failing operand wins, and every operand is evaluated
      {"Where(u0 == 0, 1, 1 // u0)", EvalError::DivisionByZero},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.text));
    EvalResult r = evalText(c, k.text, env);
    CHECK_FALSE(r.value.has_value());
    CHECK(std::string(errorName(r.error)) == errorName(k.expected));
  }
  // exact results despite an overflowing intermediate
  CHECK(show(evalText(c, "small % -1", env)) == "int 0");
  CHECK(show(evalText(c, "big*2*u0", env)) == "int 0");
  CHECK(show(evalText(c, "(-1)**big", env)) == "int -1");
  CHECK(show(evalText(c, "0**0", env)) == "int 1");
  CHECK(show(evalText(c, "Ne(zf9, zf9)", env)) == "bool True");
  CHECK(show(evalText(c, "Eq(zf9, zf9)", env)) == "bool False");
}

TEST_CASE("alwaysDefined: what it accepts never raises, what raises it rejects") {
  ExprContext c;
  auto parse = [&](const char* t) { return parseExpr(c, t, SourceLoc{"test", 1, 1}); };
  CHECK(alwaysDefined(parse("u0 // 2 + Mod(u1, -3) + 2**3 + CeilDiv(u0, 7)")));
  CHECK(alwaysDefined(parse("Max(u0, u1) < 5")));
  CHECK_FALSE(alwaysDefined(parse("u0 // u1")));
  CHECK_FALSE(alwaysDefined(parse("1 + (u0 % (u1 - u1 + 0*u2 + u3))")));
  CHECK_FALSE(alwaysDefined(parse("2**u0")));
  CHECK_FALSE(alwaysDefined(parse("Max(u0, int_oo)")));
  // brute force: a divisor form is accepted exactly when its divisor is a non-zero constant,
  // and an accepted form never raises
  ExprRef a = c.symbol("a");
  for (std::int64_t y = -3; y <= 3; ++y) {
    const std::vector<ExprRef> forms = {c.floorDiv(a, c.intConst(y)), c.pythonMod(a, c.intConst(y)),
                                        c.mod(a, c.intConst(y)), c.ceilDiv(a, c.intConst(y))};
    for (ExprRef f : forms) {
      CAPTURE(y);
      CAPTURE(kindName(f->kind()));
      if (f->isIntConst()) continue;  // folded (y == 1, ...)
      CHECK(alwaysDefined(f) == (y != 0));
      for (std::int64_t x = -5; x <= 5; ++x) {
        EvalResult r = evaluate(f, [&](ExprRef) -> std::optional<Value> { return Value::ofInt(x); });
        CHECK((r.error == EvalError::DivisionByZero) == !alwaysDefined(f));
      }
    }
  }
}

TEST_CASE("evaluate: exact int/float comparison") {
  ExprContext c;
  // 2^53 + 1 is not a double: converting it before comparing would say equal
  std::map<std::string, Value> env = {{"u0", Value::ofInt((std::int64_t{1} << 53) + 1)},
                                      {"zf0", Value::ofFloat(9007199254740992.0)},
                                      {"big", Value::ofInt(kInt64Max)},
                                      {"zf1", Value::ofFloat(9223372036854775808.0)}};
  CHECK(show(evalText(c, "u0 > zf0", env)) == "bool True");
  CHECK(show(evalText(c, "Eq(u0, zf0)", env)) == "bool False");
  CHECK(show(evalText(c, "big < zf1", env)) == "bool True");
  CHECK(show(evalText(c, "zf1 > big", env)) == "bool True");
  CHECK(show(evalText(c, "Eq(3, 3.0)", env)) == "bool True");
  CHECK(show(evalText(c, "2 < 2.5", env)) == "bool True");
  CHECK(show(evalText(c, "-3 < -2.5", env)) == "bool True");
  CHECK(show(evalText(c, "-2 < -2.5", env)) == "bool False");
}

TEST_CASE("evaluate agrees with the constant folder on small values") {
  // the factories fold constants with the same primitives; here the symbolic form is evaluated
  ExprContext c;
  ExprRef a = c.symbol("a");
  ExprRef b = c.symbol("b");
  const std::vector<ExprRef> forms = {
      c.floorDiv(a, b), c.pythonMod(a, b), c.mod(a, b), c.ceilDiv(a, b),
      c.add(c.mul(b, c.floorDiv(a, b)), c.pythonMod(a, b)), c.max(a, b), c.min(a, b),
      c.abs(c.sub(a, b)), c.powByNatural(a, c.abs(b))};
  for (std::int64_t x = -6; x <= 6; ++x) {
    for (std::int64_t y = -6; y <= 6; ++y) {
      for (ExprRef f : forms) {
        ExprRef folded = c.substitute(f, {{a, c.intConst(x)}, {b, c.intConst(y)}});
        EvalResult r = evaluate(f, [&](ExprRef s) -> std::optional<Value> {
          return Value::ofInt(s == a ? x : y);
        });
        CAPTURE(x);
        CAPTURE(y);
        CAPTURE(kindName(f->kind()));
        if (y == 0 && f->kind() != ExprKind::Max && f->kind() != ExprKind::Min &&
            f->kind() != ExprKind::Abs && f->kind() != ExprKind::PowByNatural) {
          CHECK(r.error == EvalError::DivisionByZero);
          CHECK_FALSE(folded->isIntConst());
          continue;
        }
        REQUIRE(r.value.has_value());
        REQUIRE(folded->isIntConst());
        CHECK(folded->intValue() == r.value->i);
      }
    }
  }
}
