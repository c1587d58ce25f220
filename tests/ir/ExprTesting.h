// tests/ir/ExprTesting.h — what the expression tests share: one source location for parsed
// test expressions, and the parser called with it.
#pragma once

#include <string_view>

#include "ir/ExprParser.h"

namespace symrange::testing {

inline const ir::SourceLoc kAt{"f.txt", 3, 10};

inline ir::ExprRef parse(ir::ExprContext& c, std::string_view text) {
  return ir::parseExpr(c, text, kAt);
}

}  // namespace symrange::testing
