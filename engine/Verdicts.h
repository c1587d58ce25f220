// engine/Verdicts.h — what the analysis concludes: one record per check / range constraint
// (BRIEF section 3 verdicts with their evidence), one per `cond`, annotation warnings, symbol
// ranges. Produced by engine/Analysis, consumed by engine/Rewrite, engine/Report and the API.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/ops/OpSemantics.h"
#include "engine/ops/SymValue.h"
#include "ir/Diagnostic.h"
#include "ir/Expr.h"
#include "ir/Graph.h"
#include "solver/Prover.h"

namespace symrange::engine {

/// BRIEF section 5 `kind`: a check (`_assert_*`, `torch._check*`) or a range constraint
/// (`sym_constrain_range[_for_size]`).
enum class CheckKind : std::uint8_t { Check, Constraint };

/// Verdict on a `cond` predicate. `Unreachable`: the cond itself can never run (inside a pruned
/// branch or after a check that always fails), so neither branch is decided.
enum class CondVerdict : std::uint8_t { True, False, Open, Unknown, Unreachable };

[[nodiscard]] const char* toString(CheckKind k);
[[nodiscard]] const char* toString(CondVerdict v);

struct CheckResult {
  /// The node (valid until a rewrite erases it: use `name` afterwards).
  const ir::Node* node = nullptr;
  std::string name;   // the node's name exactly as in the input
  ir::SourceLoc loc;  // where it was read
  std::string graph;  // "forward", "true_graph_0", nested joined by '/'
  CheckKind kind = CheckKind::Check;
  /// The condition that must hold for the check not to raise; nullptr when not understood.
  ir::ExprRef condition = nullptr;
  solver::Answer answer;
  /// `sym_constrain_range_for_size`: kept even when redundant (its size-like mark matters).
  bool sizeLike = false;
  /// Lies in a branch the analysis pruned (verdict Unreachable).
  bool inPrunedBranch = false;
  /// How many times the analysis reached it (a sub-graph used by several calls is visited once
  /// per call; the verdict is the merge).
  int visits = 0;
  /// Time spent deciding it (the prover calls), summed over visits.
  double micros = 0.0;

  [[nodiscard]] solver::Verdict verdict() const { return answer.verdict; }
  /// The rewrite removes it: redundant and not a size-like constraint.
  [[nodiscard]] bool removable() const {
    return answer.verdict == solver::Verdict::Redundant && !sizeLike;
  }
};

struct BranchResult {
  const ir::Node* node = nullptr;  // valid until a rewrite erases it
  std::string name;
  ir::SourceLoc loc;
  std::string graph;
  ir::ExprRef predicate = nullptr;
  CondVerdict verdict = CondVerdict::Unknown;
  solver::Answer answer;
  std::string trueAttr, falseAttr;  // sub-graph attribute names ("" when not found)
  bool bodiesFound = false;         // both branch graphs are in the program
  int visits = 0;
  double micros = 0.0;  // time spent deciding it, summed over visits

  [[nodiscard]] bool decided() const {
    return verdict == CondVerdict::True || verdict == CondVerdict::False;
  }
};

/// An annotation that disagrees with the data flow (never an error: the data flow wins).
struct Warning {
  std::string node;
  std::string graph;
  ir::SourceLoc loc;
  std::string message;
};

struct AnalysisResult {
  std::vector<CheckResult> checks;      // program order of first visit
  std::vector<BranchResult> branches;   // program order
  /// Tightest range at the end of `forward` of every integer symbol the analysis knows, by id.
  std::vector<std::pair<ir::ExprRef, solver::Range>> ranges;
  std::vector<Warning> warnings;
  /// Names the report shows for symbols the analysis invented (display only, see SymbolNamer).
  std::vector<std::pair<std::string, std::string>> displayNames;
  /// Nodes without side effects whose preconditions are proved: the rewrite may drop them
  /// when they are left dead.
  std::set<const ir::Node*> pure;
  /// The value of every node reached (last visit).
  std::map<const ir::Node*, SymValue> values;
  /// Index of each node's record in `checks` / `branches`.
  std::map<const ir::Node*, std::size_t> checkIndex, branchIndex;
  /// Symbols named by the root placeholders' annotations: the ones ExportedProgram's entry
  /// check reads `Range constraints` for.
  std::set<ir::ExprRef, ir::ExprIdLess> inputSymbols;
  /// The semantics the analysis assumed (the report records the input model).
  Semantics semantics;
  solver::ProverStats stats;
  double millis = 0.0;
  std::size_t nodesIn = 0;

  /// The record of check node `name` (first match in program order; `graph` narrows it).
  [[nodiscard]] const CheckResult* check(std::string_view name, std::string_view graph = {}) const;
  [[nodiscard]] const BranchResult* branch(std::string_view name, std::string_view graph = {}) const;
  [[nodiscard]] const CheckResult* checkOf(const ir::Node* n) const;
  [[nodiscard]] const BranchResult* branchOf(const ir::Node* n) const;
  /// The range of symbol `name`, if the analysis knows it.
  [[nodiscard]] const solver::Range* range(std::string_view name) const;
  /// True if some reachable check always fails.
  [[nodiscard]] bool anyFails() const;
};

}  // namespace symrange::engine
