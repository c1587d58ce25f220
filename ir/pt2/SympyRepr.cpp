// ir/pt2/SympyRepr.cpp — srepr to the str spelling (see internal/SympyRepr.h).
#include "ir/pt2/internal/SympyRepr.h"

#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace symrange::ir::pt2 {

namespace {

/// A parsed srepr term: a call `head(args, key=value...)`, a bare name, a number or a string.
struct Term {
  enum class Kind { Call, Name, Number, String } kind = Kind::Name;
  std::string text;  // head, name, number or string contents
  std::vector<Term> args;
};

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  std::optional<Term> parseAll() {
    auto t = term(0);
    skip();
    if (!t || pos_ != s_.size()) return std::nullopt;
    return t;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  std::optional<Term> term(int depth) {
    if (depth > 400) return std::nullopt;
    skip();
    if (pos_ >= s_.size()) return std::nullopt;
    char c = s_[pos_];
    Term t;
    if (c == '\'' || c == '"') {
      auto end = s_.find(c, pos_ + 1);
      if (end == std::string_view::npos) return std::nullopt;
      t.kind = Term::Kind::String;
      t.text = std::string(s_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return t;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.') {
      std::size_t b = pos_++;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                  s_[pos_] == '.' || s_[pos_] == '+' || s_[pos_] == '-'))
        ++pos_;
      t.kind = Term::Kind::Number;
      t.text = std::string(s_.substr(b, pos_ - b));
      return t;
    }
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_')) return std::nullopt;
    std::size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    t.text = std::string(s_.substr(b, pos_ - b));
    skip();
    if (pos_ >= s_.size() || s_[pos_] != '(') return t;
    ++pos_;
    t.kind = Term::Kind::Call;
    skip();
    if (pos_ < s_.size() && s_[pos_] == ')') {
      ++pos_;
      return t;
    }
    for (;;) {
      // keyword arguments (`integer=True`) are assumptions: skipped
      skip();
      std::size_t save = pos_;
      std::size_t q = pos_;
      while (q < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[q])) || s_[q] == '_')) ++q;
      if (q > save && q < s_.size() && s_[q] == '=' && (q + 1 >= s_.size() || s_[q + 1] != '=')) {
        pos_ = q + 1;
        if (!term(depth + 1)) return std::nullopt;
      } else {
        auto a = term(depth + 1);
        if (!a) return std::nullopt;
        t.args.push_back(std::move(*a));
      }
      skip();
      if (pos_ >= s_.size()) return std::nullopt;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ')') {
        ++pos_;
        return t;
      }
      return std::nullopt;
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

std::string emit(const Term& t) {
  switch (t.kind) {
    case Term::Kind::String: return t.text;
    case Term::Kind::Number: return t.text[0] == '-' ? "(" + t.text + ")" : t.text;
    case Term::Kind::Name:
      if (t.text == "true") return "True";
      if (t.text == "false") return "False";
      if (t.text == "oo") return "oo";
      return t.text;
    case Term::Kind::Call: break;
  }
  const std::string& h = t.text;
  auto joined = [&](const std::string& sep) {
    std::string s;
    for (std::size_t i = 0; i < t.args.size(); ++i) s += (i ? sep : "") + emit(t.args[i]);
    return s;
  };
  if ((h == "Symbol" || h == "Dummy") && !t.args.empty()) return t.args[0].text;
  if ((h == "Integer" || h == "Float") && t.args.size() >= 1) return emit(t.args[0]);
  if (h == "Rational" && t.args.size() == 2) return "(" + emit(t.args[0]) + "/" + emit(t.args[1]) + ")";
  if (h == "One") return "1";
  if (h == "Zero") return "0";
  if (h == "NegativeOne") return "(-1)";
  if (h == "BooleanTrue") return "True";
  if (h == "BooleanFalse") return "False";
  if (h == "Infinity" || h == "IntInfinity") return "int_oo";
  if (h == "NegativeInfinity" || h == "NegativeIntInfinity") return "(-int_oo)";
  if (h == "Add" && !t.args.empty()) return "(" + joined(" + ") + ")";
  if (h == "Mul" && !t.args.empty()) return "(" + joined("*") + ")";
  if (h == "Pow" && t.args.size() == 2) return "(" + emit(t.args[0]) + "**" + emit(t.args[1]) + ")";
  static const std::map<std::string, std::string> renamed = {
      {"GreaterThan", "Ge"}, {"LessThan", "Le"},   {"StrictGreaterThan", "Gt"},
      {"StrictLessThan", "Lt"}, {"Equality", "Eq"}, {"Unequality", "Ne"}};
  auto it = renamed.find(h);
  return (it == renamed.end() ? h : it->second) + "(" + joined(", ") + ")";
}

bool isSrepr(const Term& t) {
  if (t.kind != Term::Kind::Call) return false;
  static const char* heads[] = {"Symbol", "Integer", "Float", "Rational", "Add", "Mul", "Pow",
                                "GreaterThan", "LessThan", "StrictGreaterThan", "StrictLessThan",
                                "Equality", "Unequality", "BooleanTrue", "BooleanFalse", "Dummy"};
  for (const char* h : heads)
    if (t.text == h) return true;
  for (const auto& a : t.args)
    if (isSrepr(a)) return true;
  return false;
}

}  // namespace

std::string sympyText(std::string_view exprStr) {
  Parser p(exprStr);
  auto t = p.parseAll();
  if (!t || !isSrepr(*t)) return std::string(exprStr);
  return emit(*t);
}

}  // namespace symrange::ir::pt2
