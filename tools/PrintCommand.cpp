// tools/PrintCommand.cpp — `symrange print FILE`: parse and re-print without changes (the
// reader/writer round trip; a `.pt2` archive prints as the text `print(ep)` shows). FILE `-` reads standard input. Malformed input: the diagnostic
// on stderr, exit 2.
#include <iostream>
#include <string>

#include "ir/Diagnostic.h"
#include "ir/Reader.h"
#include "ir/Writer.h"
#include "ir/pt2/Pt2.h"
#include "tools/Commands.h"

namespace symrange::tools {

void registerPrintCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand("print", "parse a printed program and print it back unchanged");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "program file ('-' for standard input)")->required();
  cmd->callback([file, &exitCode] {
    try {
      // a .pt2 archive prints as the text `print(ep)` shows
      auto program = ir::pt2::isPt2File(*file) ? ir::pt2::readPt2(*file).program
                                               : ir::readProgramFile(*file);
      std::cout << ir::writeProgram(*program);
      std::cout.flush();
      exitCode = 0;
    } catch (const ir::InputError& e) {
      std::cerr << e.what() << "\n";
      exitCode = 2;
    }
  });
}

}  // namespace symrange::tools
