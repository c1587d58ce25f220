// solver/SmtCheck.h — a small z3-free satisfiability check over expressions (each asserted
// where defined: `defined(e) ∧ e`), for tests of the Z3 lowering and for callers that need a
// raw sat/unsat answer rather than a verdict.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ir/Expr.h"
#include "solver/Prover.h"

namespace symrange::solver {

enum class SatResult : std::uint8_t { Sat, Unsat, Unknown };

[[nodiscard]] const char* toString(SatResult r);

struct SatAnswer {
  SatResult result = SatResult::Unknown;
  std::string reason;  // Unknown: why ("budget", "unsupported: int_oo", "z3 exception: ...")
};

/// Owns one Z3 context (created lazily); every check() uses a fresh solver in it.
class SmtChecker {
 public:
  explicit SmtChecker(Budget budget = {});
  ~SmtChecker();
  SmtChecker(const SmtChecker&) = delete;
  SmtChecker& operator=(const SmtChecker&) = delete;

  /// Is the conjunction of `defined(a) ∧ a` over the boolean `assertions` satisfiable?
  [[nodiscard]] SatAnswer check(const std::vector<ir::ExprRef>& assertions);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace symrange::solver
