// solver/Prover.h — the analyzer facade engine/ talks to: scoped facts, verdicts with
// evidence, tightest ranges. Tiers: constant folding / syntactic identity, then intervals,
// then linear refutation, then Z3 on the slice of facts sharing symbols with the goal. Z3 stays behind this header
// (only solver/*.cpp include it).
//
// Usage:
//   ir::ExprContext& cx = program.exprs();
//   solver::Prover prover(cx, solver::Budget{});
//   {
//     solver::Prover::Scope scope(prover);                     // undone at end of block
//     prover.addFact(cx.ge(u0, cx.intConst(0)), "_assert_async");
//     prover.addFact(cx.le(u0, cx.intConst(5)), "_assert_async_1");
//     solver::Answer a = prover.prove(cx.lt(u0, cx.intConst(6)));
//     // a.verdict == Verdict::Redundant, a.method == Method::Interval,
//     // a.because == {"_assert_async_1"}
//   }
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ir/Expr.h"

namespace symrange::solver {

/// BRIEF section 3, for a goal `c` under facts `F`.
enum class Verdict : std::uint8_t {
  Redundant,    // F ∧ ¬c unsat: always true here
  Required,     // F ∧ c and F ∧ ¬c both sat
  Fails,        // F ∧ c unsat: always false here
  Unreachable,  // F unsat
  Unknown,      // not decided (reason says why)
};

/// Which tier decided.
enum class Method : std::uint8_t { None, Constant, Interval, Linear, Smt, Cache };

[[nodiscard]] const char* toString(Verdict v);
[[nodiscard]] const char* toString(Method m);

/// Deterministic budget: Z3 resource limit per query and a fixed seed. Queries with nonlinear
/// arithmetic (a product of non-constants, a non-constant divisor) get a tenth of `rlimit`:
/// Z3's nonlinear procedures check the limit rarely.
struct Budget {
  std::uint64_t rlimit = 2'000'000;
  unsigned seed = 0;
  /// Not a budget but a safety net, the one wall-clock limit, kept as a backstop: Z3 4.8 looped
  /// in some nonlinear procedures without charging `rlimit` (and sometimes without looking at
  /// its timeout); with Z3 5.4.1, the one supported now, it has not fired on anything measured
  /// (benchmarks/RESULTS.md, "Z3 5.4.1"): `rlimit` is what decides. A nonlinear check still
  /// running after this many milliseconds is cancelled where Z3 allows it (linear checks
  /// honour `rlimit` and run without a timer), and
  /// once a check has overrun it, this prover sends no more nonlinear queries to Z3: they
  /// answer unknown ("nonlinear queries skipped ..."). Queries that honour `rlimit` end long
  /// before, so their answers stay deterministic.
  unsigned safetyNetMillis = 10'000;
  bool useIntervals = true;  // ablations for the benchmark harness
  /// The linear tier (Fourier–Motzkin over the facts, solver/internal/LinearRefuter.h); it
  /// reads the interval tier's bounds, so it runs only with `useIntervals`.
  bool useLinear = true;
  bool useSlicing = true;
  bool useCache = true;
  bool useSmt = true;
  /// Evidence (`because`, `witness`) for the answers Z3 decides: each such query then runs in a
  /// fresh Z3 context, so that cores and models depend on that query alone (creating and
  /// deleting a context costs milliseconds). Off (`symrange analyze` without a report), Z3's
  /// verdicts come from one long-lived incremental solver and carry no core or model; a query
  /// that solver leaves unknown, or whose model evaluation does not confirm, still goes to a
  /// fresh context, so the verdicts are those computed with evidence. A goal found to always
  /// fail (Verdict::Fails) is decided again with evidence: its answer, `because` and `witness`
  /// included, is then the one given with evidence on.
  bool evidence = true;
  /// The benchmark's naive SMT baseline: prove() gives every goal a fresh Z3 solver with every
  /// active fact asserted; no constant or interval tier, slicing or cache (the flags above are
  /// ignored). range() and checkFacts() are unaffected.
  bool naive = false;
};

struct Answer {
  Verdict verdict = Verdict::Unknown;
  Method method = Method::None;
  /// Redundant/Fails/Unreachable: the labels of the facts that justify it (an unsat core
  /// over named facts; for the interval tier, the facts whose bounds were used). Sorted, unique.
  std::vector<std::string> because;
  /// Required: symbol values consistent with the facts under which the goal is false.
  /// Fails: values consistent with the facts (the goal is false there too).
  /// Both assign exactly the symbols of the goal's slice (booleans as 0/1) and are confirmed
  /// with ir::evaluate: the facts hold there and the goal is false or raises (a zero divisor
  /// makes the check fire). A model that cannot be confirmed (int64 overflow, an opaque
  /// function) gives Unknown instead.
  std::map<std::string, std::int64_t> witness;
  /// Unknown: why ("budget", "nonlinear", "unsupported: <fn>", "z3 exception: ...").
  std::string reason;
};

/// A sound range of an expression; `exact` when both ends are attained (proved tight): a
/// finite end by a model reaching it, an unbounded end by models beyond ±2^61.
struct Range {
  std::optional<std::int64_t> lo, hi;  // nullopt = unbounded
  bool exact = false;
  bool empty = false;  // the facts are unsatisfiable
};

struct ProverStats {
  std::uint64_t queries = 0;
  std::uint64_t decidedConstant = 0;
  std::uint64_t decidedInterval = 0;
  std::uint64_t decidedLinear = 0;
  std::uint64_t smtQueries = 0;
  std::uint64_t cacheHits = 0;
  double smtMillis = 0.0;
  std::map<std::string, std::uint64_t> unknownByReason;
};

class Prover {
 public:
  Prover(ir::ExprContext& cx, Budget budget = {});
  ~Prover();
  Prover(const Prover&) = delete;
  Prover& operator=(const Prover&) = delete;

  /// RAII frame: every fact added while it lives is removed when it dies. Frames nest.
  class Scope {
   public:
    explicit Scope(Prover& p);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Prover& p_;
  };

  /// Adds a boolean fact that holds from here on in the current frame. `label` names it in
  /// `Answer::because` (a node name); facts with the same label are reported once.
  void addFact(ir::ExprRef fact, const std::string& label);
  /// Declares that `sym` is an integer that must be defined as `def` (e.g. a node's value);
  /// equivalent to addFact(Eq(sym, def)) but lets the interval tier propagate through it.
  void define(ir::ExprRef sym, ir::ExprRef def, const std::string& label);

  /// Decides `goal` (a boolean expression) under the current facts. A goal that may raise
  /// (zero divisor) counts as firing where it raises: it holds iff defined and true. Facts
  /// hold only where defined. Deterministic: the answer depends on the facts and the goal,
  /// not on earlier queries (evidence comes from a fresh solver, facts in id order).
  [[nodiscard]] Answer prove(ir::ExprRef goal);
  /// Convenience: true only when `goal` is proved to hold (Redundant).
  [[nodiscard]] bool mustBeTrue(ir::ExprRef goal) { return prove(goal).verdict == Verdict::Redundant; }
  /// Are the current facts satisfiable? Unreachable (with a core) when not; Required when they
  /// are, with `witness` the values of a confirmed point where one was found; Unknown on budget.
  [[nodiscard]] Answer checkFacts();

  /// The tightest range of integer `e` under the current facts that the budget allows:
  /// the interval bound first; an end a confirmed point reaches (witness search, no Z3) is
  /// kept, the others bisected over Z3 models on the facts' slice; `empty`
  /// when the facts are unsatisfiable.
  [[nodiscard]] Range range(ir::ExprRef e);

  [[nodiscard]] const ProverStats& stats() const;
  [[nodiscard]] const Budget& budget() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace symrange::solver
