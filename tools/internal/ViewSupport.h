// tools/internal/ViewSupport.h — what the DOT and HTML views (tools/internal/Views.h) read from a
// program and its report: the verdict of each check and cond node, the line of every node a
// `because` names, and which `cond` arm is live or dead.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/Graph.h"

namespace symrange::tools {

/// One check of the report.
struct ViewCheck {
  std::string node, graph, kind, expr, verdict, method, keptBecause;
  bool removed = false;
  std::vector<std::string> because;                        // fact names
  std::vector<std::pair<std::string, std::string>> witness;  // symbol, value
};

/// One `cond` of the report.
struct ViewBranch {
  std::string node, graph, predicate, verdict, method, liveArm;
  bool pruned = false;
  std::vector<std::string> because;
  std::vector<std::pair<std::string, std::string>> witness;
};

class ViewIndex {
 public:
  ViewIndex(const ir::Program& program, const nlohmann::ordered_json& report);

  /// The node named `name`: the root graph's first, then the sub-graphs' in printed order.
  [[nodiscard]] const ir::Node* node(std::string_view name) const;
  [[nodiscard]] const ViewCheck* checkAt(const ir::Node* n) const;
  [[nodiscard]] const ViewBranch* branchAt(const ir::Node* n) const;
  /// "live", "dead" or "" (undecided, or not a `cond` arm) for the sub-graph attribute `attr`.
  [[nodiscard]] std::string armState(const std::string& attr) const;
  /// The source line of the node named `name`, 0 when unknown.
  [[nodiscard]] int lineOf(std::string_view name) const;
  /// A few lines on why the check got its verdict: the facts with their lines, or the witness.
  [[nodiscard]] std::string evidenceText(const ViewCheck& c) const;
  [[nodiscard]] std::string evidenceText(const ViewBranch& b) const;

  [[nodiscard]] const std::vector<ViewCheck>& checks() const { return checks_; }
  [[nodiscard]] const std::vector<ViewBranch>& branches() const { return branches_; }

 private:
  [[nodiscard]] std::string factsText(const std::vector<std::string>& because) const;

  std::vector<ViewCheck> checks_;
  std::vector<ViewBranch> branches_;
  std::map<std::string, const ir::Node*, std::less<>> byName_;
  std::map<const ir::Node*, std::size_t> checkOf_, branchOf_;
  std::map<std::string, std::string> arms_;  // sub-graph attribute -> live / dead
};

/// The op of a node, short: `aten.item.default` for `torch.ops.aten.item.default`, `ge` for
/// `operator.ge`, `input` for a placeholder, `output` for the output.
[[nodiscard]] std::string shortTarget(const ir::Node& n);

}  // namespace symrange::tools
