// symrange/symrange.h — the installed C++ API of symrange: load an exported program (any printed
// form, or a `.pt2` archive), analyse it, read each check's verdict with its evidence and each
// symbol's range, rewrite it without the checks proved redundant, print or save the result and
// the JSON report (docs/report.md).
//
// This header is the whole public surface: it names neither Z3, nor nlohmann::json, nor the
// engine's own types, so a binary built against one version keeps building against the next.
// The layers behind it (ir/, solver/, engine/) are internal and not installed.
//
//   #include <symrange/symrange.h>
//   symrange::Program p = symrange::Program::load("model.pt2");   // throws symrange::Error
//   for (const symrange::Check& c : p.checks())
//     std::cout << c.node << ": " << symrange::toString(c.verdict) << "\n";
//   p.optimize();
//   p.save("model.opt.pt2");
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "symrange/version.h"

namespace symrange {

/// Bad input (a malformed program, an unreadable file, a bad op-semantics file). what() is
/// `FILE:LINE:COL: error: MESSAGE`, or `FILE: error: MESSAGE` where the input has no lines.
class Error : public std::runtime_error {
 public:
  Error(std::string file, int line, int column, const std::string& message);
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }  // 0: no line (a `.pt2` member, a CLI option)
  [[nodiscard]] int column() const { return column_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string message_;
};

/// A check's verdict (docs/report.md defines each word).
enum class Verdict : std::uint8_t { Redundant, Required, Fails, Unreachable, Unknown };
/// A `cond` predicate's verdict.
enum class Decision : std::uint8_t { True, False, Open, Unknown, Unreachable };
/// What the program's inputs are guaranteed on entry (docs/input-model.md).
enum class InputModel : std::uint8_t { Unchecked, Checked };
/// When `sym_constrain_range_for_size` raises (docs/input-model.md): `Aten` as ATen's kernel does
/// (also whenever max <= 2), `Range` only outside [min, max].
enum class ConstraintSemantics : std::uint8_t { Aten, Range };

[[nodiscard]] const char* toString(Verdict v);      // "redundant", ...
[[nodiscard]] const char* toString(Decision d);     // "true", "false", "open", ...
[[nodiscard]] const char* toString(InputModel m);   // "unchecked", "checked"

/// What a custom op (one the engine does not know, e.g. `mylib::clamp_count`) means. Expressions
/// are Python/sympy syntax over `result` (the scalar it returns) and `arg0`, `arg1`, ... (its
/// integer or boolean positional arguments), e.g. "result >= 0", "result <= arg1".
struct OpSemantics {
  /// The call target as printed: `torch.ops.mylib.clamp_count.default`, `mylib::clamp_count` or
  /// `mylib.clamp_count` (any overload) all name the op `mylib::clamp_count`.
  std::string target;
  /// What the op returns: "int", "bool", "float" (a scalar; `result` is a fresh value) or
  /// "tensor" (opaque values; sizes from the node's annotation).
  std::string returns = "tensor";
  /// Facts that hold after it returns, over `result` and the arguments.
  std::vector<std::string> guarantees;
  /// The op raises unless each holds; after it they are facts.
  std::vector<std::string> preconditions;
  /// No side effect and raises only when a precondition fails: removable when its value is unused
  /// (and its preconditions are proved). false: always kept.
  bool pure = false;
  /// Changes its tensor arguments in place (their values and sizes are forgotten after it).
  bool mutates = false;
};

struct Options {
  InputModel inputs = InputModel::Unchecked;
  ConstraintSemantics constraintSemantics = ConstraintSemantics::Aten;
  /// Z3 resource limit per query (deterministic); 0 keeps the default.
  std::uint64_t budget = 0;
  /// Compute every symbol's tightest range (the report's `ranges`); off, ranges() is empty.
  bool ranges = true;
  /// Semantics for ops the engine does not know; a later entry for the same op wins.
  std::vector<OpSemantics> customOps;
};

/// Reads op semantics from a JSON file: `{"ops": [{"target": ..., "returns": ..., "guarantees":
/// [...], "preconditions": [...], "pure": false, "mutates": false}, ...]}`. Throws Error.
[[nodiscard]] std::vector<OpSemantics> loadOpSemantics(const std::string& path);

struct Location {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};

/// One run-time check (`_assert_scalar`, `_assert_async`, `torch._check`, ...) or range
/// constraint (`sym_constrain_range[_for_size]`).
struct Check {
  std::string node;   // the node's name in the program
  std::string graph;  // "forward", or a `cond` branch's sub-graph ("true_graph_0", ...)
  bool constraint = false;  // a `sym_constrain_range*` rather than a check
  std::string condition;    // what must hold for it not to raise; "" when not understood
  Verdict verdict = Verdict::Unknown;
  std::string method;                // which tier decided: "constant", "interval", "smt", ...
  std::vector<std::string> because;  // Redundant/Fails/Unreachable: the facts that justify it
  /// Required/Fails: values of the symbols under which it fires (exact decimal integers).
  std::vector<std::pair<std::string, std::string>> witness;
  std::string reason;  // Unknown: why (budget, unsupported op, ...)
  Location location;
  bool removable = false;  // optimize() removes it
};

/// One `torch.cond`.
struct Branch {
  std::string node;
  std::string graph;
  std::string predicate;  // "" when not understood
  Decision decision = Decision::Unknown;
  std::string method;
  std::vector<std::string> because;
  std::vector<std::pair<std::string, std::string>> witness;
  std::string reason;
  Location location;
};

/// The tightest range of an integer symbol at the end of the program.
struct SymbolRange {
  std::string symbol;
  std::optional<std::int64_t> lo, hi;  // nullopt: unbounded
  bool exact = false;                  // both ends are attained
};

/// What optimize() did.
struct Rewrite {
  std::size_t checksRemoved = 0;
  std::size_t branchesPruned = 0;
  std::size_t nodesIn = 0;
  std::size_t nodesOut = 0;
};

/// One program and its analysis. Analysis runs once, on the first question.
class Program {
 public:
  /// Reads a file: any printed form of an ExportedProgram / GraphModule, or a `.pt2` archive.
  /// "-" is standard input. Throws Error.
  [[nodiscard]] static Program load(const std::string& path, Options options = {});
  /// Reads printed text; `file` names it in messages and the report. Throws Error.
  [[nodiscard]] static Program parse(std::string_view text, const std::string& file = "<text>",
                                     Options options = {});

  ~Program();
  Program(Program&&) noexcept;
  Program& operator=(Program&&) noexcept;

  /// Every check and range constraint, in program order.
  [[nodiscard]] const std::vector<Check>& checks();
  /// Every `cond`, in program order.
  [[nodiscard]] const std::vector<Branch>& branches();
  /// Every integer symbol's range (empty when Options::ranges is off).
  [[nodiscard]] const std::vector<SymbolRange>& ranges();
  /// The check named `node` (first in program order), or nullopt.
  [[nodiscard]] std::optional<Check> check(std::string_view node);
  /// The range of `symbol`, or nullopt when the program has no such symbol.
  [[nodiscard]] std::optional<SymbolRange> range(std::string_view symbol);
  /// One paragraph on why check or cond `node` got its verdict; "" when there is no such node.
  [[nodiscard]] std::string explain(std::string_view node);
  /// True when some reachable check always fails.
  [[nodiscard]] bool anyFails();

  /// Removes the checks proved redundant, inlines decided branches, drops dead code (once).
  Rewrite optimize();
  /// The program as printed, in the style it was read in (optimized after optimize()).
  [[nodiscard]] std::string text() const;
  /// Writes the program: a `.pt2` archive when it was read from one (the other members kept),
  /// else printed text. Throws Error when the file cannot be written.
  void save(const std::string& path) const;
  /// The JSON report (docs/report.md, docs/schema/report.schema.json).
  [[nodiscard]] std::string report();

 private:
  struct Impl;
  explicit Program(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace symrange
