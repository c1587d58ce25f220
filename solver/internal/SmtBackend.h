// solver/internal/SmtBackend.h — SOLVER-PRIVATE (includes Z3 through Z3Lowering.h; only solver/*.cpp
// may include it): the Z3 side of the prover. One context; facts enter as tracked assumptions
// (an indicator literal `p_f → (defined(f) ∧ f)` per fact expression), so one incremental
// solver serves every scope; evidence (unsat cores, models) comes from a fresh solver with the
// facts asserted in id order, so that it does not depend on the history of queries.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprEval.h"
#include "solver/Prover.h"
#include "solver/SmtCheck.h"
#include "solver/internal/Z3Lowering.h"

namespace symrange::solver {

/// How the goal takes part in a query.
enum class GoalMode : std::uint8_t {
  None,   // facts alone
  Holds,  // facts ∧ defined(goal) ∧ goal
  Fires,  // facts ∧ ¬(defined(goal) ∧ goal): the check raises
};

struct SmtQuery {
  std::vector<ir::ExprRef> facts;  // distinct fact expressions, sorted by id
  ir::ExprRef goal = nullptr;
  GoalMode mode = GoalMode::None;
  std::vector<ir::ExprRef> modelSymbols;  // symbols to read from a model, sorted by id
  /// Leave out facts with no lowering (int_oo) instead of answering Unknown; the result is
  /// then marked inexact.
  bool dropUnsupportedFacts = false;
};

struct SmtResult {
  SatResult result = SatResult::Unknown;
  /// Unsat: the facts of the unsat core, sorted by id (the goal is never listed).
  std::vector<ir::ExprRef> core;
  bool coreUsesGoal = false;
  /// Sat: the value of every model symbol; `modelFits` is false when one leaves int64.
  std::vector<std::pair<ir::ExprRef, ir::Value>> model;
  bool modelFits = true;
  /// Unknown: "budget", "nonlinear", "unsupported: ...", "z3 exception: ...".
  std::string reason;
  /// No approximation (uninterpreted function, real-valued float) in the lowered formula.
  bool exact = true;
};

/// One end of a range search.
struct EndSearch {
  bool factsUnsat = false;
  std::optional<std::int64_t> bound;  // sound bound (nullopt: unbounded as far as shown)
  bool attained = false;              // some model reaches `bound` (or passes ±2^61)
};

/// True when `e` has a product of two non-constants, a non-constant divisor or exponent.
[[nodiscard]] bool isNonlinear(ir::ExprRef e);

/// One Z3 context with its lowering.
struct Z3Session {
  Z3Session() = default;
  explicit Z3Session(z3::config& cfg) : ctx(cfg) {}
  z3::context ctx;
  Z3Lowering lower{ctx};
};

class SmtBackend {
 public:
  /// The unknown reason of a nonlinear query after an overrun (see `overran_`).
  static constexpr const char* kSkippedReason =
      "nonlinear queries skipped: z3 overran its safety net on an earlier one";

  explicit SmtBackend(const Budget& budget);

  /// Opens (nests) the evidence context of one query: a fresh Z3 context, so that cores and
  /// models depend only on the query. Z3's answers in a shared context depend on the terms
  /// created before (term ids order its internal choices), even on a fresh solver.
  void beginEvidence();
  void endEvidence();

  /// The query on a fresh solver, in the open evidence context (else the main one): the
  /// deterministic evidence (core, model).
  SmtResult checkFresh(const SmtQuery& q);
  /// The query on the long-lived incremental solver of the main context (fact definitions
  /// stay, guarded by their indicators; the goal lives in a popped frame). Its answers cost a
  /// check, not a context, but its cores and models depend on earlier queries: the prover uses
  /// it for verdicts only, when no evidence is asked for (Budget::evidence off).
  SmtResult checkIncremental(const SmtQuery& q);
  /// The greatest (`maximize`) or least value of integer `e` under `facts`, searched by
  /// bisection over models on one fresh solver; `known` is a sound bound to start from.
  EndSearch searchEnd(const std::vector<ir::ExprRef>& facts, ir::ExprRef e, bool maximize,
                      std::optional<std::int64_t> known);
  /// Milliseconds spent inside Z3 checks (and evidence contexts) so far.
  [[nodiscard]] double millis() const { return millis_; }
  [[nodiscard]] std::uint64_t checks() const { return checks_; }

 private:
  z3::params paramsFor(Z3Session& z, bool nonlinear) const;
  /// `defined`: the fact definitions already in `s` (an incremental solver), else nullptr (a
  /// fresh solver: every fact is defined, the goal is a tracked assumption).
  SmtResult run(Z3Session& z, z3::solver& s, const SmtQuery& q, std::unordered_set<std::uint64_t>* defined);
  z3::check_result timedCheck(z3::solver& s, const z3::expr_vector& assumptions);
  std::optional<ir::Value> readValue(Z3Session& z, const z3::model& m, ir::ExprRef sym,
                                     bool& fits);
  std::string unknownReason(const std::string& z3reason, bool nonlinear) const;

  /// The long-lived context, created at its first use (most programs never need it: a Z3
  /// context costs milliseconds to create and to delete).
  Z3Session& main();

  Budget budget_;
  std::unique_ptr<Z3Session> main_;
  /// The incremental solvers, [0] for linear queries, [1] for nonlinear ones (with the
  /// safety net's timeout; see paramsFor), each with the fact definitions it holds.
  struct Incremental {
    std::optional<z3::solver> solver;
    std::unordered_set<std::uint64_t> defined;  // lookup only
  };
  Incremental incremental_[2];
  std::unique_ptr<Z3Session> evidence_;
  int evidenceDepth_ = 0;
  double millis_ = 0.0;
  std::uint64_t checks_ = 0;
  /// A check ran past Budget::safetyNetMillis. Z3 4.8 could spend tens of seconds in a
  /// nonlinear query whatever its rlimit and timeout (differential seed 108368: `u0 % 10 == 5`
  /// under cubic facts, about 25 s each, 70 such queries in one 26-line program), so after the
  /// first overrun nonlinear queries are not sent any more: each program pays for one at most.
  /// A backstop with Z3 5.4.1, where no measured query came near the net.
  bool overran_ = false;
  /// The last check ran past Budget::safetyNetMillis (what stopped it, when it was stopped).
  bool lastOverran_ = false;
};

/// RAII: the evidence context of one query.
class EvidenceScope {
 public:
  explicit EvidenceScope(SmtBackend& b) : b_(b) { b_.beginEvidence(); }
  ~EvidenceScope() { b_.endEvidence(); }
  EvidenceScope(const EvidenceScope&) = delete;
  EvidenceScope& operator=(const EvidenceScope&) = delete;

 private:
  SmtBackend& b_;
};

}  // namespace symrange::solver
