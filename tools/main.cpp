// tools/main.cpp — the `symrange` command line (docs/cli.md). Exit status: 0 ok, 1 a check
// always fails (or a malformed file in a batch), 2 bad input, a usage error or an output that
// cannot be written, 3 an internal error, 130 interrupted.
#include <exception>
#include <iostream>
#include <string>

#include <symrange/version.h>

#include "tools/internal/Commands.h"
#include "tools/internal/HugeHeap.h"
#include "tools/internal/Interrupt.h"
#include "tools/internal/Output.h"

namespace {

/// `symrange help [COMMAND]`: the help of the program or of one command, on stdout.
void registerHelpCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("help", "show this help, or the help of COMMAND");
  auto topic = std::make_shared<std::string>();
  cmd->add_option("COMMAND", *topic, "a command");
  cmd->callback([&app, topic] {
    if (topic->empty()) {
      // app.help() would show the help of the selected subcommand (this one)
      std::cout << app.get_formatter()->make_help(&app, "symrange", CLI::AppFormatMode::Normal);
      return;
    }
    try {
      std::cout << app.get_subcommand(*topic)->help("symrange");
    } catch (const CLI::OptionNotFound&) {
      throw CLI::ValidationError("help", "unknown command '" + *topic + "'");
    }
  });
}

}  // namespace

int main(int argc, char** argv) {
  symrange::tools::prepareHugeHeap();
  symrange::tools::startInterruptWatch();
  CLI::App app{"symrange: symbolic range analysis of torch.export graphs"};
  app.name("symrange");
  app.set_version_flag("--version", std::string("symrange ") + SYMRANGE_VERSION);
  app.require_subcommand(1);
  int exitCode = 0;
  symrange::tools::registerPrintCommand(app, exitCode);
  symrange::tools::registerAnalyzeCommand(app, exitCode);
  symrange::tools::registerVerifyCommand(app, exitCode);
  symrange::tools::registerExplainCommand(app, exitCode);
  registerHelpCommand(app);
  // a first word that is not an option must name a command (CLI11 would only say that a
  // subcommand is required)
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    try {
      (void)app.get_subcommand(word);
    } catch (const CLI::OptionNotFound&) {
      std::cerr << "symrange: error: unknown command '" << word
                << "' (commands: print, analyze, verify, merge, explain, help; see symrange --help)\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    if (!symrange::tools::finishStdout()) return 2;
    return rc == 0 ? 0 : 2;  // usage errors exit 2
  } catch (const std::exception& e) {
    std::cerr << "symrange: internal error: " << e.what() << "\n";
    return 3;
  }
  if (!symrange::tools::finishStdout() && exitCode != 130) return 2;
  return exitCode;
}
