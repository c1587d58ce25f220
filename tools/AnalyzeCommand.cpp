// tools/AnalyzeCommand.cpp — `symrange analyze FILE [-o OUT] [--report PATH|-] [--sarif PATH]
// [--dot PATH [--dot-focus NODE]] [--html PATH] [--budget N]` (docs/cli.md, docs/views.md): prints the optimized program (or, with `--report -`, the JSON
// report) to stdout, or with `-o` writes it to OUT (a `.pt2` archive in, an archive of the same
// layout out); the diagnostics (tools/Diagnostics.h) and a one-line summary to stderr; exit 0
// ok, 1 if a check always fails, 2 on bad input or an output that cannot be written.
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "engine/Engine.h"
#include "ir/Diagnostic.h"
#include "ir/pt2/Pt2.h"
#include "tools/internal/Commands.h"
#include "tools/internal/EngineFlags.h"
#include "tools/Diagnostics.h"
#include "tools/internal/Output.h"
#include "tools/internal/Sarif.h"
#include "tools/internal/ViewOutput.h"

namespace symrange::tools {

namespace {

struct AnalyzeOptions {
  std::string file;
  std::string report;
  std::string output;
  std::string sarif;
  std::string dot, dotFocus, html;
  EngineFlags engine;
};

int runAnalyze(const AnalyzeOptions& o) {
  const std::string shown = o.file == "-" ? "<stdin>" : o.file;
  std::unique_ptr<engine::Engine> e;
  std::optional<ir::pt2::Pt2Archive> archive;
  engine::EngineOptions options;
  const bool views = !o.dot.empty() || !o.html.empty();
  std::string stdinText;  // standard input, kept for the views (it cannot be read twice)
  auto load = [&] {
    if (views && o.file == "-") {
      stdinText.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      e = std::make_unique<engine::Engine>(engine::Engine::fromText(stdinText, shown, options));
    } else if (ir::pt2::isPt2File(o.file)) {
      ir::pt2::Pt2Program p = ir::pt2::readPt2(o.file);
      archive = std::move(p.archive);
      e = std::make_unique<engine::Engine>(std::move(p.program), options);
    } else {
      e = std::make_unique<engine::Engine>(engine::Engine::fromFile(o.file, options));
    }
  };
  try {
    options = engineOptions(o.engine);
    if (o.report.empty() && o.sarif.empty() && !views) verdictsOnly(options);
    load();
  } catch (const ir::InputError& err) {
    std::cerr << err.what() << "\n";
    if (!o.sarif.empty()) (void)writeOutput(o.sarif, sarifLog({malformedFinding(err)}).dump(2) + "\n", "SARIF log");
    return 2;
  }
  const engine::AnalysisResult& a = e->analyze();
  // the findings name nodes the rewrite may remove: collected before optimize()
  const std::vector<Finding> findings = collectFindings(a, e->program(), shown);
  // the source lines are read again only to quote them under a finding
  const SourceLines source = findings.empty() ? SourceLines() : SourceLines::load(o.file);
  for (const Finding& f : findings) printFinding(std::cerr, f, source, shown);
  if (!o.sarif.empty() && !writeOutput(o.sarif, sarifLog(findings).dump(2) + "\n", "SARIF log"))
    return 2;
  e->optimize();
  // the JSON report only when asked for (or drawn): at 10^5 nodes building it costs more than
  // printing the program
  nlohmann::ordered_json report;
  if (!o.report.empty() || views) report = e->report(shown);
  if (!o.report.empty() && !writeOutput(o.report, report.dump(2) + "\n", "report")) return 2;
  if (views) {
    try {
      const ViewSource source = o.file == "-" ? viewSourceFromText(stdinText, shown) : loadViewSource(o.file);
      if (!writeFileViews(source, report, o.dot, o.dotFocus, o.html)) return 2;
    } catch (const ir::InputError& err) {  // the file changed since it was analysed
      std::cerr << err.what() << "\n";
      return 2;
    }
  }
  if (!o.output.empty() && archive) {
    try {
      ir::pt2::writePt2(e->program(), *archive, o.output);
    } catch (const ir::InputError& err) {
      std::cerr << err.what() << "\n";
      return 2;
    }
  } else if (!o.output.empty() || o.report != "-") {
    if (!writeOutput(o.output.empty() ? "-" : o.output, e->print(), "program")) return 2;
  }
  std::cerr << "symrange analyze: " << e->summary(shown) << "\n";
  const int status = a.anyFails() ? 1 : 0;
#if !defined(__SANITIZE_ADDRESS__)
  // The process ends here: the engine (program, Z3 context) is left to the exit instead of
  // being freed piece by piece. Deleting Z3 4.8's context alone costs about 15 M instructions
  // on corpus/medium/prog_0, a quarter of the whole process. Under AddressSanitizer it is freed,
  // so that the leak check finds nothing.
  (void)e.release();
#endif
  return status;
}

}  // namespace

void registerAnalyzeCommand(CLI::App& app, int& exitCode) {
  auto opts = std::make_shared<AnalyzeOptions>();
  auto* cmd = app.add_subcommand("analyze", "analyse a program, print it optimized");
  cmd->add_option("FILE", opts->file, "program to analyse ('-' reads standard input)")->required();
  cmd->add_option("-o,--output", opts->output,
                  "write the optimized program to PATH instead of stdout (a .pt2 archive for a "
                  ".pt2 input)");
  cmd->add_option("--report", opts->report, "write the JSON report to PATH ('-': stdout, instead of the program)");
  cmd->add_option("--sarif", opts->sarif, "write the findings as a SARIF 2.1.0 log to PATH");
  cmd->add_option("--dot", opts->dot, "write the program as a Graphviz DOT graph, checks coloured by verdict, to PATH");
  cmd->add_option("--dot-focus", opts->dotFocus, "draw only NODE and what it depends on in the --dot graph")
      ->needs(cmd->get_option("--dot"));
  cmd->add_option("--html", opts->html, "write a self-contained HTML page of the verdicts to PATH");
  addEngineFlags(*cmd, opts->engine);
  cmd->callback([opts, &exitCode] { exitCode = runAnalyze(*opts); });
}

}  // namespace symrange::tools
