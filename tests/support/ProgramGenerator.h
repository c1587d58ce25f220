// tests/support/ProgramGenerator.h — seeded, reproducible random programs in the torch 2.5
// printed ExportedProgram form: unbacked symbols from item(), arithmetic (+ - * // %, negative
// operands and divisors included), sym_max/sym_min, tensors with symbolic sizes and sym_size of
// them, checks of every kind, nested conds with symbolic predicates and checks inside branches.
// Used by the differential soundness test, the batch tests and the benchmark workloads.
#pragma once

#include <cstdint>
#include <string>

namespace symrange::testing {

struct GenOptions {
  std::uint64_t seed = 1;
  int symbols = 3;          // item() sources x0..x{n-1}
  int statements = 30;      // top-level statements (a cond counts as one)
  int maxCondDepth = 2;     // nesting of conds
  int branchStatements = 6; // statements per cond arm
  int constRange = 12;      // constants drawn from [-constRange, constRange]
  bool nonlinear = true;    // symbol * symbol products
  bool divisionBySymbols = true;  // `a // b` with symbolic b (may raise ZeroDivisionError)
};

/// Returns the program text. Deterministic in `opts` (same options, same bytes).
[[nodiscard]] std::string generateProgram(const GenOptions& opts);

}  // namespace symrange::testing
