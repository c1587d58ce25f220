// engine/Engine.h — the library API for compiler passes: read (or build) a program, analyse it,
// query verdicts, ranges and explanations, apply the rewrite, print the result and the report.
// The Engine owns the program and the one solver::Prover of the analysis; the passes it runs
// (engine/Analysis, engine/Rewrite) receive that prover.
//
// Usage:
//   #include "engine/Engine.h"
//   using namespace symrange;
//   engine::Engine e = engine::Engine::fromFile("model.txt");   // throws ir::InputError
//   const engine::AnalysisResult& a = e.analyze();
//   if (const engine::CheckResult* c = e.check("_assert_async_2"))
//     std::cout << solver::toString(c->verdict()) << "\n";         // "redundant"
//   if (auto r = e.range("i4")) std::cout << *r->lo << ".." << *r->hi << "\n";   // 0..5
//   std::cout << e.explain("_assert_async_2") << "\n";
//   e.optimize();                                                 // rewrite in place
//   std::cout << e.print();                                       // same style as the input
//   std::cout << e.report().dump(2);                              // BRIEF section 5
//
// A program built through the ir/ API instead of read from text:
//   auto p = std::make_unique<ir::Program>();
//   p->root = std::make_unique<ir::Graph>("forward");
//   ... p->root->append(std::make_unique<ir::Node>("x", ir::NodeOp::Placeholder, "x")) ...
//   engine::Engine e(std::move(p));
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/Rewrite.h"
#include "engine/Verdicts.h"
#include "engine/ops/OpSemantics.h"
#include "ir/Graph.h"
#include "solver/Prover.h"

namespace symrange::engine {

struct EngineOptions {
  solver::Budget budget{};
  Semantics semantics{};
  /// Compute the range of every symbol during analyze() (the report's `ranges`); off, range()
  /// answers nullopt and only verdicts are computed (the benchmark harness times those).
  bool ranges = true;
};

class Engine {
 public:
  explicit Engine(std::unique_ptr<ir::Program> program, EngineOptions options = {});
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  /// Reads a program (any printed form). Throws ir::InputError on malformed input.
  [[nodiscard]] static Engine fromText(std::string_view text, const std::string& file,
                                       EngineOptions options = {});
  /// Reads a file ("-" is standard input). Throws ir::InputError.
  [[nodiscard]] static Engine fromFile(const std::string& path, EngineOptions options = {});

  [[nodiscard]] ir::Program& program() { return *program_; }
  [[nodiscard]] const ir::Program& program() const { return *program_; }

  /// Runs the analysis (once; later calls return the same result).
  const AnalysisResult& analyze();
  /// Applies the rewrite (once; analyses first if needed).
  const RewriteSummary& optimize();
  [[nodiscard]] bool optimized() const { return rewrite_.has_value(); }

  /// The verdict of check / range-constraint node `name` (nullptr if there is none).
  [[nodiscard]] const CheckResult* check(std::string_view name, std::string_view graph = {});
  /// The verdict of `cond` node `name`.
  [[nodiscard]] const BranchResult* branch(std::string_view name, std::string_view graph = {});
  /// The tightest range of symbol `name` at the end of `forward` (nullopt: unknown symbol).
  [[nodiscard]] std::optional<solver::Range> range(std::string_view symbol);
  /// The range of any integer expression at the end of `forward`.
  [[nodiscard]] solver::Range rangeOf(ir::ExprRef e);
  /// One human-readable paragraph on why node `name` got its verdict.
  [[nodiscard]] std::string explain(std::string_view name, std::string_view graph = {});

  /// The program in the style it was read in (optimized once optimize() ran).
  [[nodiscard]] std::string print() const;
  /// The JSON report (BRIEF section 5) for `file` (defaults to the program's file name).
  [[nodiscard]] nlohmann::ordered_json report(std::string file = {});
  /// The one-line summary of the CLI.
  [[nodiscard]] std::string summary(std::string file = {});

 private:
  std::unique_ptr<ir::Program> program_;
  std::unique_ptr<solver::Prover> prover_;
  Semantics semantics_;
  bool ranges_ = true;
  std::optional<AnalysisResult> analysis_;
  std::optional<RewriteSummary> rewrite_;
};

}  // namespace symrange::engine
