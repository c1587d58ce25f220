// tools/Diagnostics.h — what the CLI tells a user about one analysed program, as compiler
// diagnostics: every check or range constraint that always fails (an error, with `note:`s
// naming the facts that make it fail and the witness), every op the engine has no semantics
// for (a warning, once per op), every annotation that disagrees with the data flow (a warning).
// Printed as `FILE:LINE:COL: error: ...` with the source line and a caret (text), and turned
// into SARIF results (tools/internal/Sarif.h).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/Verdicts.h"
#include "ir/Diagnostic.h"
#include "ir/Graph.h"

namespace symrange::tools {

/// A secondary location of a finding ("note:").
struct Note {
  ir::SourceLoc loc;  // line 0: no position (the file only)
  std::string text;
};

struct Finding {
  std::string rule;   // a rule id of kRules
  std::string level;  // "error" or "warning" (SARIF levels)
  ir::SourceLoc loc;
  std::string message;
  std::vector<Note> notes;
};

/// The rules findings refer to (SARIF `tool.driver.rules`).
struct Rule {
  const char* id;
  const char* level;
  const char* description;
};
[[nodiscard]] const std::vector<Rule>& rules();

/// The findings of an analysed program, in program order: fails checks, unsupported ops,
/// annotation warnings. `file` is the name shown for locations without a file of their own.
[[nodiscard]] std::vector<Finding> collectFindings(const engine::AnalysisResult& a,
                                                   const ir::Program& p, const std::string& file);

/// The finding of a malformed input (the reader's error).
[[nodiscard]] Finding malformedFinding(const ir::InputError& e);

/// The lines of a source file, for quoting under a diagnostic (a BOM and CRs removed).
class SourceLines {
 public:
  SourceLines() = default;
  explicit SourceLines(std::string_view text);
  /// Reads `path` (nothing for "-", a `.pt2` archive or an unreadable file).
  [[nodiscard]] static SourceLines load(const std::string& path);
  /// Line `n` (1-based), or nullptr.
  [[nodiscard]] const std::string* line(int n) const;

 private:
  std::vector<std::string> lines_;
};

/// Prints `f` as `FILE:LINE:COL: LEVEL: MESSAGE`, the quoted line with a caret when `src` has
/// it (and the location is in `srcFile`), then its notes.
void printFinding(std::ostream& os, const Finding& f, const SourceLines& src,
                  const std::string& srcFile);

/// `FILE:LINE:COL` (just `FILE` for line 0).
[[nodiscard]] std::string where(const ir::SourceLoc& loc);

/// The notes explaining an answer: one per fact label in `because` (with the line of the node
/// it came from when there is one), then the witness.
[[nodiscard]] std::vector<Note> evidenceNotes(const engine::AnalysisResult& a, const ir::Program& p,
                                              const solver::Answer& answer, const std::string& graph,
                                              const std::string& file);

}  // namespace symrange::tools
