// ir/text/internal/WriterSupport.h — pieces shared by the writers: an output buffer of lines with
// indentation, and the formatting of argument values in the Python and FX dialects (quote
// styles as read, node names as they are now).
#pragma once

#include <string>
#include <vector>

#include "ir/Graph.h"
#include "ir/GraphAlgo.h"
#include "ir/text/internal/PyArgs.h"

namespace symrange::ir {

/// Appends lines to a string.
class LineOut {
 public:
  explicit LineOut(std::string& out) : out_(out) {}
  void line(int indent, const std::string& text) {
    out_.append(static_cast<std::size_t>(indent < 0 ? 0 : indent), ' ');
    out_ += text;
    out_ += '\n';
  }
  /// A node-level line: the verbatim indentation if the reader kept one, else `indent`.
  void line(const NodeStyle& s, int fallbackIndent, const std::string& text);
  void verbatim(const std::vector<std::string>& lines) {
    for (const auto& l : lines) {
      out_ += l;
      out_ += '\n';
    }
  }

 private:
  std::string& out_;
};

/// Formats argument values. Strings take, in order, the quote characters the reader recorded
/// for the node (`'`, `"`); without one (or `.`) the dialect's default: Python's repr, or no
/// quotes in the FX dialect.
class ValueFormatter {
 public:
  /// `graph` (optional) is the use-def of the graph being printed: a Raw text re-spells only
  /// references to its nodes (never dereferencing a node that may be gone).
  ValueFormatter(Dialect d, const NodeStyle* st, const UseDef* graph = nullptr);
  [[nodiscard]] std::string value(const Argument& a);
  /// `a, b, k = v` (the inside of a call's parentheses).
  [[nodiscard]] std::string callArgs(const std::vector<Argument>& args,
                                     const std::vector<std::pair<std::string, Argument>>& kwargs,
                                     std::size_t skip = 0);

 private:
  Dialect dialect_;
  const UseDef* graph_;
  std::string quotes_;
  std::size_t next_ = 0;
  bool tight_ = false;
};

/// A Raw argument's text with its node references spelled by their current names; with
/// `graph`, only references to nodes of that graph are looked at.
[[nodiscard]] std::string rawText(const Argument::Raw& r, const UseDef* graph = nullptr);

/// Whether two Python statement texts spell the same tokens: equal once blanks and line breaks
/// outside string literals are dropped, and a comma right before a closing bracket too. Lets a
/// statement the input spread over several lines print back as it came while it is unchanged.
[[nodiscard]] bool sameTokens(std::string_view a, std::string_view b);

/// Writes the class/def forms (ExportedProgram, readable, code) of `p`.
void writePythonForms(const Program& p, std::string& out);
/// Writes the FX `graph():` dump of `p`'s root graph.
void writeFxGraph(const Program& p, std::string& out);

}  // namespace symrange::ir
