// ir/ExprParser.cpp — recursive-descent reader of PyTorch's sympy spelling. Total on arbitrary
// bytes: every malformed input becomes an InputError with a column, nesting is bounded.
//
// Grammar, loosest first (Python's precedence, except that `&`/`|` bind looser than
// comparisons, as sympy prints them):
//   or      := and (('or' | '|') and)*
//   and     := not (('and' | '&') not)*
//   not     := ('not' | '~') not | compare
//   compare := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)*     (chains like Python)
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/' | '//' | '%') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := atom ('**' unary)?
//   atom    := INT | FLOAT | NAME | NAME '(' [or (',' or)* [',']] ')' | '(' or ')'
#include "ir/ExprParser.h"

#include "ir/internal/CharClass.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

namespace symrange::ir {

namespace {

constexpr int kMaxDepth = 500;
/// Largest tree size (Expr::treeSize) a parsed expression may have. Only chained comparisons
/// make the tree larger than the text (they repeat their middle operands); nested chains grow
/// it exponentially, and printing or evaluating such a tree would never finish.
constexpr std::uint64_t kMaxTreeSize = std::uint64_t{1} << 18;

enum class Tok : std::uint8_t {
  End,
  Int,
  Float,
  Name,
  LParen,
  RParen,
  Comma,
  Plus,
  Minus,
  Star,
  Slash,
  SlashSlash,
  Percent,
  StarStar,
  Lt,
  Le,
  Gt,
  Ge,
  EqEq,
  NotEq,
  Amp,
  Pipe,
  Tilde,
};

struct Token {
  Tok kind = Tok::End;
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isNameChar(char c) { return isNameStart(c) || isAsciiDigit(c); }

std::string describeChar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  char buf[8];
  std::snprintf(buf, sizeof buf, "'\\x%02x'", u);
  return buf;
}

/// Which built-in function a call names, and how many arguments it takes.
struct Builtin {
  std::string_view name;
  ExprKind kind;
  std::size_t minArgs;
  std::size_t maxArgs;  // 0 = unbounded
};

constexpr Builtin kBuiltins[] = {
    {"Max", ExprKind::Max, 1, 0},
    {"Min", ExprKind::Min, 1, 0},
    {"Mod", ExprKind::Mod, 2, 2},
    {"PythonMod", ExprKind::PythonMod, 2, 2},
    {"FloorDiv", ExprKind::FloorDiv, 2, 2},
    {"CeilDiv", ExprKind::CeilDiv, 2, 2},
    {"Abs", ExprKind::Abs, 1, 1},
    {"PowByNatural", ExprKind::PowByNatural, 2, 2},
    {"TruncToInt", ExprKind::TruncToInt, 1, 1},
    {"ToFloat", ExprKind::ToFloat, 1, 1},
    {"IntTrueDiv", ExprKind::TrueDiv, 2, 2},
    {"FloatTrueDiv", ExprKind::TrueDiv, 2, 2},
    {"Eq", ExprKind::Eq, 2, 2},
    {"Ne", ExprKind::Ne, 2, 2},
    {"Lt", ExprKind::Lt, 2, 2},
    {"Le", ExprKind::Le, 2, 2},
    {"Gt", ExprKind::Gt, 2, 2},
    {"Ge", ExprKind::Ge, 2, 2},
    {"And", ExprKind::And, 0, 0},
    {"Or", ExprKind::Or, 0, 0},
    {"Not", ExprKind::Not, 1, 1},
    {"Where", ExprKind::Where, 3, 3},
};

class Parser {
 public:
  Parser(ExprContext& ctx, std::string_view text, const SourceLoc& at)
      : ctx_(ctx), text_(text), at_(at) {}

  ExprRef parse() {
    tokenize();
    if (peek().kind == Tok::End) fail(peek().begin, "empty expression");
    ExprRef e = parseOr();
    if (peek().kind != Tok::End) {
      std::string_view rest = text_.substr(peek().begin);
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\n' ||
                               rest.back() == '\r')) {
        rest.remove_suffix(1);
      }
      std::string shown(rest.substr(0, 24));
      if (rest.size() > 24) shown += "...";
      fail(peek().begin, "trailing text '" + shown + "' after expression");
    }
    return e;
  }

 private:
  ExprContext& ctx_;
  std::string_view text_;
  const SourceLoc& at_;
  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  int depth_ = 0;

  /// Counts nesting (parentheses, calls, prefix operators) so that hostile input cannot
  /// exhaust the stack.
  struct DepthGuard {
    Parser& p;
    DepthGuard(Parser& parser, std::size_t offset) : p(parser) {
      if (++p.depth_ > kMaxDepth) p.fail(offset, "expression nested too deeply");
    }
    ~DepthGuard() { --p.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
  };

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
    SourceLoc loc = at_;
    loc.col += static_cast<int>(offset);
    throw InputError(loc, message);
  }

  const Token& peek() const { return toks_[pos_]; }
  const Token& next() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool accept(Tok k) {
    if (peek().kind != k) return false;
    ++pos_;
    return true;
  }
  std::string_view textOf(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  bool isKeyword(const Token& t, std::string_view word) const {
    return t.kind == Tok::Name && textOf(t) == word;
  }

  std::string describe(const Token& t) const {
    if (t.kind == Tok::End) return "end of expression";
    return "'" + std::string(textOf(t)) + "'";
  }

  void tokenize() {
    std::size_t i = 0;
    const std::size_t n = text_.size();
    auto push = [&](Tok k, std::size_t len) {
      toks_.push_back({k, i, i + len});
      i += len;
    };
    while (i < n) {
      char c = text_[i];
      char d = i + 1 < n ? text_[i + 1] : '\0';
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
      } else if (isAsciiDigit(c) || (c == '.' && isAsciiDigit(d))) {
        std::size_t j = i;
        bool isFloat = false;
        while (j < n && isAsciiDigit(text_[j])) ++j;
        if (j < n && text_[j] == '.') {
          isFloat = true;
          ++j;
          while (j < n && isAsciiDigit(text_[j])) ++j;
        }
        if (j < n && (text_[j] == 'e' || text_[j] == 'E')) {
          std::size_t k = j + 1;
          if (k < n && (text_[k] == '+' || text_[k] == '-')) ++k;
          if (k < n && isAsciiDigit(text_[k])) {
            isFloat = true;
            j = k;
            while (j < n && isAsciiDigit(text_[j])) ++j;
          }
        }
        push(isFloat ? Tok::Float : Tok::Int, j - i);
      } else if (isNameStart(c)) {
        std::size_t j = i;
        while (j < n && isNameChar(text_[j])) ++j;
        push(Tok::Name, j - i);
      } else if (c == '/' && d == '/') {
        push(Tok::SlashSlash, 2);
      } else if (c == '*' && d == '*') {
        push(Tok::StarStar, 2);
      } else if (c == '<' && d == '=') {
        push(Tok::Le, 2);
      } else if (c == '>' && d == '=') {
        push(Tok::Ge, 2);
      } else if (c == '=' && d == '=') {
        push(Tok::EqEq, 2);
      } else if (c == '!' && d == '=') {
        push(Tok::NotEq, 2);
      } else {
        Tok k = Tok::End;
        switch (c) {
          case '(': k = Tok::LParen; break;
          case ')': k = Tok::RParen; break;
          case ',': k = Tok::Comma; break;
          case '+': k = Tok::Plus; break;
          case '-': k = Tok::Minus; break;
          case '*': k = Tok::Star; break;
          case '/': k = Tok::Slash; break;
          case '%': k = Tok::Percent; break;
          case '<': k = Tok::Lt; break;
          case '>': k = Tok::Gt; break;
          case '&': k = Tok::Amp; break;
          case '|': k = Tok::Pipe; break;
          case '~': k = Tok::Tilde; break;
          default: fail(i, "unexpected character " + describeChar(c));
        }
        push(k, 1);
      }
    }
    toks_.push_back({Tok::End, n, n});
  }

  ExprRef parseOr() {
    DepthGuard guard(*this, peek().begin);
    std::vector<ExprRef> args{parseAnd()};
    while (peek().kind == Tok::Pipe || isKeyword(peek(), "or")) {
      next();
      args.push_back(parseAnd());
    }
    return args.size() == 1 ? args[0] : ctx_.lor(std::move(args));
  }

  ExprRef parseAnd() {
    std::vector<ExprRef> args{parseNot()};
    while (peek().kind == Tok::Amp || isKeyword(peek(), "and")) {
      next();
      args.push_back(parseNot());
    }
    return args.size() == 1 ? args[0] : ctx_.land(std::move(args));
  }

  ExprRef parseNot() {
    if (peek().kind == Tok::Tilde || isKeyword(peek(), "not")) {
      DepthGuard guard(*this, peek().begin);
      next();
      return ctx_.lnot(parseNot());
    }
    return parseCompare();
  }

  static std::optional<ExprKind> comparisonOf(Tok t) {
    switch (t) {
      case Tok::Lt: return ExprKind::Lt;
      case Tok::Le: return ExprKind::Le;
      case Tok::Gt: return ExprKind::Gt;
      case Tok::Ge: return ExprKind::Ge;
      case Tok::EqEq: return ExprKind::Eq;
      case Tok::NotEq: return ExprKind::Ne;
      case Tok::End: case Tok::Int: case Tok::Float: case Tok::Name: case Tok::LParen:
      case Tok::RParen: case Tok::Comma: case Tok::Plus: case Tok::Minus: case Tok::Star:
      case Tok::Slash: case Tok::SlashSlash: case Tok::Percent: case Tok::StarStar:
      case Tok::Amp: case Tok::Pipe: case Tok::Tilde:
        return std::nullopt;
    }
    return std::nullopt;
  }

  ExprRef parseCompare() {
    const std::size_t start = peek().begin;
    ExprRef lhs = parseSum();
    std::vector<ExprRef> links;
    while (auto k = comparisonOf(peek().kind)) {
      next();
      ExprRef rhs = parseSum();
      links.push_back(ctx_.cmp(*k, lhs, rhs));  // Python chains: a < b < c is a < b and b < c
      lhs = rhs;
    }
    if (links.empty()) return lhs;
    ExprRef chain = links.size() == 1 ? links[0] : ctx_.land(std::move(links));
    if (chain->treeSize() > kMaxTreeSize)
      fail(start, "expression too large: its chained comparisons repeat operands into " +
                      std::to_string(chain->treeSize()) + " terms (at most " +
                      std::to_string(kMaxTreeSize) + ")");
    return chain;
  }

  /// A run of `+`/`-` becomes one n-ary add, so that the sum reads back exactly as printed.
  ExprRef parseSum() {
    std::size_t start = peek().begin;
    std::vector<ExprRef> terms{parseProduct()};
    while (peek().kind == Tok::Plus || peek().kind == Tok::Minus) {
      bool minus = next().kind == Tok::Minus;
      ExprRef t = parseProduct();
      terms.push_back(minus ? ctx_.neg(t) : t);
    }
    return terms.size() == 1 ? terms[0] : bounded(ctx_.add(std::move(terms)), start);
  }

  /// A run of `*` becomes one n-ary mul; `/`, `//` and `%` apply (left-associatively) to the
  /// product so far.
  ExprRef parseProduct() {
    std::size_t start = peek().begin;
    std::vector<ExprRef> factors{parseUnary()};
    auto product = [&]() {
      if (factors.size() == 1) return factors[0];
      // the product of the constants has at least (sum of their digits) - (count - 1) digits:
      // refuse a long run of big factors before multiplying them out
      std::size_t digits = 0;
      for (ExprRef f : factors) digits += topConstDigits(f);
      if (digits > kMaxDigits + factors.size()) {
        tooManyDigits(start, "more than " + std::to_string(digits - factors.size()));
      }
      return bounded(ctx_.mul(factors), start);
    };
    for (;;) {
      Tok k = peek().kind;
      if (k == Tok::Star) {
        next();
        factors.push_back(parseUnary());
      } else if (k == Tok::Slash || k == Tok::SlashSlash || k == Tok::Percent) {
        next();
        ExprRef lhs = product();
        ExprRef rhs = parseUnary();
        ExprRef r = k == Tok::Slash        ? ctx_.trueDiv(lhs, rhs)
                    : k == Tok::SlashSlash ? ctx_.floorDiv(lhs, rhs)
                                           : ctx_.pythonMod(lhs, rhs);
        factors.assign(1, bounded(r, start));
      } else {
        return product();
      }
    }
  }

  ExprRef parseUnary() {
    Tok k = peek().kind;
    if (k != Tok::Minus && k != Tok::Plus) return parsePower();
    DepthGuard guard(*this, peek().begin);
    next();
    // a negative literal is one constant (`-9223372036854775808` is INT64_MIN)
    if (k == Tok::Minus && peek().kind == Tok::Int && toks_[pos_ + 1].kind != Tok::StarStar) {
      const Token& lit = next();
      return ctx_.intLiteral("-" + std::string(checkedDigits(lit)));
    }
    ExprRef operand = parseUnary();
    return k == Tok::Minus ? ctx_.neg(operand) : operand;
  }

  ExprRef parsePower() {
    std::size_t start = peek().begin;
    ExprRef base = parseAtom();
    if (peek().kind != Tok::StarStar) return base;
    DepthGuard guard(*this, peek().begin);
    next();
    ExprRef exp = parseUnary();  // right-associative, and `a**-b` is allowed, as in Python
    return bounded(ctx_.powByNatural(base, exp), start);
  }

  /// Python (3.11 on) neither reads nor prints an int of more than 4300 digits
  /// (sys.int_info.default_max_str_digits); nor do we. This holds for a literal and for a
  /// constant the parser folds (`9**5000`, a product of big literals): every expression
  /// parseExpr returns prints as text it reads back.
  static constexpr std::size_t kMaxDigits = 4300;

  /// The digits of the constant at the top of `e`: `e` itself, or an operand of it (where a
  /// fold leaves a coefficient or a constant term). Anything deeper was checked when it was
  /// built.
  static std::size_t topConstDigits(ExprRef e) {
    auto digits = [](ExprRef c) {
      if (!c->isBigIntConst()) return std::size_t{0};
      const std::string& s = c->bigText();
      return s.size() - (s[0] == '-' ? 1 : 0);
    };
    std::size_t most = digits(e);
    for (ExprRef op : e->ops()) most = std::max(most, digits(op));
    return most;
  }

  [[noreturn]] void tooManyDigits(std::size_t offset, const std::string& digits) const {
    fail(offset, "a constant of " + digits + " digits exceeds Python's limit of " + std::to_string(kMaxDigits) +
                     " digits");
  }

  /// `e`, unless folding gave it a constant longer than Python's limit.
  ExprRef bounded(ExprRef e, std::size_t offset) const {
    if (std::size_t d = topConstDigits(e); d > kMaxDigits) tooManyDigits(offset, std::to_string(d));
    return e;
  }

  /// The digits of an integer literal of any size (a Python int), at most kMaxDigits of them.
  std::string_view checkedDigits(const Token& t) const {
    std::string_view s = textOf(t);
    bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (!digits) fail(t.begin, "malformed integer literal: " + std::string(s));
    if (s.size() > kMaxDigits) {
      fail(t.begin, "integer literal of " + std::to_string(s.size()) +
                        " digits exceeds Python's limit of 4300 digits");
    }
    return s;
  }

  ExprRef parseAtom() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::Int: {
        next();
        return ctx_.intLiteral(checkedDigits(t));
      }
      case Tok::Float: {
        next();
        std::string_view s = textOf(t);
        double v = 0.0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        bool complete = ptr == s.data() + s.size();
        if (!complete || (ec != std::errc{} && ec != std::errc::result_out_of_range)) {
          fail(t.begin, "malformed float literal: " + std::string(s));
        }
        if (ec == std::errc::result_out_of_range) {
          fail(t.begin, "float literal out of range: " + std::string(s));
        }
        return ctx_.floatConst(v);
      }
      case Tok::LParen: {
        next();
        ExprRef e = parseOr();
        expectClose(t);
        return e;
      }
      case Tok::Name: return parseName();
      case Tok::End: case Tok::RParen: case Tok::Comma: case Tok::Plus: case Tok::Minus:
      case Tok::Star: case Tok::Slash: case Tok::SlashSlash: case Tok::Percent:
      case Tok::StarStar: case Tok::Lt: case Tok::Le: case Tok::Gt: case Tok::Ge:
      case Tok::EqEq: case Tok::NotEq: case Tok::Amp: case Tok::Pipe: case Tok::Tilde:
        break;  // not the start of an atom (unary signs and `not` are parsed above)
    }
    fail(t.begin, "expected an expression but found " + describe(t));
  }

  void expectClose(const Token& open) {
    if (accept(Tok::RParen)) return;
    fail(peek().begin, "expected ')' to close '(' at column " +
                           std::to_string(at_.col + static_cast<int>(open.begin)) +
                           " but found " + describe(peek()));
  }

  ExprRef parseName() {
    const Token& t = next();
    std::string_view name = textOf(t);
    // Keywords are never names, called or not (as in Python): `not(u0)` after an operator is
    // not a function call.
    if (name == "and" || name == "or" || name == "not") {
      fail(t.begin, "expected an expression but found '" + std::string(name) + "'");
    }
    if (peek().kind != Tok::LParen) {
      if (name == "True") return ctx_.trueExpr();
      if (name == "False") return ctx_.falseExpr();
      if (name == "int_oo" || name == "oo") return ctx_.intInf(1);
      return ctx_.symbol(name);
    }
    const Token& open = next();
    DepthGuard guard(*this, open.begin);
    std::vector<ExprRef> args;
    if (!accept(Tok::RParen)) {
      for (;;) {
        args.push_back(parseOr());
        if (accept(Tok::RParen)) break;
        if (accept(Tok::Comma)) {
          if (accept(Tok::RParen)) break;  // f(a, b,) as in Python
          continue;
        }
        fail(peek().begin, "expected ',' or ')' in the arguments of " + std::string(name) +
                               " but found " + describe(peek()));
      }
    }
    for (const Builtin& b : kBuiltins) {
      if (b.name != name) continue;
      if (args.size() < b.minArgs || (b.maxArgs != 0 && args.size() > b.maxArgs)) {
        std::string want = b.maxArgs == b.minArgs ? std::to_string(b.minArgs)
                                                  : "at least " + std::to_string(b.minArgs);
        fail(t.begin, std::string(name) + " expects " + want + " argument" +
                          (b.minArgs == 1 ? "" : "s") + ", got " +
                          std::to_string(args.size()));
      }
      return bounded(ctx_.make(b.kind, std::move(args)), t.begin);
    }
    return ctx_.apply(name, std::move(args));
  }
};

}  // namespace

ExprRef parseExpr(ExprContext& ctx, std::string_view text, const SourceLoc& at) {
  Parser p(ctx, text, at);
  return p.parse();
}

}  // namespace symrange::ir
