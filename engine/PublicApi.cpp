// engine/PublicApi.cpp — the installed API (include/symrange/symrange.h) over engine::Engine:
// turns the engine's records into the API's plain structs, so nothing internal leaks.
#include <symrange/symrange.h>

#include <fstream>

#include "engine/Engine.h"
#include "engine/Report.h"
#include "engine/ops/CustomOps.h"
#include "ir/Diagnostic.h"
#include "ir/pt2/Pt2.h"

namespace symrange {

Error::Error(std::string file, int line, int column, const std::string& message)
    : std::runtime_error(ir::InputError::format(ir::SourceLoc{file, line, column}, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(message) {}

// The API's enums list their values in the engine's order, so a conversion is a cast and each
// word is spelled in one place (solver::toString, engine::toString).
#define SYMRANGE_SAME(api, internal) static_assert(static_cast<int>(api) == static_cast<int>(internal))
SYMRANGE_SAME(Verdict::Redundant, solver::Verdict::Redundant);
SYMRANGE_SAME(Verdict::Required, solver::Verdict::Required);
SYMRANGE_SAME(Verdict::Fails, solver::Verdict::Fails);
SYMRANGE_SAME(Verdict::Unreachable, solver::Verdict::Unreachable);
SYMRANGE_SAME(Verdict::Unknown, solver::Verdict::Unknown);
SYMRANGE_SAME(Decision::True, engine::CondVerdict::True);
SYMRANGE_SAME(Decision::False, engine::CondVerdict::False);
SYMRANGE_SAME(Decision::Open, engine::CondVerdict::Open);
SYMRANGE_SAME(Decision::Unknown, engine::CondVerdict::Unknown);
SYMRANGE_SAME(Decision::Unreachable, engine::CondVerdict::Unreachable);
SYMRANGE_SAME(InputModel::Unchecked, engine::InputModel::Unchecked);
SYMRANGE_SAME(InputModel::Checked, engine::InputModel::Checked);
SYMRANGE_SAME(ConstraintSemantics::Aten, engine::ConstraintSemantics::Aten);
SYMRANGE_SAME(ConstraintSemantics::Range, engine::ConstraintSemantics::Range);
#undef SYMRANGE_SAME

const char* toString(Verdict v) { return solver::toString(static_cast<solver::Verdict>(v)); }

const char* toString(Decision d) { return engine::toString(static_cast<engine::CondVerdict>(d)); }

const char* toString(InputModel m) { return engine::toString(static_cast<engine::InputModel>(m)); }

namespace {

[[noreturn]] void rethrow(const ir::InputError& e) {
  throw Error(e.loc().file, e.loc().line, e.loc().col, e.message());
}

engine::CustomOp toEngine(const OpSemantics& s) {
  engine::CustomOp op;
  op.key = engine::customOpKey(s.target);
  const auto returns = engine::parseReturns(s.returns);
  if (!returns)
    throw Error("<options>", 0, 0, s.target + ": returns must be int, bool, float, tensor or none");
  op.returns = *returns;
  op.guarantees = s.guarantees;
  op.preconditions = s.preconditions;
  op.pure = s.pure;
  op.mutates = s.mutates;
  if (op.pure && op.mutates) throw Error("<options>", 0, 0, s.target + ": an op that mutates is not pure");
  if (std::string why = engine::validateCustomOp(op); !why.empty())
    throw Error("<options>", 0, 0, s.target + ": " + why);
  return op;
}

engine::EngineOptions toEngine(const Options& o) {
  engine::EngineOptions e;
  if (o.budget > 0) e.budget.rlimit = o.budget;
  e.semantics.inputs = static_cast<engine::InputModel>(o.inputs);
  e.semantics.constraints = static_cast<engine::ConstraintSemantics>(o.constraintSemantics);
  e.ranges = o.ranges;
  if (!o.customOps.empty()) {
    std::vector<engine::CustomOp> ops;
    for (const OpSemantics& s : o.customOps) ops.push_back(toEngine(s));
    e.semantics.customOps = std::make_shared<engine::CustomOpTable>(std::move(ops));
  }
  return e;
}

Verdict toApi(solver::Verdict v) { return static_cast<Verdict>(v); }

Decision toApi(engine::CondVerdict v) { return static_cast<Decision>(v); }

Location toApi(const ir::SourceLoc& l) { return Location{l.file, l.line, l.col}; }

/// The evidence fields every record shares.
template <typename Record>
void evidence(const engine::AnalysisResult& a, const solver::Answer& ans, Record& r) {
  r.method = ans.method == solver::Method::None ? "" : solver::toString(ans.method);
  r.because = ans.because;
  for (const auto& [name, value] : ans.witness)
    r.witness.emplace_back(engine::shownName(a, name), std::to_string(value));
  r.reason = ans.reason;
}

}  // namespace

struct Program::Impl {
  engine::Engine engine;
  std::optional<ir::pt2::Pt2Archive> archive;  // set when read from a `.pt2`
  std::optional<std::vector<Check>> checks;
  std::optional<std::vector<Branch>> branches;
  std::optional<std::vector<SymbolRange>> ranges;

  void convert() {
    if (checks) return;
    const engine::AnalysisResult& a = engine.analyze();
    checks.emplace();
    for (const engine::CheckResult& c : a.checks) {
      Check out;
      out.node = c.name;
      out.graph = c.graph;
      out.constraint = c.kind == engine::CheckKind::Constraint;
      out.condition = c.condition ? engine::shownExpr(a, c.condition) : "";
      out.verdict = toApi(c.verdict());
      evidence(a, c.answer, out);
      out.location = toApi(c.loc);
      out.removable = c.removable();
      checks->push_back(std::move(out));
    }
    branches.emplace();
    for (const engine::BranchResult& b : a.branches) {
      Branch out;
      out.node = b.name;
      out.graph = b.graph;
      out.predicate = b.predicate ? engine::shownExpr(a, b.predicate) : "";
      out.decision = toApi(b.verdict);
      evidence(a, b.answer, out);
      out.location = toApi(b.loc);
      branches->push_back(std::move(out));
    }
    ranges.emplace();
    for (const auto& [symbol, r] : a.ranges)
      ranges->push_back(SymbolRange{engine::shownName(a, symbol->name()), r.lo, r.hi, r.exact});
  }
};

Program::Program(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Program::~Program() = default;
Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;

Program Program::load(const std::string& path, Options options) {
  const engine::EngineOptions eo = toEngine(options);
  try {
    if (ir::pt2::isPt2File(path)) {
      ir::pt2::Pt2Program p = ir::pt2::readPt2(path);
      auto impl = std::make_unique<Impl>(Impl{engine::Engine(std::move(p.program), eo),
                                              std::move(p.archive), {}, {}, {}});
      return Program(std::move(impl));
    }
    return Program(std::make_unique<Impl>(Impl{engine::Engine::fromFile(path, eo), {}, {}, {}, {}}));
  } catch (const ir::InputError& e) {
    rethrow(e);
  }
}

Program Program::parse(std::string_view text, const std::string& file, Options options) {
  const engine::EngineOptions eo = toEngine(options);
  try {
    return Program(
        std::make_unique<Impl>(Impl{engine::Engine::fromText(text, file, eo), {}, {}, {}, {}}));
  } catch (const ir::InputError& e) {
    rethrow(e);
  }
}

const std::vector<Check>& Program::checks() {
  impl_->convert();
  return *impl_->checks;
}

const std::vector<Branch>& Program::branches() {
  impl_->convert();
  return *impl_->branches;
}

const std::vector<SymbolRange>& Program::ranges() {
  impl_->convert();
  return *impl_->ranges;
}

std::optional<Check> Program::check(std::string_view node) {
  for (const Check& c : checks())
    if (c.node == node) return c;
  return std::nullopt;
}

std::optional<SymbolRange> Program::range(std::string_view symbol) {
  for (const SymbolRange& r : ranges())
    if (r.symbol == symbol) return r;
  // a symbol the report shows under another name
  if (auto r = impl_->engine.range(symbol))
    return SymbolRange{std::string(symbol), r->lo, r->hi, r->exact};
  return std::nullopt;
}

std::string Program::explain(std::string_view node) {
  const engine::AnalysisResult& a = impl_->engine.analyze();
  if (!a.check(node) && !a.branch(node)) return "";
  return impl_->engine.explain(node);
}

bool Program::anyFails() { return impl_->engine.analyze().anyFails(); }

Rewrite Program::optimize() {
  impl_->convert();  // the records keep describing the program as it was analysed
  const engine::RewriteSummary& s = impl_->engine.optimize();
  return Rewrite{s.checksRemoved, s.branchesPruned, impl_->engine.analyze().nodesIn, s.nodesOut};
}

std::string Program::text() const { return impl_->engine.print(); }

void Program::save(const std::string& path) const {
  try {
    if (impl_->archive) {
      ir::pt2::writePt2(impl_->engine.program(), *impl_->archive, path);
      return;
    }
  } catch (const ir::InputError& e) {
    rethrow(e);
  }
  std::ofstream out(path, std::ios::binary);
  out << impl_->engine.print();
  out.flush();
  if (!out) throw Error(path, 0, 0, std::string("cannot write: ") + std::strerror(errno));
}

std::string Program::report() { return impl_->engine.report().dump(2) + "\n"; }

std::vector<OpSemantics> loadOpSemantics(const std::string& path) {
  std::vector<engine::CustomOp> ops;
  try {
    ops = engine::readCustomOpsFile(path);
  } catch (const ir::InputError& e) {
    rethrow(e);
  }
  std::vector<OpSemantics> out;
  for (const engine::CustomOp& op : ops) {
    OpSemantics s;
    s.target = op.key;
    static constexpr const char* kReturns[] = {"int", "bool", "float", "tensor", "none"};
    s.returns = kReturns[static_cast<int>(op.returns)];
    s.guarantees = op.guarantees;
    s.preconditions = op.preconditions;
    s.pure = op.pure;
    s.mutates = op.mutates;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace symrange
