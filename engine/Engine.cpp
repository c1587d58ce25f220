// engine/Engine.cpp — see Engine.h.
#include "engine/Engine.h"

#include "ir/pt2/Pt2.h"

#include <sstream>

#include "engine/Report.h"
#include "engine/internal/Analysis.h"
#include "ir/ExprPrinter.h"
#include "ir/text/Reader.h"
#include "ir/text/Writer.h"

namespace symrange::engine {

Engine::Engine(std::unique_ptr<ir::Program> program, EngineOptions options)
    : program_(std::move(program)),
      prover_(std::make_unique<solver::Prover>(program_->exprs(), options.budget)),
      semantics_(options.semantics),
      ranges_(options.ranges) {
  SYMRANGE_ASSERT(program_->root != nullptr);
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

Engine Engine::fromText(std::string_view text, const std::string& file, EngineOptions options) {
  return Engine(ir::readProgram(text, file), options);
}

Engine Engine::fromFile(const std::string& path, EngineOptions options) {
  if (ir::pt2::isPt2File(path)) return Engine(ir::pt2::readPt2(path).program, options);
  return Engine(ir::readProgramFile(path), options);
}

const AnalysisResult& Engine::analyze() {
  if (!analysis_) analysis_ = analyzeProgram(*program_, *prover_, semantics_, ranges_);
  return *analysis_;
}

const RewriteSummary& Engine::optimize() {
  analyze();
  if (!rewrite_) rewrite_ = rewriteProgram(*program_, *analysis_, *prover_);
  return *rewrite_;
}

const CheckResult* Engine::check(std::string_view name, std::string_view graph) {
  return analyze().check(name, graph);
}

const BranchResult* Engine::branch(std::string_view name, std::string_view graph) {
  return analyze().branch(name, graph);
}

std::optional<solver::Range> Engine::range(std::string_view symbol) {
  if (const solver::Range* r = analyze().range(symbol)) return *r;
  return std::nullopt;
}

solver::Range Engine::rangeOf(ir::ExprRef e) {
  analyze();
  return prover_->range(e);
}

std::string Engine::explain(std::string_view name, std::string_view graph) {
  const AnalysisResult& a = analyze();
  std::ostringstream os;
  auto evidence = [&](const solver::Answer& ans) {
    if (ans.method != solver::Method::None) os << " (decided by " << solver::toString(ans.method) << ")";
    if (!ans.because.empty()) {
      os << "; because of";
      for (const auto& b : ans.because) os << " " << b;
    }
    if (!ans.witness.empty()) {
      os << "; witness";
      for (const auto& [k, v] : ans.witness) os << " " << shownName(a, k) << "=" << v;
    }
    if (!ans.reason.empty()) os << "; " << ans.reason;
  };
  if (const CheckResult* c = a.check(name, graph)) {
    os << c->name << " [" << toString(c->kind) << " in " << c->graph << "]: ";
    os << (c->condition ? shownExpr(a, c->condition) : std::string("<not understood>"));
    os << " is " << solver::toString(c->answer.verdict);
    evidence(c->answer);
    if (c->sizeLike && c->answer.verdict == solver::Verdict::Redundant)
      os << "; kept: sym_constrain_range_for_size marks its symbol size-like";
    return os.str();
  }
  if (const BranchResult* b = a.branch(name, graph)) {
    os << b->name << " [cond in " << b->graph << "]: predicate "
       << (b->predicate ? shownExpr(a, b->predicate) : std::string("<not understood>")) << " is "
       << toString(b->verdict);
    evidence(b->answer);
    return os.str();
  }
  return std::string(name) + ": not a check, range constraint or cond of this program";
}

std::string Engine::print() const { return ir::writeProgram(*program_); }

nlohmann::ordered_json Engine::report(std::string file) {
  analyze();
  if (file.empty()) file = program_->file;
  return makeReport(file, *analysis_, rewrite_ ? &*rewrite_ : nullptr);
}

std::string Engine::summary(std::string file) {
  analyze();
  if (file.empty()) file = program_->file;
  return summaryLine(file, *analysis_, rewrite_ ? &*rewrite_ : nullptr);
}

}  // namespace symrange::engine
