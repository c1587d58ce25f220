// ir/text/AnnotationText.cpp — reading and printing node annotations.
#include "ir/text/internal/AnnotationText.h"

#include "ir/ExprParser.h"
#include "ir/ExprPrinter.h"
#include "ir/text/internal/PyArgs.h"

namespace symrange::ir {

namespace {


// PyTorch's short dtype names: f32, bf16, i64, u8, b8, c64, f8e4m3fn, ...
bool isDtype(std::string_view s) {
  std::size_t p = 0;
  if (s.starts_with("bf")) p = 2;
  else if (!s.empty() && (s[0] == 'f' || s[0] == 'i' || s[0] == 'u' || s[0] == 'b' || s[0] == 'c')) p = 1;
  else return false;
  if (p >= s.size() || !isAsciiDigit(s[p])) return false;
  for (char c : s)
    if (!isIdentChar(c)) return false;
  return true;
}

// Offset (in `text`) of the bracket closing the one at `open`, or npos.
std::size_t matching(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t p = open; p < text.size(); ++p) {
    if (text[p] == '(' || text[p] == '[') ++depth;
    else if (text[p] == ')' || text[p] == ']') {
      if (--depth == 0) return p;
      if (depth < 0) return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s, std::size_t& lead) {
  lead = 0;
  while (lead < s.size() && s[lead] == ' ') ++lead;
  std::size_t e = s.size();
  while (e > lead && s[e - 1] == ' ') --e;
  return s.substr(lead, e - lead);
}

// A (dotted) type name, optionally subscripted: `torch.distributed.tensor.DTensor`,
// `typing.List[torch.Tensor]`.
bool isTypeName(std::string_view s) {
  std::size_t p = 0;
  for (;;) {
    if (p >= s.size() || !isIdentStart(s[p])) return false;
    while (p < s.size() && isIdentChar(s[p])) ++p;
    if (p < s.size() && s[p] == '.') {
      ++p;
      continue;
    }
    break;
  }
  if (p == s.size()) return true;
  if (s[p] != '[') return false;
  std::size_t close = matching(s, p);
  return close == s.size() - 1;
}

// What may follow a tensor's shape: strides `[3, 1]` and a device `cpu` / `cuda:0`.
bool isTensorSuffix(std::string_view s) {
  std::size_t p = 0;
  if (p < s.size() && s[p] == '[') {
    std::size_t close = matching(s, p);
    if (close == std::string_view::npos) return false;
    p = close + 1;
  }
  for (; p < s.size(); ++p)
    if (!isIdentChar(s[p]) && s[p] != ':') return false;
  return true;
}

}  // namespace

Annotation parseAnnotation(ExprContext& ctx, const SourceText& src, std::size_t offset,
                           std::string_view text) {
  Annotation a;
  a.text = std::string(text);
  auto bad = [&](std::size_t at, const std::string& why) {
    src.fail(offset + at, "unknown annotation syntax '" + std::string(text) + "'" +
                              (why.empty() ? "" : ": " + why));
  };
  if (text.empty()) bad(0, "empty annotation");
  if (text.starts_with("Sym(")) {
    std::size_t close = matching(text, 3);
    if (close != text.size() - 1) bad(3, "expected 'Sym(expression)'");
    std::size_t lead = 0;
    std::string_view inner = trim(text.substr(4, close - 4), lead);
    if (inner.empty()) bad(4, "empty expression");
    a.kind = Annotation::Kind::Sym;
    a.sym = parseExpr(ctx, inner, src.loc(offset + 4 + lead));
    a.textSym = a.sym;
    return a;
  }
  std::size_t bracket = text.find('[');
  if (bracket != std::string_view::npos && isDtype(text.substr(0, bracket))) {
    std::size_t close = matching(text, bracket);
    if (close == std::string_view::npos) bad(bracket, "unbalanced '['");
    if (!isTensorSuffix(text.substr(close + 1))) bad(close + 1, "unexpected text after the shape");
    a.kind = Annotation::Kind::Tensor;
    a.dtype = std::string(text.substr(0, bracket));
    std::size_t start = bracket + 1;
    int depth = 0;
    for (std::size_t p = start; p <= close; ++p) {
      char c = text[p];
      if (c == '(' || c == '[') ++depth;
      else if ((c == ')' || c == ']') && p != close) --depth;
      if (p == close || (c == ',' && depth == 0)) {
        std::size_t lead = 0;
        std::string_view dim = trim(text.substr(start, p - start), lead);
        if (dim.empty()) {
          if (p == close && a.shape.empty() && start == bracket + 1) break;  // `f32[]`
          bad(start, "empty dimension");
        }
        a.shape.push_back(parseExpr(ctx, dim, src.loc(offset + start + lead)));
        start = p + 1;
      }
    }
    a.textShape = a.shape;
    return a;
  }
  if (isTypeName(text)) {
    a.kind = Annotation::Kind::Other;
    return a;
  }
  bad(0, "");
  return a;  // unreachable
}

std::string annotationText(const Annotation& a) {
  switch (a.kind) {
    case Annotation::Kind::Sym:
      if (!a.text.empty() && a.sym == a.textSym) return a.text;
      return "Sym(" + (a.sym ? printExpr(a.sym) : std::string("?")) + ")";
    case Annotation::Kind::Tensor: {
      if (!a.text.empty() && a.shape == a.textShape) return a.text;
      std::string out = a.dtype + "[";
      for (std::size_t i = 0; i < a.shape.size(); ++i) {
        if (i) out += ", ";
        out += printExpr(a.shape[i]);
      }
      out += "]";
      // keep strides / device of the original text
      std::size_t bracket = a.text.find('[');
      if (bracket != std::string::npos) {
        std::size_t close = matching(a.text, bracket);
        if (close != std::string::npos) out += a.text.substr(close + 1);
      }
      return out;
    }
    case Annotation::Kind::Other:
      return a.text;
  }
  return a.text;
}

}  // namespace symrange::ir
