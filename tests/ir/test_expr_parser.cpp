// tests/ir/test_expr_parser.cpp — ExprParser and ExprPrinter: valid and malformed inputs (with
// columns), PyTorch's printed spellings, the round trip parse(print(e)) == e on random
// expressions, robustness on random bytes, and every expression of the corpus and samples.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ir/Diagnostic.h"
#include "ir/Expr.h"
#include "ir/ExprParser.h"
#include "ir/ExprPrinter.h"
#include "tests/ir/ExprTesting.h"

using namespace symrange::ir;
using symrange::testing::kAt;
using symrange::testing::parse;


TEST_CASE("parser: valid inputs build the factories' expressions") {
  ExprContext c;
  ExprRef u0 = c.symbol("u0");
  ExprRef u1 = c.symbol("u1");
  ExprRef u2 = c.symbol("u2");
  ExprRef s0 = c.symbol("s0");
  ExprRef s1 = c.symbol("s1");
  ExprRef zf0 = c.symbol("zf0");
  auto I = [&](std::int64_t v) { return c.intConst(v); };
  struct Case {
    const char* text;
    ExprRef expected;
  };
  const std::vector<Case> cases = {
      {"u0", u0},
      {"  u0\t", u0},
      {"u0 + 1", c.add(u0, I(1))},
      {"1 + u0", c.add(u0, I(1))},
      {"((s0*s1)//2)", c.floorDiv(c.mul(s0, s1), I(2))},
      {"FloorDiv(s0*s1, 2)", c.floorDiv(c.mul(s0, s1), I(2))},
      {"s0*s1//2", c.floorDiv(c.mul(s0, s1), I(2))},
      {"2*((u0//2))", c.mul(I(2), c.floorDiv(u0, I(2)))},
      {"u0 // 2 * 3", c.mul(c.floorDiv(u0, I(2)), I(3))},
      {"Mod(u1, 4)", c.mod(u1, I(4))},
      {"u1 % 3", c.pythonMod(u1, I(3))},
      {"PythonMod(u1, 3)", c.pythonMod(u1, I(3))},
      {"Max(u0 + 1, u1 + 1)", c.max(c.add(u0, I(1)), c.add(u1, I(1)))},
      {"Min(u0, 2, u1)", c.min({u0, I(2), u1})},
      {"Eq(u0, 1)", c.eq(u0, I(1))},
      {"u0 == 1", c.eq(u0, I(1))},
      {"Ne(u1, -12)", c.ne(u1, I(-12))},
      {"u1 != -12", c.ne(u1, I(-12))},
      {"u0 >= 0", c.ge(u0, I(0))},
      {"Ge(u0, 0)", c.ge(u0, I(0))},
      {"Lt(u0, 1)", c.lt(u0, I(1))},
      {"u0 < u1 < u2", c.land(c.lt(u0, u1), c.lt(u1, u2))},
      {"int_oo", c.intInf(1)},
      {"oo", c.intInf(1)},
      {"-int_oo", c.intInf(-1)},
      {"-oo", c.intInf(-1)},
      {"True", c.trueExpr()},
      {"False", c.falseExpr()},
      {"(u0 >= 0) & (u1 < 5)", c.land(c.ge(u0, I(0)), c.lt(u1, I(5)))},
      {"u0 >= 0 & u1 < 5", c.land(c.ge(u0, I(0)), c.lt(u1, I(5)))},
      {"u0 >= 0 and u1 < 5", c.land(c.ge(u0, I(0)), c.lt(u1, I(5)))},
      {"u0 >= 0 | u1 < 5 & u2 > 1",
       c.lor(c.ge(u0, I(0)), c.land(c.lt(u1, I(5)), c.gt(u2, I(1))))},
      {"u0 >= 0 or u1 < 5", c.lor(c.ge(u0, I(0)), c.lt(u1, I(5)))},
      {"~(u0 >= 0)", c.lt(u0, I(0))},
      {"not u0 >= 0", c.lt(u0, I(0))},
      {"Not(u0 > 0)", c.le(u0, I(0))},
      {"And(u0 > 0, u1 > 0, True)", c.land(c.gt(u0, I(0)), c.gt(u1, I(0)))},
      {"Or(u0 > 0)", c.gt(u0, I(0))},
      {"u0**2", c.powByNatural(u0, I(2))},
      {"PowByNatural(u0, 2)", c.powByNatural(u0, I(2))},
      {"-2**2", I(-4)},
      {"(-2)**2", I(4)},
      {"2**3**2", I(512)},
      {"-u0**2", c.neg(c.powByNatural(u0, I(2)))},
      {"2**-1", c.powByNatural(I(2), I(-1))},
      {"7 // -2", I(-4)},
      {"-7 % 3", I(2)},
      {"7 % -3", I(-2)},
      {"u0 - u1 - u2", c.add({u0, c.neg(u1), c.neg(u2)})},
      {"u0 - (u1 - u2)", c.sub(u0, c.sub(u1, u2))},
      {"--u0", u0},
      {"+u0", u0},
      {"-9223372036854775808", I(kInt64Min)},
      {"9223372036854775807", I(kInt64Max)},
      {"9223372036854775806", I(kInt64Max - 1)},
      {"foo(u0, 2)", c.apply("foo", {u0, I(2)})},
      {"f(u0,)", c.apply("f", {u0})},
      {"g()", c.apply("g", {})},
      {"OpaqueUnaryFn_sqrt(s0)", c.apply("OpaqueUnaryFn_sqrt", {s0})},
      {"IntTrueDiv(u0, 2)", c.trueDiv(u0, I(2))},
      {"u0 / 2", c.trueDiv(u0, I(2))},
      {"FloatTrueDiv(zf0, 2.0)", c.trueDiv(zf0, c.floatConst(2.0))},
      {"u0*u1/u2*2", c.mul(c.trueDiv(c.mul(u0, u1), u2), I(2))},
      {"4.0", c.floatConst(4.0)},
      {"1e-3", c.floatConst(0.001)},
      {"1E3", c.floatConst(1000.0)},
      {".5", c.floatConst(0.5)},
      {"5.", c.floatConst(5.0)},
      {"-2.5", c.floatConst(-2.5)},
      {"CeilDiv(u0, 2)", c.ceilDiv(u0, I(2))},
      {"Abs(u0)", c.abs(u0)},
      {"TruncToInt(zf0)", c.truncToInt(zf0)},
      {"ToFloat(u0)", c.toFloat(u0)},
      {"Where(u0 > 0, u0, 0)", c.where(c.gt(u0, I(0)), u0, I(0))},
      {"Max(u0)", u0},
      {"u0 + 1 >= 2*u1", c.ge(c.add(u0, I(1)), c.mul(I(2), u1))},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.text));
    ExprRef got = parse(c, k.text);
    CAPTURE(printExpr(got));
    CAPTURE(printExpr(k.expected));
    CHECK(got == k.expected);
  }
}

TEST_CASE("parser: malformed inputs give a located InputError") {
  struct Case {
    std::string text;
    int col;          // kAt.col (10) + offset of the offending character
    const char* msg;  // a part of the message
  };
  const std::vector<Case> cases = {
      {"", 10, "empty expression"},
      {"   ", 13, "empty expression"},
      {"u0 @ 1", 13, "unexpected character '@'"},
      {"u0 = 1", 13, "unexpected character '='"},
      {"u0 ! 1", 13, "unexpected character '!'"},
      {"u0 + \x01", 15, "unexpected character '\\x01'"},
      {"u0 + \xff", 15, "unexpected character '\\xff'"},
      {"(u0 + 1", 17, "expected ')'"},
      {"Max(u0, (u1)", 22, "expected ',' or ')'"},
      {"(u0 + (u1)", 20, "expected ')' to close '(' at column 10"},
      {"Max(u0 u1)", 17, "expected ',' or ')'"},
      {"u0 u1", 13, "trailing text 'u1'"},
      {"u0 + 1)", 16, "trailing text ')'"},
      {"u0 + ", 15, "expected an expression but found end of expression"},
      {"u0 +* 2", 14, "expected an expression but found '*'"},
      {")", 10, "expected an expression but found ')'"},
      {"u0 and", 16, "expected an expression"},
      {"and", 10, "expected an expression but found 'and'"},
      {"Max()", 10, "Max expects at least 1 argument, got 0"},
      {"Mod(u0)", 10, "Mod expects 2 arguments, got 1"},
      {"Abs(u0, u1)", 10, "Abs expects 1 argument, got 2"},
      {"Where(u0, 1)", 10, "Where expects 3 arguments, got 2"},
      {"u0 + Eq(u1)", 15, "Eq expects 2 arguments"},
      // integer literals of any size are Python ints (tests/ir/test_bigint.cpp), up to
      // Python's 4300 digits
      {"u0 + 1" + std::string(4300, '0'), 15, "exceeds Python's limit of 4300 digits"},
      // ... and so are the constants the parser folds, or what it returns would not read back
      // (fuzz_expr found `-9293372036854775**808 or 1`: 12,903 digits)
      {"  -9293372036854775**808or +1", 13, "a constant of 12903 digits exceeds"},
      {"u0 + 10**4300", 15, "a constant of 4301 digits exceeds"},
      {"u0 + 10**4299 * 10", 15, "a constant of 4301 digits exceeds"},
      {"u0 + Max(7**9999)", 19, "digits exceeds Python's limit"},
      {"u0 + 9**4000 * 9**4000 * u1", 15, "a constant of more than 7631 digits exceeds"},
      {"5*10**4299 + 5*10**4299", 10, "a constant of 4301 digits exceeds"},
      {"1e999", 10, "float literal out of range"},
      {"u0 <", 14, "expected an expression"},
      {"f(,)", 12, "expected an expression but found ','"},
  };
  for (const Case& k : cases) {
    CAPTURE(std::string(k.text));
    ExprContext c;
    bool threw = false;
    try {
      (void)parse(c, k.text);
    } catch (const InputError& e) {
      threw = true;
      CAPTURE(std::string(e.what()));
      CHECK(e.loc().file == "f.txt");
      CHECK(e.loc().line == 3);
      CHECK(e.loc().col == k.col);
      CHECK(e.message().find(k.msg) != std::string::npos);
    }
    CHECK(threw);
  }
}

TEST_CASE("parser: nesting is bounded, long flat inputs are fine") {
  ExprContext c;
  auto expectTooDeep = [&](const std::string& text) {
    bool threw = false;
    try {
      (void)parse(c, text);
    } catch (const InputError& e) {
      threw = true;
      CHECK(e.message() == "expression nested too deeply");
    }
    CHECK(threw);
  };
  expectTooDeep(std::string(100000, '(') + "u0" + std::string(100000, ')'));
  expectTooDeep(std::string(100000, '-') + "1");
  expectTooDeep(std::string(100000, '~') + "True");
  std::string calls;
  for (int i = 0; i < 2000; ++i) calls += "Max(";
  calls += "u0";
  for (int i = 0; i < 2000; ++i) calls += ")";
  expectTooDeep(calls);
  std::string pows = "2";
  for (int i = 0; i < 2000; ++i) pows += "**2";
  expectTooDeep(pows);

  // 400 levels are accepted
  std::string ok = std::string(400, '(') + "u0" + std::string(400, ')');
  CHECK(parse(c, ok) == c.symbol("u0"));
  // a long sum is one n-ary Add, parsed without recursion
  std::string sum = "u0";
  for (int i = 0; i < 100000; ++i) sum += " + u" + std::to_string(i % 7);
  ExprRef e = parse(c, sum);
  CHECK(e->kind() == ExprKind::Add);
  CHECK(e->arity() == 100001);
}

TEST_CASE("printer: PyTorch's spellings read back to the same text") {
  const std::vector<std::string> cases = {
      "u0 + 1",
      "8 - u2",
      "2 - 2*u1",
      "Max(u0, 8 - u2)",
      "-u0*u1 + 5",
      "-u0 - u1 + 5",
      "-u0 - 1",
      "2*u0",
      "-u0",
      "-2*u0",
      "1 - u0",
      "-u0 + u1 + 1",
      "(u0//2)",
      "2*(u0//2)",
      "((s0*s1)//2)",
      "((2*(u0//2))//5)",
      "5*((2*(u0//2))//5)",
      "u1 - 8*(u1//8)",
      "((s0*s1)//(((s0*s1)//2)))",
      "u0 + ((s0*s1)//2)",
      "(((u1//4))//2)",
      "((PythonMod(u2, 4))//8)",
      "(Max(0, u0, u1)//8)",
      "-((PythonMod(u0, 5))//8) + PythonMod(u0, 5)",
      "(u0//8) - ((5*(u0//5))//4) + 5",
      "(u0//(-2))",
      "(u0**2//3)",
      "u0 >= 0",
      "u0 > 5",
      "u0 <= 5",
      "u0 < 5",
      "Eq(u0, 1)",
      "Ne(u1, -12)",
      "Max(u0, u1)",
      "Max(0, u0, u1)",
      "Min(u0, 2*u1)",
      "PythonMod(u1, 3)",
      "Mod(u1, 4)",
      "int_oo",
      "-int_oo",
      "True",
      "False",
      "4.0",
      "-2.5",
      "0.0001",
      "1e-05",
      "1e+16",
      "1000000000000000.0",
      "123.456",
      "1.5e-07",
      "(u0 >= 0) & (u1 < 5)",
      "(u0 >= 0) | (u1 < 5)",
      "((u0 >= 0) & (u1 < 5)) | Eq(u2, 3)",
      "~(zf0 < 1.0)",
      "u0**2",
      "2*u0**2",
      "-u0**2",
      "(u0 + 1)**2",
      "(-2)**u0",
      "u0**(-1)",
      "(u0//2)**2",
      "PythonMod((u2//4), 2)**2",
      "(-u0 + u2)*Min(u0, 5*u0)",
      "4*(-u0 + u2)*Min(u0, 5*u0)",
      "u0*u1*(u2 - 2*(u2//2))",
      "u2 - (u0 + u1)",
      "u0 - (u1//16) - Min(u0, 5*u0)",
      "u0/2",
      "(u0 + 1)/u1",
      "u0/(2*u1)",
      "2*(u0/u1)",
      "Where(u0 > 0, u0, 0)",
      "CeilDiv(u0, 2)",
      "Abs(u0)",
      "TruncToInt(zf0)",
      "ToFloat(u0)",
      "foo(u0, 2)",
      "-9223372036854775808",
      "9223372036854775807",
      "u0 - 9223372036854775807",
      "u0 + -9223372036854775808",
      "9223372036854775808",
      "u0 >= 0",
      "Eq(8*(Max(0, u0, u1)//8) + PythonMod(Max(0, u0, u1), 8), Max(0, u0, u1))",
  };
  for (const std::string& s : cases) {
    CAPTURE(s);
    ExprContext c;
    ExprRef e = parse(c, s);
    CHECK(printExpr(e) == s);
    CHECK(parse(c, printExpr(e)) == e);
  }
}

namespace {

/// A deterministic random expression generator (std::mt19937_64 with a fixed seed; no
/// std::*_distribution, whose output differs between standard libraries).
class RandomExprs {
 public:
  RandomExprs(ExprContext& c, std::uint64_t seed) : c_(c), rng_(seed) {}

  ExprRef gen(int depth) {
    if (depth <= 0 || below(5) == 0) return leaf();
    switch (below(23)) {
      case 0:
      case 1: return c_.add(list(depth, 2 + below(3)));
      case 2:
      case 3: return c_.mul(list(depth, 2 + below(3)));
      case 4: return c_.sub(gen(depth - 1), gen(depth - 1));
      case 5: return c_.neg(gen(depth - 1));
      case 6: return c_.floorDiv(gen(depth - 1), gen(depth - 1));
      case 7: return c_.pythonMod(gen(depth - 1), gen(depth - 1));
      case 8: return c_.mod(gen(depth - 1), gen(depth - 1));
      case 9: return c_.max(list(depth, 1 + below(3)));
      case 10: return c_.min(list(depth, 1 + below(3)));
      case 11: return c_.abs(gen(depth - 1));
      case 12: return c_.powByNatural(gen(depth - 1), gen(depth - 1));
      case 13: return c_.ceilDiv(gen(depth - 1), gen(depth - 1));
      case 14: return below(2) ? c_.truncToInt(gen(depth - 1)) : c_.toFloat(gen(depth - 1));
      case 15: return c_.trueDiv(gen(depth - 1), gen(depth - 1));
      case 16:
      case 17: {
        auto k = static_cast<ExprKind>(static_cast<int>(ExprKind::Eq) + static_cast<int>(below(6)));
        return c_.cmp(k, gen(depth - 1), gen(depth - 1));
      }
      case 18: return c_.land(list(depth, 2 + below(2)));
      case 19: return c_.lor(list(depth, 2 + below(2)));
      case 20: return c_.lnot(gen(depth - 1));
      case 21: return c_.where(gen(depth - 1), gen(depth - 1), gen(depth - 1));
      default: {
        static const char* const kNames[] = {"foo", "FloorToInt", "OpaqueUnaryFn_sqrt"};
        return c_.apply(kNames[below(3)], list(depth, below(3)));
      }
    }
  }

 private:
  ExprContext& c_;
  std::mt19937_64 rng_;

  std::uint64_t below(std::uint64_t n) { return rng_() % n; }

  std::vector<ExprRef> list(int depth, std::uint64_t n) {
    std::vector<ExprRef> out;
    for (std::uint64_t i = 0; i < n; ++i) out.push_back(gen(depth - 1));
    return out;
  }

  ExprRef leaf() {
    static const char* const kSymbols[] = {"u0", "u1", "u2", "s0", "s77", "i4", "zf0", "x_y"};
    static const std::int64_t kInts[] = {0,    1,        -1,       2,        -2,
                                         3,    7,        -8,       100,      kInt64Max,
                                         kInt64Min, kInt64Max - 1, kInt64Min + 1, 1LL << 40, -(1LL << 33),
                                         1LL << 62};
    static const double kFloats[] = {0.5,     -2.5,       4.0,     1e-7,
                                     1e20,    -0.0,       0.0,     3.14159,
                                     1e16,    123456.789, -1e-300, 2.2250738585072014e-308,
                                     1.7976931348623157e308};
    switch (below(10)) {
      case 0:
      case 1:
      case 2:
      case 3: return c_.symbol(kSymbols[below(std::size(kSymbols))]);
      case 4:
      case 5: return c_.intConst(kInts[below(std::size(kInts))]);
      case 6: return c_.intConst(static_cast<std::int64_t>(below(41)) - 20);
      case 7: return c_.floatConst(kFloats[below(std::size(kFloats))]);
      case 8: return c_.boolConst(below(2) == 0);
      default: return c_.intInf(below(2) ? 1 : -1);
    }
  }
};

}  // namespace

TEST_CASE("round trip: parseExpr(printExpr(e)) == e for random factory-built expressions") {
  ExprContext c;
  RandomExprs gen(c, 20240611);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    ExprRef e = gen.gen(1 + i % 6);
    std::string text = printExpr(e);
    CAPTURE(text);
    ExprRef back = nullptr;
    try {
      back = parseExpr(c, text, kAt);
    } catch (const InputError& err) {
      FAIL("printed text does not parse: " << err.what());
    }
    if (back != e) {
      CAPTURE(printExpr(back));
      CAPTURE(std::string(kindName(e->kind())));
      CAPTURE(std::string(kindName(back->kind())));
      FAIL("round trip changed the expression");
    }
    ++checked;
  }
  CHECK(checked == 20000);
}

TEST_CASE("parser: random bytes and token soup never crash") {
  std::mt19937_64 rng(7);
  static const char* const kPieces[] = {
      "u0", "s1", "2", "-", "+", "*", "**", "//", "/", "%", "(", ")", ",", " ", "Max(", "Min(",
      "Eq(", "Mod(", "FloorDiv(", "<", "<=", ">=", "==", "!=", "&", "|", "~", "not ", "and ",
      "or ", "int_oo", "True", "1e5", ".", "9223372036854775808", "f(", "Where(", "@", "\xff"};
  int parsed = 0;
  for (int i = 0; i < 30000; ++i) {
    std::string text;
    std::size_t n = rng() % 24;
    for (std::size_t j = 0; j < n; ++j) {
      if (i % 3 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        text += kPieces[rng() % std::size(kPieces)];
      }
    }
    ExprContext c;
    CAPTURE(text);
    try {
      ExprRef e = parseExpr(c, text, kAt);
      ++parsed;
      // whatever parses prints to text that reads back to the same expression
      CHECK(parseExpr(c, printExpr(e), kAt) == e);
    } catch (const InputError& e) {
      CHECK(e.loc().col >= kAt.col);
      CHECK(e.loc().col <= kAt.col + static_cast<int>(text.size()));
    }
  }
  MESSAGE("token soup: " << parsed << " of 30000 inputs parsed");
  CHECK(parsed > 0);
}

namespace {

/// The expression texts of a printed program: the insides of `Sym(...)` and the dimensions of
/// tensor annotations `"f32[...]"`, each with its line and column.
struct ExprSite {
  std::string text;
  int line;
  int col;
};

std::size_t matching(const std::string& s, std::size_t open, char o, char cl) {
  int depth = 0;
  for (std::size_t j = open; j < s.size(); ++j) {
    if (s[j] == o) ++depth;
    if (s[j] == cl && --depth == 0) return j;
  }
  return std::string::npos;
}

std::vector<ExprSite> annotationsOf(const std::string& path) {
  std::vector<ExprSite> out;
  std::ifstream in(path);
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    for (std::size_t p = line.find("Sym("); p != std::string::npos; p = line.find("Sym(", p + 1)) {
      std::size_t close = matching(line, p + 3, '(', ')');
      if (close == std::string::npos) continue;
      out.push_back({line.substr(p + 4, close - p - 4), lineNo, static_cast<int>(p + 5)});
    }
    for (std::size_t p = line.find('"'); p != std::string::npos; p = line.find('"', p + 1)) {
      std::size_t q = p + 1;
      auto lowerOrDigit = [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
      };
      while (q < line.size() && lowerOrDigit(line[q])) ++q;
      if (q == p + 1 || q >= line.size() || line[q] != '[') continue;
      std::size_t close = matching(line, q, '[', ']');
      if (close == std::string::npos) continue;
      // split the dimensions at top-level commas
      int depth = 0;
      std::size_t start = q + 1;
      for (std::size_t j = q + 1; j <= close; ++j) {
        char ch = line[j];
        if (ch == '(' || ch == '[') ++depth;
        if (ch == ')') --depth;
        if ((ch == ',' && depth == 0) || j == close) {
          std::size_t b = start;
          std::size_t e = j;
          while (b < e && line[b] == ' ') ++b;
          while (e > b && line[e - 1] == ' ') --e;
          if (e > b) out.push_back({line.substr(b, e - b), lineNo, static_cast<int>(b + 1)});
          start = j + 1;
        }
      }
    }
  }
  return out;
}

std::vector<std::string> textFilesUnder(const std::filesystem::path& dir, bool recursive) {
  std::vector<std::string> files;
  if (!std::filesystem::is_directory(dir)) return files;
  auto consider = [&](const std::filesystem::directory_entry& e) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
  };
  if (recursive) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) consider(e);
  } else {
    for (const auto& e : std::filesystem::directory_iterator(dir)) consider(e);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("corpus and samples: every annotation parses - print(parse(s)) == s") {
  std::vector<std::string> corpus =
      textFilesUnder(std::filesystem::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/corpus", true);
  std::vector<std::string> samples =
      textFilesUnder(std::filesystem::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/samples", false);
  if (corpus.empty() && samples.empty()) {
    MESSAGE("no corpus or samples found; skipped");
    return;
  }
  int total = 0;
  int same = 0;
  std::vector<std::string> mismatches;
  for (const auto& group : {corpus, samples}) {
    for (const std::string& file : group) {
      ExprContext c;
      for (const ExprSite& a : annotationsOf(file)) {
        CAPTURE(file);
        CAPTURE(a.line);
        CAPTURE(a.text);
        ExprRef e = nullptr;
        try {
          e = parseExpr(c, a.text, SourceLoc{file, a.line, a.col});
        } catch (const InputError& err) {
          FAIL_CHECK(err.what());
          continue;
        }
        ++total;
        std::string printed = printExpr(e);
        if (printed == a.text) {
          ++same;
        } else if (mismatches.size() < 20) {
          mismatches.push_back(a.text + "  =>  " + printed);
        }
        CHECK(parseExpr(c, printed, kAt) == e);
      }
    }
  }
  std::ostringstream report;
  for (const std::string& m : mismatches) report << "\n  " << m;
  MESSAGE("annotations: " << total << ", printed identically: " << same << report.str());
  CHECK(total > 0);
  // sympy's operand order is preserved, so the printer reproduces PyTorch's text
  CHECK(same == total);
}

// Regression (found by fuzz_expr, inputs kept in tests/fixtures/fuzz/expr/): a keyword followed
// by '(' after an operator was read as an opaque call named `not`, which printed back as the
// keyword and re-parsed as a different expression.
TEST_CASE("keywords are never function names") {
  for (const char* text : {"0 + not(u0) < 1", "x == not(u0)", "1 + and(u0)"}) {
    symrange::ir::ExprContext cx;
    CAPTURE(text);
    CHECK_THROWS_AS(symrange::ir::parseExpr(cx, text, symrange::ir::SourceLoc{"t", 1, 1}),
                    symrange::ir::InputError);
  }
  symrange::ir::ExprContext cx;
  auto e = symrange::ir::parseExpr(cx, "not (u0 < 1)", symrange::ir::SourceLoc{"t", 1, 1});
  CHECK(symrange::ir::parseExpr(cx, symrange::ir::printExpr(e), symrange::ir::SourceLoc{"t", 1, 1}) == e);
}

// Regression (found by fuzz_expr in a 30-minute run, input kept in tests/fixtures/fuzz/expr/):
// a chain `a < E < b` is `a < E and E < b`, so nested chains double the tree at each level; a
// 4.5 KB input printed as 22 MB. The parser bounds the tree size of what it builds.
TEST_CASE("parser: chained comparisons cannot blow up the tree") {
  using namespace symrange::ir;
  auto nested = [](int levels) {
    std::string e = "u0";
    for (int k = 0; k < levels; ++k) e = "(u1 < " + e + " < u2)";
    return e;
  };
  {
    ExprContext cx;
    ExprRef e = parseExpr(cx, nested(8), SourceLoc{"t", 1, 1});
    CHECK(e->treeSize() > 256);  // 2^8 copies of the innermost operand
    CHECK(parseExpr(cx, printExpr(e), SourceLoc{"t", 1, 1}) == e);
  }
  for (int levels : {20, 40, 200}) {
    ExprContext cx;
    CAPTURE(levels);
    try {
      (void)parseExpr(cx, nested(levels), SourceLoc{"t", 3, 7});
      FAIL("expected an InputError");
    } catch (const InputError& err) {
      CHECK(std::string(err.what()).find("too large") != std::string::npos);
      CHECK(std::string(err.what()).find("t:3:") == 0);
    }
  }
  ExprContext cx;
  std::ifstream in(std::string(SYMRANGE_SOURCE_DIR) +
                   "/tests/fixtures/fuzz/expr/chained_compare_blowup_846f884c.txt");
  std::stringstream found;
  found << in.rdbuf();
  REQUIRE(!found.str().empty());
  try {
    ExprRef e = parseExpr(cx, found.str(), SourceLoc{"t", 1, 1});
    CHECK(e->treeSize() <= (std::uint64_t{1} << 18));
    CHECK(parseExpr(cx, printExpr(e), SourceLoc{"t", 1, 1}) == e);
  } catch (const InputError& err) {
    CHECK(std::string(err.what()).find("too large") != std::string::npos);
  }
}
