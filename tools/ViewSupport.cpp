// tools/ViewSupport.cpp — see ViewSupport.h.
#include "tools/internal/ViewSupport.h"

#include <set>

namespace symrange::tools {

namespace {

using nlohmann::ordered_json;

std::string stringAt(const ordered_json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::vector<std::string> namesAt(const ordered_json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array())
    for (const auto& v : *it) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

std::vector<std::pair<std::string, std::string>> witnessAt(const ordered_json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  if (auto it = j.find("witness"); it != j.end() && it->is_object())
    for (const auto& [k, v] : it->items()) out.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

std::string witnessText(const std::vector<std::pair<std::string, std::string>>& w) {
  std::string out;
  for (const auto& [k, v] : w) out += (out.empty() ? "" : ", ") + k + " = " + v;
  return out;
}

}  // namespace

ViewIndex::ViewIndex(const ir::Program& program, const ordered_json& report) {
  std::map<std::pair<std::string, std::string>, const ir::Node*> at;  // (graph path, name)
  for (const ir::GraphPath& gp : ir::allGraphs(program))
    for (const auto& n : gp.graph->nodes()) {
      at.emplace(std::make_pair(gp.path, n->name()), n.get());
      byName_.emplace(n->name(), n.get());
    }
  auto find = [&](const std::string& graph, const std::string& name) -> const ir::Node* {
    auto it = at.find({graph.empty() ? std::string("forward") : graph, name});
    return it == at.end() ? nullptr : it->second;
  };
  if (auto it = report.find("checks"); it != report.end() && it->is_array())
    for (const auto& j : *it) {
      ViewCheck c;
      c.node = stringAt(j, "node");
      c.graph = stringAt(j, "graph");
      c.kind = stringAt(j, "kind");
      c.expr = stringAt(j, "expr");
      c.verdict = stringAt(j, "verdict");
      c.method = stringAt(j, "method");
      c.keptBecause = stringAt(j, "kept_because");
      c.removed = j.value("removed", false);
      c.because = namesAt(j, "because");
      c.witness = witnessAt(j);
      if (const ir::Node* n = find(c.graph, c.node)) checkOf_.emplace(n, checks_.size());
      checks_.push_back(std::move(c));
    }
  if (auto it = report.find("branches"); it != report.end() && it->is_array())
    for (const auto& j : *it) {
      ViewBranch b;
      b.node = stringAt(j, "node");
      b.graph = stringAt(j, "graph");
      b.predicate = stringAt(j, "predicate");
      b.verdict = stringAt(j, "verdict");
      b.method = stringAt(j, "method");
      b.liveArm = stringAt(j, "live_branch");
      b.pruned = j.value("pruned", false);
      b.because = namesAt(j, "because");
      b.witness = witnessAt(j);
      if (const ir::Node* n = find(b.graph, b.node)) {
        branchOf_.emplace(n, branches_.size());
        // the arms are the sub-graph attributes the cond reads (through get_attr nodes)
        if (!b.liveArm.empty())
          n->forEachInput([&](ir::Node* m) {
            if (m->op() == ir::NodeOp::GetAttr)
              arms_[m->target()] = m->target() == b.liveArm ? "live" : "dead";
          });
      }
      branches_.push_back(std::move(b));
    }
}

const ir::Node* ViewIndex::node(std::string_view name) const {
  auto it = byName_.find(name);
  return it == byName_.end() ? nullptr : it->second;
}

const ViewCheck* ViewIndex::checkAt(const ir::Node* n) const {
  auto it = checkOf_.find(n);
  return it == checkOf_.end() ? nullptr : &checks_[it->second];
}

const ViewBranch* ViewIndex::branchAt(const ir::Node* n) const {
  auto it = branchOf_.find(n);
  return it == branchOf_.end() ? nullptr : &branches_[it->second];
}

std::string ViewIndex::armState(const std::string& attr) const {
  auto it = arms_.find(attr);
  return it == arms_.end() ? std::string() : it->second;
}

int ViewIndex::lineOf(std::string_view name) const {
  const ir::Node* n = node(name);
  return n ? n->loc.line : 0;
}

std::string ViewIndex::factsText(const std::vector<std::string>& because) const {
  std::string out;
  for (const std::string& f : because) {
    out += "\n  " + f;
    if (int line = lineOf(f)) out += " (line " + std::to_string(line) + ")";
  }
  return out;
}

std::string ViewIndex::evidenceText(const ViewCheck& c) const {
  std::string out = c.expr + "\n" + c.verdict;
  if (!c.method.empty()) out += " (" + c.method + ")";
  if (c.removed) out += ", removed";
  if (!c.because.empty()) out += "\nbecause:" + factsText(c.because);
  if (!c.witness.empty()) out += "\nwitness: " + witnessText(c.witness);
  if (!c.keptBecause.empty()) out += "\nkept: " + c.keptBecause;
  return out;
}

std::string ViewIndex::evidenceText(const ViewBranch& b) const {
  std::string out = b.predicate + "\n" + b.verdict;
  if (!b.method.empty()) out += " (" + b.method + ")";
  if (!b.liveArm.empty()) out += "\nlive arm: " + b.liveArm + (b.pruned ? ", the other pruned" : "");
  if (!b.because.empty()) out += "\nbecause:" + factsText(b.because);
  if (!b.witness.empty()) out += "\nwitness: " + witnessText(b.witness);
  return out;
}

std::string shortTarget(const ir::Node& n) {
  switch (n.op()) {
    case ir::NodeOp::Placeholder: return "input";
    case ir::NodeOp::Output: return "output";
    case ir::NodeOp::GetAttr: return "get_attr " + n.target();
    case ir::NodeOp::CallMethod: return "." + n.target() + "()";
    case ir::NodeOp::CallModule: return "module " + n.target();
    case ir::NodeOp::CallFunction: break;
  }
  std::string_view t = n.target();
  for (std::string_view prefix : {"torch.ops.", "operator.", "torch."})
    if (t.starts_with(prefix)) return std::string(t.substr(prefix.size()));
  return std::string(t);
}

}  // namespace symrange::tools
