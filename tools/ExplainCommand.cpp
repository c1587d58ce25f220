// tools/ExplainCommand.cpp — `symrange explain FILE NODE [--graph G] [engine options]`: why one
// check, range constraint or `cond` got its verdict: the condition, the verdict and how it was
// decided, the facts that decide it (each with the line it comes from) and the witness. An
// unknown node name is exit 2 with a message; otherwise exit 0 whatever the verdict.
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "engine/Engine.h"
#include "engine/Report.h"
#include "ir/Diagnostic.h"
#include "tools/internal/Commands.h"
#include "tools/Diagnostics.h"
#include "tools/internal/EngineFlags.h"
#include "tools/internal/Output.h"

namespace symrange::tools {

namespace {

struct ExplainOptions {
  std::string file, node, graph;
  EngineFlags engine;
};

void printEvidence(std::ostream& os, const std::vector<Note>& notes, const SourceLines& source,
                   const std::string& shown) {
  bool facts = false;
  for (const Note& n : notes) {
    if (n.text.starts_with("witness: ")) {
      os << "  witness:   " << n.text.substr(9) << "\n";
      continue;
    }
    if (!facts) os << "  facts:\n";
    facts = true;
    os << "    " << where(n.loc) << ": " << n.text.substr(n.text.starts_with("fact: ") ? 6 : 0) << "\n";
    if (n.loc.file == shown)
      if (const std::string* l = source.line(n.loc.line)) os << "      | " << *l << "\n";
  }
}

int runExplain(const ExplainOptions& o) {
  const std::string shown = o.file == "-" ? "<stdin>" : o.file;
  std::unique_ptr<engine::Engine> e;
  try {
    e = std::make_unique<engine::Engine>(engine::Engine::fromFile(o.file, engineOptions(o.engine)));
  } catch (const ir::InputError& err) {
    std::cerr << err.what() << "\n";
    return 2;
  }
  const engine::AnalysisResult& a = e->analyze();
  const SourceLines source = SourceLines::load(o.file);
  std::ostringstream os;
  auto header = [&](const std::string& kind, const std::string& graph, const ir::SourceLoc& at) {
    ir::SourceLoc loc = at;
    if (loc.file.empty()) loc.file = shown;
    os << o.node << ": " << kind << " in " << graph << " at " << where(loc) << "\n";
    if (const std::string* l = loc.file == shown ? source.line(loc.line) : nullptr)
      os << "      | " << *l << "\n";
  };
  auto decided = [&](const solver::Answer& ans) {
    std::string how = ans.method != solver::Method::None
                          ? std::string(" (decided by ") + solver::toString(ans.method) + ")"
                          : std::string();
    if (!ans.reason.empty()) how += " (" + ans.reason + ")";
    return how;
  };
  if (const engine::CheckResult* c = a.check(o.node, o.graph)) {
    header(toString(c->kind), c->graph, c->loc);
    os << "  condition: "
       << (c->condition ? engine::shownExpr(a, c->condition) : std::string("<not understood>")) << "\n";
    os << "  verdict:   " << solver::toString(c->verdict()) << decided(c->answer) << "\n";
    if (c->sizeLike && c->verdict() == solver::Verdict::Redundant)
      os << "  kept:      sym_constrain_range_for_size marks its symbol size-like\n";
    printEvidence(os, evidenceNotes(a, e->program(), c->answer, c->graph, shown), source, shown);
  } else if (const engine::BranchResult* b = a.branch(o.node, o.graph)) {
    header("cond", b->graph, b->loc);
    os << "  predicate: "
       << (b->predicate ? engine::shownExpr(a, b->predicate) : std::string("<not understood>")) << "\n";
    os << "  verdict:   " << engine::toString(b->verdict) << decided(b->answer) << "\n";
    printEvidence(os, evidenceNotes(a, e->program(), b->answer, b->graph, shown), source, shown);
  } else {
    std::cerr << "symrange explain: error: " << shown << " has no check, range constraint or cond named '"
              << o.node << "'" << (o.graph.empty() ? "" : " in graph '" + o.graph + "'") << "\n";
    return 2;
  }
  return writeOutput("-", os.str(), "explanation") ? 0 : 2;
}

}  // namespace

void registerExplainCommand(CLI::App& app, int& exitCode) {
  auto o = std::make_shared<ExplainOptions>();
  auto* cmd = app.add_subcommand("explain", "why a check, range constraint or cond got its verdict");
  cmd->add_option("FILE", o->file, "program ('-' reads standard input)")->required();
  cmd->add_option("NODE", o->node, "the node's name, as in the program")->required();
  cmd->add_option("--graph", o->graph, "the graph of the node when several have one of that name "
                                       "(\"forward\", \"true_graph_0\", nested joined by '/')");
  addEngineFlags(*cmd, o->engine);
  cmd->callback([o, &exitCode] { exitCode = runExplain(*o); });
}

}  // namespace symrange::tools
