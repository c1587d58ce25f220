// tools/main.cpp — the `symrange` command line (BRIEF section 4).
#include <exception>
#include <iostream>

#include "tools/Commands.h"

int main(int argc, char** argv) {
  CLI::App app{"symrange: symbolic range analysis of torch.export graphs"};
  app.require_subcommand(1);
  int exitCode = 0;
  symrange::tools::registerPrintCommand(app, exitCode);
  symrange::tools::registerAnalyzeCommand(app, exitCode);
  symrange::tools::registerVerifyCommand(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;  // usage errors exit 2
  } catch (const std::exception& e) {
    std::cerr << "symrange: internal error: " << e.what() << "\n";
    return 3;
  }
  return exitCode;
}
