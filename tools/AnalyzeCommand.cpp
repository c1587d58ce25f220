// tools/AnalyzeCommand.cpp — `symrange analyze FILE [--report PATH|-] [--budget N]` (BRIEF
// section 4): prints the optimized program (or, with `--report -`, the JSON report) to stdout,
// a one-line summary to stderr; exit 0 ok, 1 if a check always fails, 2 on bad input.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "engine/Engine.h"
#include "ir/Diagnostic.h"
#include "tools/Commands.h"
#include "tools/EngineFlags.h"

namespace symrange::tools {

namespace {

struct AnalyzeOptions {
  std::string file;
  std::string report;
  EngineFlags engine;
};

int runAnalyze(const AnalyzeOptions& o) {
  const engine::EngineOptions options = engineOptions(o.engine);
  const std::string shown = o.file == "-" ? "<stdin>" : o.file;
  std::unique_ptr<engine::Engine> e;
  try {
    e = std::make_unique<engine::Engine>(engine::Engine::fromFile(o.file, options));
  } catch (const ir::InputError& err) {
    std::cerr << err.what() << "\n";
    return 2;
  }
  const engine::AnalysisResult& a = e->analyze();
  for (const auto& w : a.warnings) {
    ir::SourceLoc loc = w.loc;
    if (loc.file.empty()) loc.file = shown;
    std::cerr << loc.file << ":" << loc.line << ":" << loc.col << ": warning: node '" << w.node
              << "' (" << w.graph << "): " << w.message << "\n";
  }
  e->optimize();
  const auto report = e->report(shown);
  if (o.report == "-") {
    std::cout << report.dump(2) << "\n";
  } else {
    if (!o.report.empty()) {
      std::ofstream out(o.report);
      if (!out) {
        std::cerr << o.report << ": error: cannot write the report\n";
        return 2;
      }
      out << report.dump(2) << "\n";
    }
    std::cout << e->print();
  }
  std::cerr << "symrange analyze: " << e->summary(shown) << "\n";
  return a.anyFails() ? 1 : 0;
}

}  // namespace

void registerAnalyzeCommand(CLI::App& app, int& exitCode) {
  auto opts = std::make_shared<AnalyzeOptions>();
  auto* cmd = app.add_subcommand("analyze", "analyse a program, print it optimized");
  cmd->add_option("FILE", opts->file, "program to analyse ('-' reads standard input)")->required();
  cmd->add_option("--report", opts->report, "write the JSON report to PATH ('-': stdout, instead of the program)");
  addEngineFlags(*cmd, opts->engine);
  cmd->callback([opts, &exitCode] { exitCode = runAnalyze(*opts); });
}

}  // namespace symrange::tools
