// fuzz/fuzz_expr.cpp — libFuzzer target for the expression parser: on any bytes parseExpr may
// only throw ir::InputError, and parseExpr(printExpr(e)) must give back the same interned `e`
// (ExprPrinter.h's contract). Anything else aborts: a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ir/Diagnostic.h"
#include "ir/Expr.h"
#include "ir/ExprParser.h"
#include "ir/ExprPrinter.h"

namespace {

using namespace symrange::ir;

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "\nfuzz_expr: %s\n", what.c_str());
  std::abort();
}

/// False for the expressions ExprPrinter.h says do not read back identically: those holding a
/// non-finite float. (Parsed symbols and Apply names are identifiers by construction.)
/// Iterative, so that a deep operator chain cannot overflow the harness's own stack.
bool readsBack(ExprRef root) {
  std::vector<ExprRef> todo{root};
  std::unordered_set<std::uint32_t> seen;  // membership only; never iterated
  while (!todo.empty()) {
    ExprRef e = todo.back();
    todo.pop_back();
    if (!seen.insert(e->id()).second) continue;
    if (e->kind() == ExprKind::FloatConst && !std::isfinite(e->floatValue())) return false;
    for (ExprRef op : e->ops()) todo.push_back(op);
  }
  return true;
}

ExprRef parse(ExprContext& ctx, std::string_view text, bool mayFail) {
  const SourceLoc at{"fuzz", 1, 1};
  try {
    return parseExpr(ctx, text, at);
  } catch (const InputError& e) {
    if (mayFail) return nullptr;
    finding("printExpr's output does not parse: '" + std::string(text) + "': " + e.what());
  } catch (const std::exception& e) {
    finding(std::string("parseExpr threw a non-InputError exception: ") + e.what());
  } catch (...) {
    finding("parseExpr threw a non-std::exception");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ExprContext ctx;
  ExprRef e = parse(ctx, std::string_view(reinterpret_cast<const char*>(data), size), true);
  if (!e || !readsBack(e)) return 0;
  std::string printed = printExpr(e);
  ExprRef again = parse(ctx, printed, false);
  if (again != e) {
    finding("parseExpr(printExpr(e)) != e\n  printed:  " + printed + "\n  reparsed: " +
            printExpr(again) + "\n  ids: " + std::to_string(e->id()) + " vs " +
            std::to_string(again->id()));
  }
  return 0;
}
