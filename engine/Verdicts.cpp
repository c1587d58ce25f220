// engine/Verdicts.cpp — names of verdict words and lookups over an AnalysisResult.
#include "engine/Verdicts.h"

namespace symrange::engine {

const char* toString(CheckKind k) { return k == CheckKind::Check ? "check" : "constraint"; }

const char* toString(CondVerdict v) {
  switch (v) {
    case CondVerdict::True: return "true";
    case CondVerdict::False: return "false";
    case CondVerdict::Open: return "open";
    case CondVerdict::Unknown: return "unknown";
    case CondVerdict::Unreachable: return "unreachable";
  }
  return "unknown";
}

const CheckResult* AnalysisResult::check(std::string_view name, std::string_view graph) const {
  for (const auto& c : checks)
    if (c.name == name && (graph.empty() || c.graph == graph)) return &c;
  return nullptr;
}

const BranchResult* AnalysisResult::branch(std::string_view name, std::string_view graph) const {
  for (const auto& b : branches)
    if (b.name == name && (graph.empty() || b.graph == graph)) return &b;
  return nullptr;
}

const CheckResult* AnalysisResult::checkOf(const ir::Node* n) const {
  auto it = checkIndex.find(n);
  return it == checkIndex.end() ? nullptr : &checks[it->second];
}

const BranchResult* AnalysisResult::branchOf(const ir::Node* n) const {
  auto it = branchIndex.find(n);
  return it == branchIndex.end() ? nullptr : &branches[it->second];
}

const solver::Range* AnalysisResult::range(std::string_view name) const {
  for (const auto& [sym, r] : ranges)
    if (sym->name() == name) return &r;
  return nullptr;
}

bool AnalysisResult::anyFails() const {
  for (const auto& c : checks)
    if (c.answer.verdict == solver::Verdict::Fails) return true;
  return false;
}

}  // namespace symrange::engine
