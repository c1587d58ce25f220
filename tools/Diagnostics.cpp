// tools/Diagnostics.cpp — see Diagnostics.h.
#include "tools/Diagnostics.h"

#include <set>

#include "engine/Report.h"
#include "engine/ops/OpSemantics.h"
#include "ir/pt2/Pt2.h"
#include "tools/internal/Output.h"

namespace symrange::tools {

namespace {

ir::SourceLoc located(ir::SourceLoc loc, const std::string& file) {
  if (loc.file.empty()) loc.file = file;
  return loc;
}

/// The node `name` of graph `graph` (else of any graph), or nullptr.
const ir::Node* findNode(const ir::Program& p, const std::string& name, const std::string& graph) {
  const ir::Node* any = nullptr;
  for (const auto& g : ir::allGraphs(p)) {
    const ir::Node* n = g.graph->find(name);
    if (n && g.path == graph) return n;
    if (n && !any) any = n;
  }
  return any;
}

/// A node's position, or line 0 (the file only) for a node built through the API.
ir::SourceLoc nodeLoc(const ir::Node* n, const std::string& file) {
  if (!n || n->loc.line <= 0) return {file, 0, 0};
  return located(n->loc, file);
}

std::string what(engine::CheckKind k) {
  return k == engine::CheckKind::Constraint ? "range constraint" : "check";
}

}  // namespace

const std::vector<Rule>& rules() {
  static const std::vector<Rule> r = {
      {"check-fails", "error",
       "A check or range constraint always raises when it runs: the facts before it make its "
       "condition false."},
      {"unsupported-op", "warning",
       "The engine has no semantics for this op: its result is unknown, so checks that depend "
       "on it are kept."},
      {"annotation-mismatch", "warning",
       "A node's annotation disagrees with the value the data flow computes (the data flow wins)."},
      {"malformed-input", "error", "The file is not a program symrange can read."},
  };
  return r;
}

std::string where(const ir::SourceLoc& loc) {
  if (loc.line <= 0) return loc.file;
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

std::vector<Note> evidenceNotes(const engine::AnalysisResult& a, const ir::Program& p,
                                const solver::Answer& answer, const std::string& graph,
                                const std::string& file) {
  std::vector<Note> notes;
  for (const std::string& label : answer.because) {
    const auto colon = label.find(':');
    const std::string kind = colon == std::string::npos ? "" : label.substr(0, colon);
    const std::string name = colon == std::string::npos ? label : label.substr(colon + 1);
    if (kind == "input") {
      notes.push_back({nodeLoc(findNode(p, name, "forward"), file),
                       "fact: input '" + name + "' (what its annotation guarantees)"});
    } else if (kind == "entry_check") {
      notes.push_back({nodeLoc(findNode(p, name, "forward"), file),
                       "fact: input '" + name + "' passed ExportedProgram's entry check (--inputs checked)"});
    } else if (label == "equality_constraints") {
      notes.push_back({{file, 0, 0}, "fact: the program's equality constraints"});
    } else if (const ir::Node* n = findNode(p, label, graph)) {
      const engine::CheckResult* c = a.checkOf(n);
      std::string text = c ? "fact: " + what(c->kind) + " '" + label + "' passed"
                           : "fact: what node '" + label + "' (" + n->target() + ") requires and guarantees";
      if (c && c->condition) text += ": " + engine::shownExpr(a, c->condition);
      notes.push_back({nodeLoc(n, file), text});
    } else {
      notes.push_back({{file, 0, 0}, "fact: " + label});
    }
  }
  if (!answer.witness.empty()) {
    std::string w;
    for (const auto& [k, v] : answer.witness)
      w += (w.empty() ? "" : ", ") + engine::shownName(a, k) + " = " + std::to_string(v);
    notes.push_back({{file, 0, 0}, "witness: " + w});
  }
  return notes;
}

std::vector<Finding> collectFindings(const engine::AnalysisResult& a, const ir::Program& p,
                                     const std::string& file) {
  std::vector<Finding> out;
  for (const engine::CheckResult& c : a.checks) {
    if (c.verdict() != solver::Verdict::Fails) continue;
    Finding f;
    f.rule = "check-fails";
    f.level = "error";
    f.loc = located(c.loc, file);
    f.message = what(c.kind) + " '" + c.name + "' always fails: " +
                (c.condition ? engine::shownExpr(a, c.condition) : std::string("its condition")) +
                " is false whenever it runs";
    if (c.graph != "forward") f.message += " (in " + c.graph + ")";
    f.notes = evidenceNotes(a, p, c.answer, c.graph, file);
    out.push_back(std::move(f));
  }
  std::set<std::string> unsupported;
  for (const auto& g : ir::allGraphs(p)) {
    for (const auto& n : g.graph->nodes()) {
      if (n->op() != ir::NodeOp::CallFunction && n->op() != ir::NodeOp::CallMethod) continue;
      if (engine::findOp(*n) || !unsupported.insert(n->target()).second) continue;
      out.push_back({"unsupported-op", "warning", located(n->loc, file),
                     "unsupported op '" + n->target() + "' (node '" + n->name() +
                         "'): its result is unknown; checks that depend on it are kept",
                     {}});
    }
  }
  for (const auto& w : a.warnings)
    out.push_back({"annotation-mismatch", "warning", located(w.loc, file),
                   "node '" + w.node + "' (" + w.graph + "): " + w.message, {}});
  return out;
}

Finding malformedFinding(const ir::InputError& e) {
  return {"malformed-input", "error", e.loc(), e.message(), {}};
}

SourceLines::SourceLines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view l = text.substr(b, e - b);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines_.emplace_back(l);
    b = e + 1;
  }
}

SourceLines SourceLines::load(const std::string& path) {
  if (path == "-" || ir::pt2::isPt2File(path)) return {};
  std::string text, error;
  if (!readInput(path, text, error)) return {};
  return SourceLines(text);
}

const std::string* SourceLines::line(int n) const {
  if (n < 1 || static_cast<std::size_t>(n) > lines_.size()) return nullptr;
  return &lines_[static_cast<std::size_t>(n) - 1];
}

void printFinding(std::ostream& os, const Finding& f, const SourceLines& src,
                  const std::string& srcFile) {
  os << where(f.loc) << ": " << f.level << ": " << f.message << "\n";
  if (f.loc.file == srcFile && f.loc.line > 0) {
    if (const std::string* l = src.line(f.loc.line)) {
      os << *l << "\n";
      std::string caret;
      for (int i = 0; i + 1 < f.loc.col && static_cast<std::size_t>(i) < l->size(); ++i)
        caret += (*l)[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ';
      os << caret << "^\n";
    }
  }
  for (const Note& n : f.notes) os << where(n.loc) << ": note: " << n.text << "\n";
}

}  // namespace symrange::tools
