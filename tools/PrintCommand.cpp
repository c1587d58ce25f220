// tools/PrintCommand.cpp — `symrange print FILE [-o OUT]`: parse and re-print without changes (the
// reader/writer round trip; a `.pt2` archive prints as the text `print(ep)` shows). FILE `-` reads standard input. Malformed input: the diagnostic
// on stderr, exit 2.
#include <iostream>
#include <string>

#include "ir/Diagnostic.h"
#include "ir/pt2/Pt2.h"
#include "ir/text/Reader.h"
#include "ir/text/Writer.h"
#include "tools/internal/Commands.h"
#include "tools/internal/Output.h"

namespace symrange::tools {

void registerPrintCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("print", "parse a printed program and print it back unchanged");
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>("-");
  cmd->add_option("FILE", *file, "program file ('-' for standard input)")->required();
  cmd->add_option("-o,--output", *output, "write the program to PATH instead of stdout");
  cmd->callback([file, output, &exitCode] {
    try {
      // a .pt2 archive prints as the text `print(ep)` shows
      auto program = ir::pt2::isPt2File(*file) ? ir::pt2::readPt2(*file).program
                                               : ir::readProgramFile(*file);
      exitCode = writeOutput(*output, ir::writeProgram(*program), "program") ? 0 : 2;
    } catch (const ir::InputError& e) {
      std::cerr << e.what() << "\n";
      exitCode = 2;
    }
  });
}

}  // namespace symrange::tools
