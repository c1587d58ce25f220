// ir/text/internal/PyArgs.h — the Python-like values printed graphs are made of, read and written back:
// literals, strings in both quote styles, tuples and lists, raw calls (`device(type='cpu')`,
// `slice(None, item, None)`), node references, and call argument lists with keywords. The FX
// `graph():` dump dialect spells references `%name` and prints strings without quotes.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/Graph.h"
#include "ir/internal/CharClass.h"
#include "ir/text/internal/SourceText.h"

namespace symrange::ir {

enum class Dialect : std::uint8_t {
  Python,  // GraphModule code: names are references, strings are quoted
  Fx,      // str(fx.Graph): `%name` references, unquoted strings and free text
};

[[nodiscard]] bool isIdentifier(std::string_view s);

/// Python's repr of a string; `quote` forces the quote character (0: Python's own choice,
/// `'` unless the string holds `'` and no `"`).
[[nodiscard]] std::string pyRepr(std::string_view s, char quote = 0);
/// Python's repr of a float: `4.0`, `1e-05`, `0.1`, `inf`, `nan`.
[[nodiscard]] std::string pyFloatRepr(double v);

namespace detail {
/// Does a quote at `p` open a string? In the FX dialect an apostrophe inside a word ("can't")
/// does not.
[[nodiscard]] inline bool opensString(std::string_view text, std::size_t p, Dialect d) {
  if (text[p] != '\'' && text[p] != '"') return false;
  return !(d == Dialect::Fx && p > 0 && isIdentChar(text[p - 1]));
}
/// Offset past the closing quote of the string opening at `p`, or npos if it is not closed on
/// its line before `end`.
[[nodiscard]] std::size_t skipString(std::string_view text, std::size_t p, std::size_t end);
[[noreturn]] void bracketError(const SourceText& src, std::size_t at, char found, char open);
[[nodiscard]] inline char closerOf(char open) {
  return open == '(' ? ')' : open == '[' ? ']' : '}';
}
/// The offsets of the brackets open at a point of a scan: a few inline, more on the heap (a
/// statement is scanned several times; most never nest deeper than a handful).
class BracketStack {
 public:
  void push(std::size_t p) {
    if (n_ < kInline) inline_[n_] = p;
    else more_.push_back(p);
    ++n_;
  }
  void pop() {
    if (n_ > kInline) more_.pop_back();
    --n_;
  }
  [[nodiscard]] bool empty() const { return n_ == 0; }
  [[nodiscard]] std::size_t back() const { return n_ > kInline ? more_.back() : inline_[n_ - 1]; }

 private:
  static constexpr std::size_t kInline = 16;
  std::size_t inline_[kInline] = {};
  std::size_t n_ = 0;
  std::vector<std::size_t> more_;
};
}  // namespace detail

/// Finds, in [begin, end) of `src`, the first byte outside strings and brackets for which
/// `stop(offset)` holds; returns `end` if none. Brackets must balance (else InputError).
template <class Stop>
[[nodiscard]] std::size_t findTopLevel(const SourceText& src, std::size_t begin, std::size_t end,
                                       Dialect d, Stop&& stop) {
  std::string_view text = src.text();
  detail::BracketStack open;
  for (std::size_t p = begin; p < end; ++p) {
    char c = text[p];
    if (detail::opensString(text, p, d)) {
      std::size_t q = detail::skipString(text, p, end);
      if (q == std::string_view::npos) src.fail(p, "unterminated string");
      if (open.empty() && stop(p)) return p;
      p = q - 1;
      continue;
    }
    if (open.empty() && stop(p)) return p;
    if (c == '(' || c == '[' || c == '{') {
      open.push(p);
    } else if (c == ')' || c == ']' || c == '}') {
      if (open.empty() || detail::closerOf(text[open.back()]) != c)
        detail::bracketError(src, p, c, open.empty() ? '\0' : text[open.back()]);
      open.pop();
    }
  }
  if (!open.empty()) detail::bracketError(src, open.back(), '\0', text[open.back()]);
  return end;
}

/// Where a bracketed statement starting at `begin` ends: the end of the line on which all
/// brackets opened from `begin` are closed (strings respected). Throws InputError on a
/// mismatched or unclosed bracket, or an unterminated string.
[[nodiscard]] std::size_t statementEnd(const SourceText& src, std::size_t begin, Dialect d);

/// A cursor over [begin, end) of a source that reads values and argument lists.
class PyScanner {
 public:
  using Lookup = std::function<Node*(std::string_view)>;
  PyScanner(const SourceText& src, std::size_t begin, std::size_t end, Dialect d, Lookup lookup)
      : src_(src), text_(src.text()), pos_(begin), end_(end), dialect_(d),
        lookup_(std::move(lookup)) {}

  [[nodiscard]] std::size_t pos() const { return pos_; }
  void setPos(std::size_t p) { pos_ = p; }
  [[nodiscard]] std::size_t end() const { return end_; }
  void skipSpaces();
  [[nodiscard]] bool atEnd() {
    skipSpaces();
    return pos_ >= end_;
  }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < end_ ? text_[pos_ + ahead] : '\0';
  }
  [[nodiscard]] bool startsWith(std::string_view s) const {
    return end_ - pos_ >= s.size() && text_.substr(pos_, s.size()) == s;
  }
  bool consume(std::string_view s);
  void expect(std::string_view s);
  /// An identifier at the cursor (empty if none).
  std::string_view identifier();
  /// `a.b.c` at the cursor (empty if none).
  std::string_view dottedName();

  /// One value.
  Argument value();
  /// The arguments of a call whose `(` was consumed, up to and including `closer`.
  void callArguments(char closer, std::vector<Argument>& args,
                     std::vector<std::pair<std::string, Argument>>& kwargs);
  /// An FX kwargs dict `{min: 1, max: 5}` (cursor at `{`).
  void fxKwargs(std::vector<std::pair<std::string, Argument>>& kwargs);

  /// One char per string value read so far, in reading order: `.` when spelled the dialect's
  /// default way (Python's repr; unquoted in the FX dialect), else the quote used (`'`, `"`).
  std::string quotes;
  /// Whether `quotes` records anything beyond the dialect's defaults.
  [[nodiscard]] bool quotesMatter() const { return quotes.find_first_not_of('.') != std::string::npos; }
  /// A keyword argument was written `k=v` (without the spaces FX prints).
  bool kwargsTight = false;

  [[noreturn]] void fail(const std::string& message) const { src_.fail(pos_, message); }
  [[noreturn]] void failAt(std::size_t offset, const std::string& message) const {
    src_.fail(offset, message);
  }

 private:
  Argument container(char open, char close, bool tupleLike);
  Argument rawCall(std::size_t start);
  Argument dictRaw(std::size_t start);
  Argument number(std::size_t start, std::size_t stop);
  Argument string();
  Argument fxValue();
  Argument nameValue(std::size_t start, std::string_view dotted);
  Argument makeRaw(std::size_t start, const std::vector<Argument>& parts);
  [[nodiscard]] bool fxDelimiterAt(std::size_t p) const;
  std::size_t fxFreeTextEnd() const;

  const SourceText& src_;
  std::string_view text_;
  std::size_t pos_;
  std::size_t end_;
  Dialect dialect_;
  Lookup lookup_;
  int rawDepth_ = 0;  // > 0 while inside a raw call or dict
  int nesting_ = 0;   // brackets open in the value being read (bounded: no stack overflow)
  struct Nest {
    PyScanner& s;
    explicit Nest(PyScanner& sc);
    ~Nest() { --s.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
  };
};

}  // namespace symrange::ir
