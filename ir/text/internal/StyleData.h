// ir/text/internal/StyleData.h — typed access to the reader/writer-private layout data kept in
// NodeStyle::extra (indentation widths, verbatim line groups), shared by readers and writers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/Graph.h"

namespace symrange::ir::style {

// Keys of NodeStyle::extra. Program-level ones live in Program::style, graph-level ones in
// Graph::style, node-level ones in Node::style.
inline constexpr const char* kTrailing = "trailing";        // program: lines after everything
inline constexpr const char* kNoFinalNewline = "no_final_newline";  // program: text ends without \n
inline constexpr const char* kBom = "bom";                  // program: starts with a UTF-8 BOM
inline constexpr const char* kCrlf = "crlf";                // program: every line ends in \r\n
inline constexpr const char* kHeaderIndent = "header_indent";  // `ExportedProgram:` / `graph():`
inline constexpr const char* kHeaderLead = "header_lead";
inline constexpr const char* kQuoted = "quoted";            // program: annotations in quotes
inline constexpr const char* kAnnotated = "annotated";      // program: annotations printed
inline constexpr const char* kTails = "tails";              // program: none|fx|fx-self|stored
inline constexpr const char* kDefIndent = "def_indent";     // graph: indentation of `def`
inline constexpr const char* kDefLead = "def_lead";         // graph: lines before `def`
inline constexpr const char* kDefName = "def_name";         // graph: when not `forward`
inline constexpr const char* kDefReturn = "def_return";     // graph: ` -> ...` of the def
inline constexpr const char* kDefComment = "def_comment";   // graph: comment after `def ...:`
inline constexpr const char* kNoSelf = "no_self";           // graph: def without `self`
inline constexpr const char* kBodyIndent = "body_indent";   // graph: default statement indent
inline constexpr const char* kBase = "base";                // graph: class base when unusual
inline constexpr const char* kPytreeArgs = "pytree_args";   // graph: def params (pytree form)
inline constexpr const char* kPytreeFlatten = "pytree_flatten";  // graph: flatten call text
inline constexpr const char* kPytreeIndent = "pytree_indent";
inline constexpr const char* kPytreeLead = "pytree_lead";
inline constexpr const char* kDecl = "decl";                // graph: `x: "f32[3]";` line shown
inline constexpr const char* kDeclIndent = "decl_indent";
inline constexpr const char* kDeclLead = "decl_lead";
inline constexpr const char* kRename = "rename";            // node: placeholder rename line
inline constexpr const char* kQuotes = "quotes";            // node: quote per string arg (`.` default)
inline constexpr const char* kKwTight = "kw_tight";         // node: `k=v` keyword spelling
inline constexpr const char* kComment = "comment";          // node: trailing `# ...`
inline constexpr const char* kDefault = "default";          // node: placeholder default text
inline constexpr const char* kOutSpec = "out_spec";         // node: pytree output spec text
inline constexpr const char* kWs = "ws";                    // node: indentation with tabs
inline constexpr const char* kLayout = "layout";            // node: statement over several lines
// FX dump node spellings.
inline constexpr const char* kUsersKey = "users_key";       // node: `num_users` or `#users`
inline constexpr const char* kWsOpen = "ws_open";           // node: blank after `(`
inline constexpr const char* kWsKwargs = "ws_kwargs";       // node: blank before `kwargs`
inline constexpr const char* kWsClose = "ws_close";         // node: blank before `)`
inline constexpr const char* kHasArgs = "has_args";
inline constexpr const char* kHasKwargs = "has_kwargs";
// Trailers (program).
inline constexpr const char* kSigIndent = "sig_indent";
inline constexpr const char* kSigLead = "sig_lead";
inline constexpr const char* kRangeIndent = "range_indent";
inline constexpr const char* kRangeLead = "range_lead";
inline constexpr const char* kEqIndent = "eq_indent";
inline constexpr const char* kEqLead = "eq_lead";
inline constexpr const char* kEqCanon = "eq_canon";       // the equalities as first read

// Spellings kept in NodeStyle::spelling.
inline constexpr const char* kSpellCall = "call";      // operator.add(a, b) rather than a + b
inline constexpr const char* kSpellPytree = "pytree";  // return pytree.tree_unflatten(...)
inline constexpr const char* kSpellWalrus = "walrus";  // FX `%n := op[...]`

[[nodiscard]] inline bool has(const NodeStyle& s, const char* key) {
  return s.extra.count(key) != 0;
}
[[nodiscard]] inline std::string get(const NodeStyle& s, const char* key,
                                     std::string fallback = {}) {
  auto it = s.extra.find(key);
  return it == s.extra.end() ? fallback : it->second;
}
[[nodiscard]] inline int getInt(const NodeStyle& s, const char* key, int fallback) {
  auto it = s.extra.find(key);
  if (it == s.extra.end() || it->second.empty()) return fallback;
  return std::stoi(it->second);
}
inline void setInt(NodeStyle& s, const char* key, int v) { s.extra[key] = std::to_string(v); }

/// Line groups: absent key = no lines; otherwise the lines joined by '\n'.
inline void setLines(NodeStyle& s, const char* key, const std::vector<std::string>& lines) {
  if (lines.empty()) {
    s.extra.erase(key);
    return;
  }
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) joined += '\n';
    joined += lines[i];
  }
  s.extra[key] = std::move(joined);
}
[[nodiscard]] inline std::vector<std::string> getLines(const NodeStyle& s, const char* key) {
  std::vector<std::string> out;
  auto it = s.extra.find(key);
  if (it == s.extra.end()) return out;
  std::string_view v = it->second;
  std::size_t start = 0;
  for (;;) {
    std::size_t nl = v.find('\n', start);
    out.emplace_back(v.substr(start, nl == std::string_view::npos ? v.npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace symrange::ir::style
