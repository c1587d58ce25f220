// ir/text/Writer.h — prints a Program back in the form and era it was read in.
#pragma once

#include <string>

#include "ir/Graph.h"

namespace symrange::ir {

/// Prints `p`. For a program read and not changed, the result equals the input modulo
/// trailing white space. Nodes built through the API are printed in the program's style.
[[nodiscard]] std::string writeProgram(const Program& p);

}  // namespace symrange::ir
