// ir/ExprPrinter.cpp — PyTorch's sympy spelling: operands in the order the factories keep,
// parentheses exactly where sympy puts them (and where ExprParser needs them to read back the
// same expression).
#include "ir/ExprPrinter.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "ir/Diagnostic.h"
#include "ir/ExprFunctor.h"

namespace symrange::ir {

namespace {


/// Binding strength of the printed form, loosest first (ExprParser's grammar levels).
enum Prec : int { Or = 1, And, Not, Cmp, Sum, Product, Unary, Power, Atom };

/// Python's repr of a float: shortest round-trip digits, `4.0`, `0.0001`, `1e-05`, `1e+16`.
void appendFloat(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "nan";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-inf" : "inf";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  SYMRANGE_ASSERT(res.ec == std::errc{});
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));  // [-]d[.ddd]e[+-]XX
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  std::size_t ePos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, ePos)) {
    if (c != '.') digits += c;
  }
  int exp10 = 0;
  std::string_view expText = sci.substr(ePos + 1);
  if (!expText.empty() && expText.front() == '+') expText.remove_prefix(1);
  std::from_chars(expText.data(), expText.data() + expText.size(), exp10);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  if (negative) out += '-';
  if (exp10 >= -4 && exp10 < 16) {
    int point = exp10 + 1;  // digits before the decimal point
    if (point <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-point), '0');
      out += digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
      out += digits;
      out.append(static_cast<std::size_t>(point) - digits.size(), '0');
      out += ".0";
    } else {
      out.append(digits, 0, static_cast<std::size_t>(point));
      out += '.';
      out.append(digits, static_cast<std::size_t>(point));
    }
    return;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out.append(digits, 1);
  }
  out += 'e';
  out += exp10 < 0 ? '-' : '+';
  int mag = exp10 < 0 ? -exp10 : exp10;
  if (mag < 10) out += '0';
  out += std::to_string(mag);
}

bool isIntFactor(ExprRef e) { return e->isIntLiteral(); }

/// A Mul with one merged integer coefficient in front (the usual form).
bool hasSingleCoefficient(ExprRef m) {
  return m->kind() == ExprKind::Mul && isIntFactor(m->op(0)) && !isIntFactor(m->op(1));
}

template <ExprKind>
constexpr bool kNoSpelling = false;

/// The kinds printed as a call of their sympy name: `Max(u0, 1)`, `Eq(u0, 1)`, `PythonMod(u1, 3)`.
constexpr bool printsAsCall(ExprKind k) {
  return k == ExprKind::Mod || k == ExprKind::PythonMod || k == ExprKind::Max ||
         k == ExprKind::Min || k == ExprKind::Abs || k == ExprKind::CeilDiv ||
         k == ExprKind::TruncToInt || k == ExprKind::ToFloat || k == ExprKind::Eq ||
         k == ExprKind::Ne || k == ExprKind::Where;
}

/// The binding strength of `e`'s printed form.
struct PrecedenceOf : ExprFunctor<PrecedenceOf, int> {
  template <ExprKind K>
  int visit(ExprRef e, Kind<K>) {
    if constexpr (K == ExprKind::IntConst || K == ExprKind::BigIntConst) {
      return e->intSign() < 0 ? Unary : Atom;
    } else if constexpr (K == ExprKind::FloatConst) {
      return std::signbit(e->floatValue()) ? Unary : Atom;
    } else if constexpr (K == ExprKind::IntInf) {
      return e->intValue() < 0 ? Unary : Atom;
    } else if constexpr (K == ExprKind::Add) {
      return Sum;
    } else if constexpr (K == ExprKind::Mul || K == ExprKind::TrueDiv) {
      return Product;
    } else if constexpr (K == ExprKind::PowByNatural) {
      return Power;
    } else if constexpr (K == ExprKind::Lt || K == ExprKind::Le || K == ExprKind::Gt ||
                         K == ExprKind::Ge) {
      return Cmp;
    } else if constexpr (K == ExprKind::And) {
      return And;
    } else if constexpr (K == ExprKind::Or) {
      return Or;
    } else if constexpr (K == ExprKind::Not) {
      return Not;
    } else if constexpr (K == ExprKind::BoolConst || K == ExprKind::Symbol ||
                         K == ExprKind::Apply || K == ExprKind::FloorDiv || printsAsCall(K)) {
      return Atom;  // leaves, function calls, and FloorDiv (it brings its own parentheses)
    } else {
      static_assert(kNoSpelling<K>, "a new ExprKind needs its precedence");
    }
  }
};

int precedence(ExprRef e) { return PrecedenceOf{}.dispatch(e); }

/// Prints an expression as a tree (a shared operand is printed at each use, as sympy does).
class Printer : public ExprFunctor<Printer, void> {
 public:
  std::string out;

  void print(ExprRef e) { dispatch(e); }

  void visit(ExprRef e, Kind<ExprKind::IntConst>) { out += std::to_string(e->intValue()); }
  void visit(ExprRef e, Kind<ExprKind::BigIntConst>) { out += e->bigText(); }
  void visit(ExprRef e, Kind<ExprKind::BoolConst>) { out += e->boolValue() ? "True" : "False"; }
  void visit(ExprRef e, Kind<ExprKind::FloatConst>) { appendFloat(out, e->floatValue()); }
  void visit(ExprRef e, Kind<ExprKind::IntInf>) { out += e->intValue() < 0 ? "-int_oo" : "int_oo"; }
  void visit(ExprRef e, Kind<ExprKind::Symbol>) { out += e->name(); }
  void visit(ExprRef e, Kind<ExprKind::Add>) { printAdd(e); }
  void visit(ExprRef e, Kind<ExprKind::Mul>) { printMul(e, false); }
  void visit(ExprRef e, Kind<ExprKind::FloorDiv>) {
    // torch's FloorDiv._sympystr: `(base//divisor)`, operands parenthesized at Mul level
    out += '(';
    printFloorDivOperand(e->op(0));
    out += "//";
    printFloorDivOperand(e->op(1));
    out += ')';
  }
  void visit(ExprRef e, Kind<ExprKind::PowByNatural>) {
    printOperand(e->op(0), precedence(e->op(0)) <= Power);
    out += "**";
    printOperand(e->op(1), precedence(e->op(1)) < Power);
  }
  void visit(ExprRef e, Kind<ExprKind::TrueDiv>) {
    printOperand(e->op(0), precedence(e->op(0)) < Product);
    out += '/';
    printOperand(e->op(1), precedence(e->op(1)) <= Unary);
  }
  void visit(ExprRef e, Kind<ExprKind::Lt>) { printInfix(e, " < "); }
  void visit(ExprRef e, Kind<ExprKind::Le>) { printInfix(e, " <= "); }
  void visit(ExprRef e, Kind<ExprKind::Gt>) { printInfix(e, " > "); }
  void visit(ExprRef e, Kind<ExprKind::Ge>) { printInfix(e, " >= "); }
  void visit(ExprRef e, Kind<ExprKind::And>) { printLogic(e, " & "); }
  void visit(ExprRef e, Kind<ExprKind::Or>) { printLogic(e, " | "); }
  void visit(ExprRef e, Kind<ExprKind::Not>) {
    out += '~';
    printOperand(e->op(0), precedence(e->op(0)) < Atom);
  }
  void visit(ExprRef e, Kind<ExprKind::Apply>) { printCall(e->name(), e); }
  template <ExprKind K>
    requires(printsAsCall(K))
  void visit(ExprRef e, Kind<K>) {
    printCall(kindName(K), e);
  }

 private:
  void printOperand(ExprRef e, bool parens) {
    if (parens) out += '(';
    print(e);
    if (parens) out += ')';
  }

  void printCall(std::string_view name, ExprRef e) {
    out += name;
    out += '(';
    for (std::size_t i = 0; i < e->arity(); ++i) {
      if (i > 0) out += ", ";
      print(e->op(i));
    }
    out += ')';
  }

  void printFloorDivOperand(ExprRef e) {
    ExprKind k = e->kind();
    bool parens = precedence(e) <= Unary || k == ExprKind::FloorDiv ||
                  k == ExprKind::PythonMod || k == ExprKind::Mod;
    printOperand(e, parens);
  }

  void printInfix(ExprRef e, std::string_view op) {
    printOperand(e->op(0), precedence(e->op(0)) <= Cmp);
    out += op;
    printOperand(e->op(1), precedence(e->op(1)) <= Cmp);
  }

  /// sympy's And/Or: `(u0 >= 0) & (u1 < 5)`, `~b & c`.
  void printLogic(ExprRef e, std::string_view op) {
    for (std::size_t i = 0; i < e->arity(); ++i) {
      if (i > 0) out += op;
      ExprRef a = e->op(i);
      printOperand(a, precedence(a) <= Cmp && a->kind() != ExprKind::Not);
    }
  }

  /// Whether `t`, as a non-leading term of a sum, prints as ` - <negated t>`.
  static bool isNegativeTerm(ExprRef t) {
    if (t->isIntConst()) return t->intValue() < 0 && t->intValue() != kInt64Min;
    if (t->isBigIntConst()) return t->intSign() < 0;
    if (t->kind() == ExprKind::FloatConst)
      return std::signbit(t->floatValue()) && !std::isnan(t->floatValue());
    if (t->kind() == ExprKind::IntInf) return t->intValue() < 0;
    if (t->kind() == ExprKind::Mul)
      return hasSingleCoefficient(t) && t->op(0)->intSign() < 0 &&
             !(t->op(0)->isIntConst() && t->op(0)->intValue() == kInt64Min);
    return false;  // any other term prints with ` + `
  }

  /// The text of a term for which isNegativeTerm holds, negated.
  void printNegated(ExprRef t) {
    if (t->isIntConst()) {
      out += std::to_string(-t->intValue());
    } else if (t->isBigIntConst()) {
      out += std::string_view(t->bigText()).substr(1);
    } else if (t->kind() == ExprKind::FloatConst) {
      appendFloat(out, -t->floatValue());
    } else if (t->kind() == ExprKind::IntInf) {
      out += "int_oo";
    } else {
      printMul(t, true);
    }
  }

  /// sympy's Add: `u1 - 8*(u1//8)`, `-u0 + 1`, `u0 - (u1 + u2)`; and sympy's one special
  /// order (Expr.as_ordered_terms): a positive number plus a two-factor product with a negative
  /// coefficient prints the number first, `8 - u2`, `2 - 2*u1`.
  void printAdd(ExprRef e) {
    if (e->arity() == 2 && e->op(1)->isIntLiteral() && e->op(1)->intSign() > 0 &&
        e->op(0)->kind() == ExprKind::Mul && e->op(0)->arity() == 2 &&
        isNegativeTerm(e->op(0))) {
      print(e->op(1));
      out += " - ";
      printNegated(e->op(0));
      return;
    }
    ExprRef first = e->op(0);
    printOperand(first, precedence(first) < Sum);
    for (std::size_t i = 1; i < e->arity(); ++i) {
      ExprRef t = e->op(i);
      if (isNegativeTerm(t)) {
        out += " - ";
        printNegated(t);
      } else {
        out += " + ";
        printOperand(t, precedence(t) <= Sum);
      }
    }
  }

  /// sympy's Mul: `2*u0`, `-u0`, `-2*(u0 + 1)`, `2*(u0//2)`. With `negate`, prints the product
  /// with its (single, negative) coefficient negated: the text after ` - ` in a sum.
  void printMul(ExprRef e, bool negate) {
    std::size_t start = 0;
    if (hasSingleCoefficient(e) && e->op(0)->isBigIntConst()) {
      std::string_view text = e->op(0)->bigText();
      if (negate) {
        SYMRANGE_ASSERT(text[0] == '-');
        text.remove_prefix(1);
      }
      out += text;
      out += '*';
      start = 1;
    } else if (hasSingleCoefficient(e)) {
      std::int64_t c = e->op(0)->intValue();
      if (negate) c = -c;
      if (c == -1) {
        out += '-';
      } else if (c != 1) {
        out += std::to_string(c);
        out += '*';
      }
      start = 1;
    } else {
      // no coefficient, or unmerged constants whose product leaves int64
      SYMRANGE_ASSERT(!negate);
      ExprRef f = e->op(0);
      printOperand(f, precedence(f) < Unary);
      out += '*';
      start = 1;
    }
    for (std::size_t i = start; i < e->arity(); ++i) {
      if (i > start) out += '*';
      ExprRef f = e->op(i);
      printOperand(f, precedence(f) <= Unary);
    }
  }
};

}  // namespace

std::string printExpr(ExprRef e) {
  SYMRANGE_ASSERT(e != nullptr);
  Printer p;
  p.print(e);
  return std::move(p.out);
}

}  // namespace symrange::ir
