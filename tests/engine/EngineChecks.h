// tests/engine/EngineChecks.h — what the engine tests share: the header of a printed program and
// the verdict of one check by node name.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "engine/Engine.h"
#include "ir/ExprPrinter.h"

namespace symrange::testing {

/// The first lines of a printed ExportedProgram; a test appends its `forward` and trailer.
inline const char* const kProgramHeader =
    "ExportedProgram:\n    class GraphModule(torch.nn.Module):\n";

/// The verdict word of the check at `node` (the test fails when there is no such check).
inline std::string verdictOf(engine::Engine& e, const char* node) {
  const engine::CheckResult* c = e.check(node);
  REQUIRE_MESSAGE(c != nullptr, node);
  INFO(node << ": " << (c->condition ? ir::printExpr(c->condition) : "?") << " reason "
            << c->answer.reason);
  return solver::toString(c->verdict());
}

}  // namespace symrange::testing
