// ir/text/internal/ReaderSupport.h — state shared by the readers of the printed forms: the source,
// the line cursor with the blank/comment lines waiting for the next element, and the name table of
// the graph being built (duplicate and undefined names are errors).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ir/Graph.h"
#include "ir/PointerMap.h"
#include "ir/text/internal/SourceText.h"

namespace symrange::ir {

/// Line cursor over a source; blank and comment lines are collected, not parsed.
struct LineCursor {
  const SourceText& src;
  std::size_t line = 0;
  std::vector<std::string> pending;  // verbatim blank/comment lines before the next element

  explicit LineCursor(const SourceText& s) : src(s) {}
  [[nodiscard]] bool done() const { return line >= src.lines().size(); }
  [[nodiscard]] const SourceText::Line& current() const { return src.lines()[line]; }
  [[nodiscard]] std::string_view content() const {
    const auto& l = current();
    return src.text().substr(l.content, l.end - l.content);
  }
  /// Moves past blank lines and lines whose first non-blank character is `#`.
  void collectLeading() {
    while (!done()) {
      const auto& l = current();
      if (!l.blank() && src.text()[l.content] != '#') break;
      pending.emplace_back(src.lineText(line));
      ++line;
    }
  }
  std::vector<std::string> takePending() { return std::exchange(pending, {}); }
  /// Continues after the line holding byte `offset`.
  void moveAfter(std::size_t offset) { line = src.lineOf(offset) + 1; }
};

/// Builds one graph: appends nodes under unique names and resolves references.
class GraphBuilder {
 public:
  GraphBuilder(Graph& g, const SourceText& src) : graph_(g), src_(src) {}

  [[nodiscard]] Graph& graph() { return graph_; }
  [[nodiscard]] Node* lookup(std::string_view name) const {
    Node* const* n = names_.find(name);
    return n ? *n : nullptr;
  }
  /// Appends `n`; `nameAt` locates its name for the duplicate-name diagnostic.
  Node& add(std::unique_ptr<Node> n, std::size_t nameAt) {
    Node* raw = n.get();
    // keyed by the node's own name: a node never moves, and a rename re-keys it
    if (!names_.tryEmplace(raw->name(), raw).second)
      src_.fail(nameAt, "duplicate node name '" + raw->name() + "'");
    raw->loc = src_.loc(nameAt);
    return graph_.append(std::move(n));
  }
  void rename(Node& n, const std::string& newName, std::size_t at) {
    if (names_.contains(newName)) src_.fail(at, "duplicate node name '" + newName + "'");
    names_.erase(n.name());
    n.setName(newName);
    names_.tryEmplace(n.name(), &n);
  }

 private:
  Graph& graph_;
  const SourceText& src_;
  // lookups only, never iterated; the keys view the names of the nodes
  NameMap<Node*> names_;
};

/// Number of indentation characters of a line (as printed back).
[[nodiscard]] inline int indentChars(const SourceText::Line& l) {
  return static_cast<int>(l.content - l.begin);
}
/// Records the indentation of `l` in `s` (verbatim prefix too when it holds tabs).
void setIndent(NodeStyle& s, const SourceText& src, const SourceText::Line& l);

/// Reads the body of an FX `graph():` dump into `g` (cursor on the `graph():` line).
void readFxGraph(LineCursor& cur, Program& prog, Graph& g);
/// Reads a `class X(torch.nn.Module):` block (cursor on the class line) with its forward and
/// nested sub-module classes (at most 64 levels deep).
std::unique_ptr<Graph> readClass(LineCursor& cur, Program& prog, int depth = 0);
/// Reads a top-level `def forward(self, ...):` and its body into `g`.
void readDef(LineCursor& cur, Program& prog, Graph& g);

}  // namespace symrange::ir
