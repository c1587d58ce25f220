// ir/text/WriterSupport.cpp — lines and argument values for the writers.
#include "ir/text/internal/WriterSupport.h"

#include "ir/text/internal/StyleData.h"

namespace symrange::ir {

void LineOut::line(const NodeStyle& s, int fallbackIndent, const std::string& text) {
  auto it = s.extra.find(style::kWs);
  if (it != s.extra.end() && s.indent == static_cast<int>(it->second.size())) {
    out_ += it->second;
    out_ += text;
    out_ += '\n';
    return;
  }
  line(s.indent >= 0 ? s.indent : fallbackIndent, text);
}

namespace {

// `text` without blanks outside strings, and without a comma before a closing bracket.
std::string squeezed(std::string_view text) {
  std::string out;
  for (std::size_t p = 0; p < text.size();) {
    char c = text[p];
    if (c == '\'' || c == '"') {
      std::size_t q = detail::skipString(text, p, text.size());
      if (q == std::string_view::npos) q = text.size();
      out.append(text.substr(p, q - p));
      p = q;
      continue;
    }
    ++p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    if ((c == ')' || c == ']' || c == '}') && !out.empty() && out.back() == ',') out.pop_back();
    out += c;
  }
  return out;
}

}  // namespace

bool sameTokens(std::string_view a, std::string_view b) { return squeezed(a) == squeezed(b); }

ValueFormatter::ValueFormatter(Dialect d, const NodeStyle* st, const UseDef* graph)
    : dialect_(d), graph_(graph) {
  if (st) {
    quotes_ = style::get(*st, style::kQuotes);
    tight_ = style::has(*st, style::kKwTight);
  }
}

std::string rawText(const Argument::Raw& r, const UseDef* graph) {
  auto usable = [graph](const Node* n) { return n && (!graph || graph->index(n)); };
  bool renamed = false;
  for (std::size_t i = 0; i < r.refs.size() && i < r.refNames.size(); ++i)
    if (usable(r.refs[i]) && r.refs[i]->name() != r.refNames[i]) renamed = true;
  if (!renamed) return r.text;
  // Re-spell identifiers naming a reference; keep attribute names, keywords and strings.
  const std::string& t = r.text;
  std::string out;
  for (std::size_t p = 0; p < t.size();) {
    char c = t[p];
    if (c == '\'' || c == '"') {
      std::size_t q = p + 1;
      while (q < t.size() && t[q] != c) q += (t[q] == '\\') ? 2 : 1;
      q = std::min(q + 1, t.size());
      out.append(t, p, q - p);
      p = q;
      continue;
    }
    if (isIdentStart(c) && (p == 0 || !isIdentChar(t[p - 1]))) {
      std::size_t q = p;
      while (q < t.size() && isIdentChar(t[q])) ++q;
      std::string id = t.substr(p, q - p);
      bool attribute = p > 0 && t[p - 1] == '.';
      std::size_t k = q;
      while (k < t.size() && t[k] == ' ') ++k;
      bool keyword = k < t.size() && t[k] == '=' && (k + 1 >= t.size() || t[k + 1] != '=');
      std::string replacement = id;
      if (!attribute && !keyword) {
        for (std::size_t i = 0; i < r.refs.size() && i < r.refNames.size(); ++i) {
          if (r.refNames[i] == id && usable(r.refs[i])) {
            replacement = r.refs[i]->name();
            break;
          }
        }
      }
      out += replacement;
      p = q;
      continue;
    }
    out += c;
    ++p;
  }
  return out;
}

std::string ValueFormatter::value(const Argument& a) {
  return std::visit(
      [this](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Argument::None>) {
          return "None";
        } else if constexpr (std::is_same_v<T, Node*>) {
          std::string name = v ? v->name() : std::string("None");
          return dialect_ == Dialect::Fx ? "%" + name : name;
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          return pyFloatRepr(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "True" : "False";
        } else if constexpr (std::is_same_v<T, std::string>) {
          char q = next_ < quotes_.size() ? quotes_[next_] : '.';
          ++next_;
          if (q == '.') return dialect_ == Dialect::Fx ? v : pyRepr(v);
          return pyRepr(v, q);
        } else if constexpr (std::is_same_v<T, Argument::Raw>) {
          return rawText(v, graph_);
        } else {
          static_assert(std::is_same_v<T, Argument::List>);
          std::string out(1, v.tuple ? '(' : '[');
          for (std::size_t i = 0; i < v.items.size(); ++i) {
            if (i) out += ", ";
            out += value(v.items[i]);
          }
          if (v.tuple && v.items.size() == 1) out += ',';
          out += v.tuple ? ')' : ']';
          return out;
        }
      },
      a.value);
}

std::string ValueFormatter::callArgs(const std::vector<Argument>& args,
                                     const std::vector<std::pair<std::string, Argument>>& kwargs,
                                     std::size_t skip) {
  std::string out;
  bool first = true;
  for (std::size_t i = skip; i < args.size(); ++i) {
    if (!first) out += ", ";
    first = false;
    out += value(args[i]);
  }
  for (const auto& [k, v] : kwargs) {
    if (!first) out += ", ";
    first = false;
    out += k;
    out += tight_ ? "=" : " = ";
    out += value(v);
  }
  return out;
}

}  // namespace symrange::ir
