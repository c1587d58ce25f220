// ir/text/Trailers.cpp — reading and printing Range and Equality constraints.
#include "ir/text/internal/Trailers.h"

#include <charconv>

#include "ir/ExprParser.h"
#include "ir/ExprPrinter.h"
#include "ir/text/internal/PyArgs.h"

namespace symrange::ir {

std::optional<std::int64_t> parseBound(std::string_view t, bool& ok) {
  ok = true;
  if (t == "int_oo" || t == "-int_oo" || t == "oo" || t == "-oo" || t == "inf" || t == "-inf" ||
      t == "None" || t == "9223372036854775806" || t == "9223372036854775807" ||
      t == "-9223372036854775807" || t == "-9223372036854775808")
    return std::nullopt;
  if (t == "True") return 1;
  if (t == "False") return 0;
  std::int64_t v = 0;
  auto res = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || res.ec != std::errc() || res.ptr != t.data() + t.size()) {
    // integers beyond int64 are unbounded for our purposes (a weaker fact is sound)
    bool digits = !t.empty();
    for (std::size_t i = (t.starts_with("-") ? 1 : 0); i < t.size(); ++i)
      if (t[i] < '0' || t[i] > '9') digits = false;
    if (digits && res.ec == std::errc::result_out_of_range) return std::nullopt;
    ok = false;
    return std::nullopt;
  }
  return v;
}

namespace {

std::size_t skipBlank(std::string_view text, std::size_t p, std::size_t end) {
  while (p < end && (text[p] == ' ' || text[p] == '\n' || text[p] == '\t' || text[p] == '\r')) ++p;
  return p;
}

// Reads a bound token up to one of `stops` at the same nesting level.
std::string_view boundToken(const SourceText& src, std::size_t& p, std::size_t end,
                            std::string_view stops) {
  std::string_view text = src.text();
  p = skipBlank(text, p, end);
  std::size_t start = p;
  while (p < end && stops.find(text[p]) == std::string_view::npos) ++p;
  std::size_t e = p;
  while (e > start && text[e - 1] == ' ') --e;
  return text.substr(start, e - start);
}

void expectAt(const SourceText& src, std::size_t& p, std::size_t end, std::string_view what) {
  p = skipBlank(src.text(), p, end);
  if (src.text().substr(p, what.size()) != what || p + what.size() > end)
    src.fail(p, "expected '" + std::string(what) + "' in constraints");
  p += what.size();
}

std::string boundText(const std::optional<std::int64_t>& v, const std::string& text,
                      RangeSpelling spelling, bool upper) {
  if (!text.empty()) {
    bool ok = false;
    auto parsed = parseBound(text, ok);
    if (ok && parsed == v) return text;
  }
  if (v) return std::to_string(*v);
  switch (spelling) {
    case RangeSpelling::VR: return upper ? "int_oo" : "-int_oo";
    case RangeSpelling::ValueRanges: return upper ? "oo" : "-oo";
    case RangeSpelling::RangeConstraint: break;
  }
  return upper ? "9223372036854775806" : "-9223372036854775808";
}

// `name=` then a bound token up to one of `stops`; returns the token, `at` its position.
std::string keywordBound(const SourceText& src, std::size_t& p, std::size_t end,
                         std::string_view keyword, std::string_view stops, std::size_t& at) {
  expectAt(src, p, end, keyword);
  at = skipBlank(src.text(), p, end);
  return std::string(boundToken(src, p, end, stops));
}

}  // namespace

std::vector<RangeEntry> parseRangeConstraints(ExprContext& ctx, const SourceText& src,
                                              std::size_t begin, std::size_t end,
                                              RangeSpelling& spelling) {
  std::string_view text = src.text();
  std::vector<RangeEntry> out;
  std::size_t p = begin;
  expectAt(src, p, end, "{");
  std::optional<RangeSpelling> first;
  for (;;) {
    p = skipBlank(text, p, end);
    if (p < end && text[p] == '}') {
      ++p;
      break;
    }
    if (p >= end) src.fail(begin, "unclosed '{' in Range constraints");
    // key: an expression up to the top-level ':'
    std::size_t keyStart = p;
    std::size_t colon = findTopLevel(src, p, end, Dialect::Python,
                                     [&](std::size_t q) { return text[q] == ':' || text[q] == '}'; });
    if (colon >= end || text[colon] != ':') src.fail(keyStart, "expected 'symbol: range' in Range constraints");
    std::size_t ke = colon;
    while (ke > keyStart && text[ke - 1] == ' ') --ke;
    RangeEntry entry;
    entry.symbol = parseExpr(ctx, text.substr(keyStart, ke - keyStart), src.loc(keyStart));
    p = skipBlank(text, colon + 1, end);
    std::size_t loAt = 0, hiAt = 0;
    RangeSpelling here = RangeSpelling::VR;
    if (text.substr(p, 3) == "VR[") {
      p += 3;
      loAt = skipBlank(text, p, end);
      entry.loText = std::string(boundToken(src, p, end, ",]"));
      expectAt(src, p, end, ",");
      hiAt = skipBlank(text, p, end);
      entry.hiText = std::string(boundToken(src, p, end, ",]"));
      expectAt(src, p, end, "]");
    } else if (text.substr(p, 16) == "RangeConstraint(") {
      here = RangeSpelling::RangeConstraint;
      p += 16;
      entry.loText = keywordBound(src, p, end, "min_val=", ",)", loAt);
      expectAt(src, p, end, ",");
      entry.hiText = keywordBound(src, p, end, "max_val=", ",)", hiAt);
      expectAt(src, p, end, ")");
    } else if (text.substr(p, 12) == "ValueRanges(") {
      here = RangeSpelling::ValueRanges;
      p += 12;
      entry.loText = keywordBound(src, p, end, "lower=", ",)", loAt);
      expectAt(src, p, end, ",");
      entry.hiText = keywordBound(src, p, end, "upper=", ",)", hiAt);
      expectAt(src, p, end, ",");
      std::size_t boolAt = 0;
      std::string isBool = keywordBound(src, p, end, "is_bool=", ",)", boolAt);
      if (isBool != "True" && isBool != "False")
        src.fail(boolAt, "expected 'is_bool=True' or 'is_bool=False'");
      entry.isBool = isBool == "True";
      expectAt(src, p, end, ")");
    } else {
      src.fail(p, "unknown range syntax (expected 'VR[lo, hi]', 'RangeConstraint(...)' or "
                  "'ValueRanges(...)')");
    }
    if (!first || here == RangeSpelling::VR) first = here;  // any VR entry: the VR era
    bool ok = false;
    entry.lo = parseBound(entry.loText, ok);
    if (!ok) src.fail(loAt, "malformed range bound '" + entry.loText + "'");
    entry.hi = parseBound(entry.hiText, ok);
    if (!ok) src.fail(hiAt, "malformed range bound '" + entry.hiText + "'");
    out.push_back(std::move(entry));
    p = skipBlank(text, p, end);
    if (p < end && text[p] == ',') {
      ++p;
      continue;
    }
    if (p < end && text[p] == '}') {
      ++p;
      break;
    }
    src.fail(p, "expected ',' or '}' in Range constraints");
  }
  p = skipBlank(text, p, end);
  if (p < end) src.fail(p, "unexpected text after Range constraints");
  spelling = first.value_or(RangeSpelling::VR);
  return out;
}

std::string printRangeConstraints(const std::vector<RangeEntry>& entries,
                                  RangeSpelling spelling) {
  std::string out = "{";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const RangeEntry& e = entries[i];
    if (i) out += ", ";
    out += e.symbol ? printExpr(e.symbol) : std::string("?");
    out += ": ";
    std::string lo = boundText(e.lo, e.loText, spelling, false);
    std::string hi = boundText(e.hi, e.hiText, spelling, true);
    switch (spelling) {
      case RangeSpelling::VR:
        out += "VR[" + lo + ", " + hi + "]";
        break;
      case RangeSpelling::RangeConstraint:
        out += "RangeConstraint(min_val=" + lo + ", max_val=" + hi + ")";
        break;
      case RangeSpelling::ValueRanges:
        out += "ValueRanges(lower=" + lo + ", upper=" + hi +
               ", is_bool=" + (e.isBool ? "True" : "False") + ")";
        break;
    }
  }
  out += "}";
  return out;
}

std::vector<DimEquality> parseEqualityConstraints(const SourceText& src, std::size_t begin,
                                                  std::size_t end) {
  std::vector<DimEquality> out;
  PyScanner sc(src, begin, end, Dialect::Python, [](std::string_view) { return nullptr; });
  auto inputDim = [&](std::string& name, std::int64_t& dim) {
    sc.skipSpaces();
    sc.expect("InputDim(");
    sc.skipSpaces();
    sc.expect("input_name");
    sc.skipSpaces();
    sc.expect("=");
    std::size_t at = sc.pos();
    Argument v = sc.value();
    auto* s = std::get_if<std::string>(&v.value);
    if (!s) sc.failAt(at, "expected a quoted input name");
    name = *s;
    sc.skipSpaces();
    sc.expect(",");
    sc.skipSpaces();
    sc.expect("dim");
    sc.skipSpaces();
    sc.expect("=");
    at = sc.pos();
    Argument d = sc.value();
    auto iv = d.intValue();
    if (!iv) sc.failAt(at, "expected an integer dim");
    dim = *iv;
    sc.skipSpaces();
    sc.expect(")");
  };
  sc.skipSpaces();
  sc.expect("[");
  for (;;) {
    sc.skipSpaces();
    if (sc.consume("]")) break;
    if (sc.pos() >= sc.end()) sc.fail("expected ']'");
    DimEquality eq;
    sc.expect("(");
    inputDim(eq.inputA, eq.dimA);
    sc.skipSpaces();
    sc.expect(",");
    inputDim(eq.inputB, eq.dimB);
    sc.skipSpaces();
    (void)sc.consume(",");
    sc.skipSpaces();
    sc.expect(")");
    out.push_back(std::move(eq));
    sc.skipSpaces();
    if (sc.consume(",")) continue;
    if (sc.consume("]")) break;
    sc.fail("expected ',' or ']'");
  }
  if (!sc.atEnd()) sc.fail("unexpected text after Equality constraints");
  return out;
}

std::string printEqualityConstraints(const std::vector<DimEquality>& eqs) {
  std::string out = "[";
  for (std::size_t i = 0; i < eqs.size(); ++i) {
    if (i) out += ", ";
    out += "(InputDim(input_name=" + pyRepr(eqs[i].inputA) + ", dim=" +
           std::to_string(eqs[i].dimA) + "), InputDim(input_name=" + pyRepr(eqs[i].inputB) +
           ", dim=" + std::to_string(eqs[i].dimB) + "))";
  }
  out += "]";
  return out;
}

}  // namespace symrange::ir
