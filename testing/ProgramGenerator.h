// testing/ProgramGenerator.h — seeded, reproducible random programs in the torch 2.5
// printed ExportedProgram form: unbacked symbols from item(), arithmetic (+ - * // %, negative
// operands and divisors included), sym_max/sym_min, tensors with symbolic sizes and sym_size of
// them, checks of every kind, nested conds with symbolic predicates and checks inside branches.
// Programs are built around REFERENCE POINTS: random inputs under which the generator knows every
// value (Python semantics, following each point into the cond branch it takes), so most checks
// hold there, cond predicates split the points (both branches live) and deep code stays reachable.
// Used by the differential soundness test, the batch tests and `symrange-gen`; the benchmark
// workloads have a generator of their own (testing/workload/, docs/architecture.md).
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

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
  /// Percentage of checks and range constraints built to hold at the reference points that reach
  /// them (the comparison operator or constant is chosen after seeing their values, tight —
  /// at the extreme value +-1 — 40% of the time); the rest are random comparisons that may fail
  /// there, except that one making every point still running raise is redrawn as a passing one
  /// passingChecks% of the time. Also the preference for non-negative tensor sizes and non-zero
  /// symbolic divisors. 0 = fully random programs.
  int passingChecks = 85;
  int referencePoints = 4;  // how many reference inputs the program is built around (>= 1)
  /// Issue 13's constructs: view/expand with sizes that may be -1 at run time, `/` on SymInts
  /// with float comparisons and `sym_int`/`sym_float`, a checked predicate tensor flipped in
  /// place (`logical_not_`) and checked again, and redundant checks whose removal leaves an op
  /// that can raise (a float division by a possibly-zero value) dead, and int literals beyond
  /// int64 (products, floor divisions and comparisons with them). Off: the programs are
  /// byte-for-byte those of the generator before it.
  bool opSemantics = false;
  /// Float values (issue 13, with opSemantics): one or two `f32[]`/`f64[]` inputs whose item()
  /// is a float symbol (zufK), drawn from values that include NaN, +-inf, +-0.0, ints beyond
  /// 2**53 and values float32 rounds; float + - * and `/` (raises on +-0.0), `sym_float`,
  /// float comparisons (with constants, other floats, ints, the value itself) in checks,
  /// `sym_not`, cond predicates and dead raising code, and `math.trunc` (raises on NaN and
  /// infinities) back into ints. An input's value is the bit pattern of a double
  /// (`std::bit_cast<std::int64_t>`). Off: the programs are those of the generator before it.
  bool floatItems = false;
};

/// A random double for a float input: mostly small ints and halves within constRange, else one
/// of the special values (NaN, +-inf, +-0.0, 2**53 + 2, 1e308, 0.1, 16777217.0, values float32
/// rounds to 0 or inf, ...). The differential test draws its random float inputs here too.
[[nodiscard]] double randomFloat(std::mt19937_64& rng, int constRange);

/// A finite double as Python's repr writes it: "2.5", "3.0", "1e+308", "-0.0".
[[nodiscard]] std::string floatLiteral(double v);

/// An input of a generated program: item() source placeholder name ("x0", ...) -> its scalar
/// (for the float inputs "f0", "f1": the bit pattern of a double).
using GenInput = std::map<std::string, std::int64_t>;

/// A program and the reference inputs it was built around.
struct GeneratedProgram {
  std::string text;
  /// The reference input: the first reference point that runs to the end of the program (the
  /// generator simulates every raise: checks, constraints, negative sizes, zero divisors, int64
  /// overflow), or points[0] when none does.
  GenInput reference;
  bool referenceReachesEnd = false;
  std::vector<GenInput> points;  // all reference points, `reference` among them
};

/// Deterministic in `opts` (same options, same bytes, same references).
[[nodiscard]] GeneratedProgram generateProgramWithReference(const GenOptions& opts);

/// Returns the program text: generateProgramWithReference(opts).text.
[[nodiscard]] std::string generateProgram(const GenOptions& opts);

}  // namespace symrange::testing
