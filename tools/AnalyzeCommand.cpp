// tools/AnalyzeCommand.cpp — `symrange analyze` (stub until the engine lands).
#include <iostream>

#include "tools/Commands.h"

namespace symrange::tools {

void registerAnalyzeCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("analyze", "analyse a program, print it optimized");
  cmd->callback([&exitCode] {
    std::cerr << "symrange analyze: not implemented yet\n";
    exitCode = 2;
  });
}

}  // namespace symrange::tools
