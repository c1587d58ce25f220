// ir/text/Reader.h — reads every printed torch.export form (ExportedProgram text of torch 2.1 to
// 2.5+, print_readable, the code form, the FX `graph():` dump) into a Program.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ir/Graph.h"

namespace symrange::ir {

/// Parses `text` (the contents of `file`). Throws InputError (`file:line:col: error: ...`)
/// on anything malformed; never crashes or hangs on arbitrary bytes.
[[nodiscard]] std::unique_ptr<Program> readProgram(std::string_view text, const std::string& file);

/// Reads a file ("-" is standard input). Throws InputError when unreadable.
[[nodiscard]] std::unique_ptr<Program> readProgramFile(const std::string& path);

}  // namespace symrange::ir
