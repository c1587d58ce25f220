// ir/text/PyArgs.cpp — reading Python-like values of printed graphs; repr of strings and floats.
#include "ir/text/internal/PyArgs.h"

#include <charconv>
#include <cctype>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace symrange::ir {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void appendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool isIdentifier(std::string_view s) {
  if (s.empty() || !isIdentStart(s[0])) return false;
  for (char c : s)
    if (!isIdentChar(c)) return false;
  return true;
}

std::string pyRepr(std::string_view s, char quote) {
  if (quote == 0)
    quote = (s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos)
                ? '"'
                : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out += quote;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\\') out += "\\\\";
    else if (c == quote) { out += '\\'; out += c; }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(u));
      out += buf;
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

std::string pyFloatRepr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0.0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  auto epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = sign;
  if (exp >= -5 + 1 && exp < 16) {
    if (exp >= 0) {
      std::string ip = digits.substr(0, std::min<std::size_t>(digits.size(), exp + 1));
      while (ip.size() < static_cast<std::size_t>(exp + 1)) ip += '0';
      std::string fp = digits.size() > static_cast<std::size_t>(exp + 1) ? digits.substr(exp + 1) : "0";
      out += ip + "." + fp;
    } else {
      out += "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    }
  } else {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
  }
  return out;
}

namespace detail {

std::size_t skipString(std::string_view text, std::size_t p, std::size_t end) {
  char q = text[p];
  if (p + 1 < end) {  // the closing quote with no escape nor line break before it: by memchr
    const char* from = text.data() + p + 1;
    const std::size_t n = end - p - 1;
    const void* close = std::memchr(from, q, n);
    const std::size_t len = close ? static_cast<std::size_t>(static_cast<const char*>(close) - from) : n;
    if (std::memchr(from, '\\', len) == nullptr && std::memchr(from, '\n', len) == nullptr)
      return close ? p + 1 + len + 1 : std::string_view::npos;
  }
  for (std::size_t i = p + 1; i < end; ++i) {
    if (text[i] == '\n') return std::string_view::npos;
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == q) return i + 1;
  }
  return std::string_view::npos;
}

void bracketError(const SourceText& src, std::size_t at, char found, char open) {
  if (found == '\0') src.fail(at, std::string("unclosed '") + open + "'");
  if (open == '\0') src.fail(at, std::string("unmatched '") + found + "'");
  src.fail(at, std::string("'") + found + "' does not match '" + open + "'");
}

}  // namespace detail

using detail::closerOf;
using detail::opensString;
using detail::skipString;

std::size_t statementEnd(const SourceText& src, std::size_t begin, Dialect d) {
  std::string_view text = src.text();
  detail::BracketStack open;
  const std::size_t n = text.size();
  for (std::size_t p = begin; p < n; ++p) {
    char c = text[p];
    if (c == '\n') {  // the end of the line it ends (a '\r' before it excluded)
      if (open.empty()) return p > 0 && text[p - 1] == '\r' ? p - 1 : p;
      continue;
    }
    if (opensString(text, p, d)) {
      std::size_t q = skipString(text, p, n);
      if (q == std::string_view::npos) src.fail(p, "unterminated string");
      p = q - 1;
      continue;
    }
    if (c == '#' && d == Dialect::Python) {  // a comment runs to the end of its line
      while (p + 1 < n && text[p + 1] != '\n') ++p;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      open.push(p);
    } else if (c == ')' || c == ']' || c == '}') {
      if (open.empty()) src.fail(p, std::string("unmatched '") + c + "'");
      if (closerOf(text[open.back()]) != c)
        src.fail(p, std::string("'") + c + "' does not match '" + text[open.back()] + "'");
      open.pop();
    }
  }
  if (!open.empty())
    src.fail(open.back(), std::string("unclosed '") + text[open.back()] + "' at end of input");
  return src.lines().back().end;
}

PyScanner::Nest::Nest(PyScanner& sc) : s(sc) {
  constexpr int kMaxNesting = 256;
  if (++s.nesting_ > kMaxNesting) s.fail("value nested too deeply");
}

void PyScanner::skipSpaces() {
  while (pos_ < end_ && isSpace(text_[pos_])) ++pos_;
}

bool PyScanner::consume(std::string_view s) {
  if (!startsWith(s)) return false;
  pos_ += s.size();
  return true;
}

void PyScanner::expect(std::string_view s) {
  if (!consume(s)) fail("expected '" + std::string(s) + "'");
}

std::string_view PyScanner::identifier() {
  if (pos_ >= end_ || !isIdentStart(text_[pos_])) return {};
  std::size_t start = pos_;
  while (pos_ < end_ && isIdentChar(text_[pos_])) ++pos_;
  return text_.substr(start, pos_ - start);
}

std::string_view PyScanner::dottedName() {
  std::size_t start = pos_;
  if (identifier().empty()) return {};
  while (pos_ + 1 < end_ && text_[pos_] == '.' && isIdentStart(text_[pos_ + 1])) {
    ++pos_;
    (void)identifier();
  }
  return text_.substr(start, pos_ - start);
}

Argument PyScanner::value() {
  skipSpaces();
  if (pos_ >= end_) fail("expected a value");
  if (dialect_ == Dialect::Fx) return fxValue();
  std::size_t start = pos_;
  char c = peek();
  if (c == '(') return container('(', ')', true);
  if (c == '[') return container('[', ']', false);
  if (c == '{') return dictRaw(start);
  if (c == '\'' || c == '"') return string();
  if (isAsciiDigit(c) || (c == '.' && isAsciiDigit(peek(1))) ||
      ((c == '-' || c == '+') && (isAsciiDigit(peek(1)) || (peek(1) == '.' && isAsciiDigit(peek(2)))))) {
    return number(start, end_);
  }
  if (c == '-' && startsWith("-inf") && !isIdentChar(peek(4))) {
    pos_ += 4;
    return Argument{-HUGE_VAL};
  }
  if (isIdentStart(c)) {
    std::string_view name = dottedName();
    return nameValue(start, name);
  }
  fail(std::string("unexpected character '") + c + "'");
}

Argument PyScanner::nameValue(std::size_t start, std::string_view dotted) {
  if (peek() == '(') return rawCall(start);
  if (dotted.find('.') == std::string_view::npos) {
    if (dotted == "None") return Argument{Argument::None{}};
    if (dotted == "True") return Argument{true};
    if (dotted == "False") return Argument{false};
    if (dotted == "inf") return Argument{HUGE_VAL};
    if (dotted == "nan") return Argument{std::nan("")};
    if (Node* n = lookup_(dotted)) return Argument{n};
    if (dialect_ == Dialect::Python) failAt(start, "undefined name '" + std::string(dotted) + "'");
    if (rawDepth_ > 0) return Argument{Argument::Raw{std::string(dotted)}};
    quotes += '.';  // unquoted, as the FX dialect prints strings
    return Argument{std::string(dotted)};
  }
  // A dotted name: a constant such as torch.float32, or an attribute of a node.
  Argument::Raw raw{std::string(dotted)};
  std::string_view head = dotted.substr(0, dotted.find('.'));
  if (head != "torch" && head != "self") {
    if (Node* n = lookup_(head)) {
      raw.refs.push_back(n);
      raw.refNames.emplace_back(head);
    }
  }
  return Argument{std::move(raw)};
}

Argument PyScanner::makeRaw(std::size_t start, const std::vector<Argument>& parts) {
  Argument::Raw raw{std::string(text_.substr(start, pos_ - start))};
  for (const auto& part : parts)
    forEachNodeRef(part, [&raw](Node* n) {
      raw.refs.push_back(n);
      raw.refNames.push_back(n->name());
    });
  return Argument{std::move(raw)};
}

Argument PyScanner::rawCall(std::size_t start) {
  Nest nest(*this);
  expect("(");
  std::size_t savedQuotes = quotes.size();
  bool savedTight = kwargsTight;
  ++rawDepth_;
  std::vector<Argument> args;
  std::vector<std::pair<std::string, Argument>> kwargs;
  callArguments(')', args, kwargs);
  --rawDepth_;
  quotes.resize(savedQuotes);
  kwargsTight = savedTight;
  for (auto& [k, v] : kwargs) args.push_back(std::move(v));
  return makeRaw(start, args);
}

Argument PyScanner::dictRaw(std::size_t start) {
  Nest nest(*this);
  expect("{");
  std::size_t savedQuotes = quotes.size();
  ++rawDepth_;
  std::vector<Argument> parts;
  for (;;) {
    skipSpaces();
    if (consume("}")) break;
    if (pos_ >= end_) fail("expected '}'");
    if (dialect_ == Dialect::Fx && isIdentStart(peek())) {
      (void)identifier();  // FX prints str keys bare
    } else {
      parts.push_back(value());
    }
    skipSpaces();
    expect(":");
    parts.push_back(value());
    skipSpaces();
    if (consume(",")) continue;
    if (consume("}")) break;
    fail("expected ',' or '}'");
  }
  --rawDepth_;
  quotes.resize(savedQuotes);
  return makeRaw(start, parts);
}

Argument PyScanner::container(char open, char close, bool tupleLike) {
  Nest nest(*this);
  expect(std::string_view(&open, 1));
  Argument::List list;
  list.tuple = tupleLike;
  bool sawComma = false;
  for (;;) {
    skipSpaces();
    if (peek() == close) {
      ++pos_;
      break;
    }
    if (pos_ >= end_) fail(std::string("expected '") + close + "'");
    list.items.push_back(value());
    skipSpaces();
    if (consume(",")) {
      sawComma = true;
      continue;
    }
    if (peek() == close) {
      ++pos_;
      break;
    }
    fail(std::string("expected ',' or '") + close + "'");
  }
  if (tupleLike && !sawComma && list.items.size() == 1) return std::move(list.items[0]);
  return Argument{std::move(list)};
}

Argument PyScanner::number(std::size_t start, std::size_t stop) {
  std::size_t p = start;
  if (p < stop && (text_[p] == '-' || text_[p] == '+')) ++p;
  bool isFloat = false;
  while (p < stop && isAsciiDigit(text_[p])) ++p;
  if (p < stop && text_[p] == '.') {
    isFloat = true;
    ++p;
    while (p < stop && isAsciiDigit(text_[p])) ++p;
  }
  if (p < stop && (text_[p] == 'e' || text_[p] == 'E')) {
    std::size_t q = p + 1;
    if (q < stop && (text_[q] == '-' || text_[q] == '+')) ++q;
    if (q < stop && isAsciiDigit(text_[q])) {
      isFloat = true;
      p = q;
      while (p < stop && isAsciiDigit(text_[p])) ++p;
    }
  }
  if (p < stop && (isIdentChar(text_[p]) || text_[p] == '.'))
    failAt(start, "malformed number '" + std::string(text_.substr(start, p + 1 - start)) + "'");
  std::string_view tok = text_.substr(start, p - start);
  pos_ = p;
  if (!isFloat) {
    std::string_view digits = tok[0] == '+' ? tok.substr(1) : tok;
    std::int64_t v = 0;
    auto res = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (res.ec == std::errc() && res.ptr == digits.data() + digits.size() && tok[0] != '+' &&
        !(digits.size() > 1 && (digits[0] == '0' || (digits[0] == '-' && digits[1] == '0'))))
      return Argument{v};
    return Argument{Argument::Raw{std::string(tok)}};  // out of int64 range, or unusual spelling
  }
  double v = std::strtod(std::string(tok).c_str(), nullptr);
  if (pyFloatRepr(v) == tok) return Argument{v};
  return Argument{Argument::Raw{std::string(tok)}};
}

Argument PyScanner::string() {
  std::size_t start = pos_;
  char q = text_[pos_];
  // Most strings (the assertion messages) hold no escape and no control byte: their value is
  // their text, which is then pyRepr(value, q) itself; Python's own repr picks the same quote
  // when pyRepr(value) would.
  for (std::size_t p = pos_ + 1; p < end_; ++p) {
    const auto c = static_cast<unsigned char>(text_[p]);
    if (c == static_cast<unsigned char>(q)) {
      std::string val(text_.substr(start + 1, p - start - 1));
      const bool single = val.find('\'') != std::string::npos && val.find('"') == std::string::npos;
      const char pythons = single ? '"' : '\'';
      pos_ = p + 1;
      quotes += dialect_ == Dialect::Python && pythons == q ? '.' : q;
      return Argument{std::move(val)};
    }
    if (c == '\\' || c < 0x20 || c == 0x7F) break;  // the general path below
  }
  std::string val;
  std::size_t p = pos_ + 1;
  for (;; ++p) {
    if (p >= end_ || text_[p] == '\n') failAt(start, "unterminated string");
    char c = text_[p];
    if (c == q) break;
    if (c != '\\') {
      val += c;
      continue;
    }
    if (p + 1 >= end_) failAt(start, "unterminated string");
    char e = text_[++p];
    switch (e) {
      case 'n': val += '\n'; break;
      case 'r': val += '\r'; break;
      case 't': val += '\t'; break;
      case '0': val += '\0'; break;
      case 'a': val += '\a'; break;
      case 'b': val += '\b'; break;
      case 'f': val += '\f'; break;
      case 'v': val += '\v'; break;
      case '\\': case '\'': case '"': val += e; break;
      case 'x': case 'u': case 'U': {
        std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        unsigned long cp = 0;
        std::size_t k = 0;
        for (; k < digits && p + 1 < end_ && std::isxdigit(static_cast<unsigned char>(text_[p + 1])); ++k) {
          char h = text_[++p];
          cp = cp * 16 + static_cast<unsigned long>(isAsciiDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        if (k != digits || cp > 0x10FFFF) failAt(p, "malformed escape in string");
        appendUtf8(val, cp);
        break;
      }
      default:
        val += '\\';
        val += e;
    }
  }
  pos_ = p + 1;
  std::string_view tok = text_.substr(start, pos_ - start);
  if (pyRepr(val, q) != tok) return Argument{Argument::Raw{std::string(tok)}};
  bool pythonsChoice = pyRepr(val) == tok;
  quotes += dialect_ == Dialect::Python && pythonsChoice ? '.' : q;
  return Argument{std::move(val)};
}

bool PyScanner::fxDelimiterAt(std::size_t p) const {
  while (p < end_ && isSpace(text_[p])) ++p;
  if (p >= end_) return true;
  char c = text_[p];
  return c == ',' || c == ')' || c == ']' || c == '}' || (rawDepth_ > 0 && c == ':');
}

std::size_t PyScanner::fxFreeTextEnd() const {
  int depth = 0;
  for (std::size_t p = pos_; p < end_; ++p) {
    char c = text_[p];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) return p;
      --depth;
    }
  }
  return end_;
}

Argument PyScanner::fxValue() {
  std::size_t start = pos_;
  char c = peek();
  if (c == '%') {
    ++pos_;
    std::string_view id = identifier();
    if (id.empty()) fail("expected a node name after '%'");
    Node* n = lookup_(id);
    if (!n) failAt(start, "undefined name '%" + std::string(id) + "'");
    return Argument{n};
  }
  if (c == '(') return container('(', ')', true);
  if (c == '[') return container('[', ']', false);
  if (c == '{') return dictRaw(start);
  // A literal, a name or a raw call if a delimiter follows it; free text otherwise.
  std::size_t savedQuotes = quotes.size();
  int savedDepth = rawDepth_;
  bool savedTight = kwargsTight;
  bool numeric = isAsciiDigit(c) || ((c == '-' || c == '+') && (isAsciiDigit(peek(1)) || peek(1) == '.')) ||
                 (c == '.' && isAsciiDigit(peek(1)));
  try {
    std::optional<Argument> v;
    if (c == '\'' || c == '"') {
      v = string();
    } else if (numeric) {
      v = number(start, end_);
    } else if (c == '-' && startsWith("-inf") && !isIdentChar(peek(4))) {
      pos_ += 4;
      v = Argument{-HUGE_VAL};
    } else if (isIdentStart(c)) {
      std::string_view name = dottedName();
      v = nameValue(start, name);
    }
    if (v && fxDelimiterAt(pos_)) return std::move(*v);
  } catch (const InputError&) {
    // not a literal: read it as free text below
  }
  pos_ = start;
  quotes.resize(savedQuotes);
  rawDepth_ = savedDepth;
  kwargsTight = savedTight;
  std::size_t e = fxFreeTextEnd();
  // A comma right before the closer ends a tuple (`(text,)`), it is not part of the text.
  std::size_t t = e;
  while (t > pos_ && isSpace(text_[t - 1])) --t;
  if (t > pos_ && text_[t - 1] == ',') e = t - 1;
  if (e == pos_) fail("expected a value");
  std::string s(text_.substr(pos_, e - pos_));
  pos_ = e;
  quotes += '.';  // free text: unquoted, as the FX dialect prints strings
  return Argument{std::move(s)};
}

void PyScanner::callArguments(char closer, std::vector<Argument>& args,
                              std::vector<std::pair<std::string, Argument>>& kwargs) {
  for (;;) {
    skipSpaces();
    if (peek() == closer) {
      ++pos_;
      return;
    }
    if (pos_ >= end_) fail(std::string("expected '") + closer + "'");
    std::size_t save = pos_;
    std::string_view id = identifier();
    bool isKeyword = false;
    if (!id.empty()) {
      std::size_t afterId = pos_;
      skipSpaces();
      if (peek() == '=' && peek(1) != '=') {
        ++pos_;
        std::size_t afterEq = pos_;
        if (afterId + 1 == afterEq && rawDepth_ == 0 && !isSpace(peek())) kwargsTight = true;
        isKeyword = true;
        for (const auto& [k, v] : kwargs)
          if (k == id) failAt(save, "duplicate keyword argument '" + std::string(id) + "'");
        Argument v = value();
        kwargs.emplace_back(std::string(id), std::move(v));
      }
    }
    if (!isKeyword) {
      pos_ = save;
      args.push_back(value());
    }
    skipSpaces();
    if (consume(",")) continue;
    if (peek() == closer) {
      ++pos_;
      return;
    }
    fail(std::string("expected ',' or '") + closer + "'");
  }
}

void PyScanner::fxKwargs(std::vector<std::pair<std::string, Argument>>& kwargs) {
  expect("{");
  for (;;) {
    skipSpaces();
    if (consume("}")) return;
    if (pos_ >= end_) fail("expected '}'");
    std::size_t keyAt = pos_;
    std::string_view key = identifier();
    if (key.empty()) fail("expected a keyword name");
    for (const auto& [k, v] : kwargs)
      if (k == key) failAt(keyAt, "duplicate keyword argument '" + std::string(key) + "'");
    skipSpaces();
    expect(":");
    Argument v = value();
    kwargs.emplace_back(std::string(key), std::move(v));
    skipSpaces();
    if (consume(",")) continue;
    if (consume("}")) return;
    fail("expected ',' or '}'");
  }
}

}  // namespace symrange::ir
