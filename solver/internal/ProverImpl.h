// solver/internal/ProverImpl.h — SOLVER-PRIVATE (includes Z3 through SmtBackend.h; only solver/*.cpp may
// include it): the state behind the Prover facade and the functions of its tiers, defined in
// Prover.cpp (facts, frames, prove()), ProverIntervalTier.cpp, ProverSmtTier.cpp and
// ProverSatisfiability.cpp (are the facts satisfiable; checkFacts; range).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ir/ExprEval.h"
#include "solver/internal/BoundsPropagator.h"
#include "solver/internal/FactStore.h"
#include "solver/Prover.h"
#include "solver/internal/ProverCache.h"
#include "solver/internal/SmtBackend.h"
#include "solver/internal/WitnessSearch.h"

namespace symrange::solver {

namespace prover_detail {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

/// Revisions of the bounds propagation after one new fact, and per query-time propagation.
constexpr std::size_t kRevisionsPerFact = 256;
constexpr std::size_t kRevisionsPerQuery = 512;
/// Labeling is tried only on slices up to this size (it costs a propagation per symbol).
constexpr std::size_t kMaxLabelSymbols = 512;
constexpr std::size_t kMaxLabelFacts = 4096;
/// Choices (search nodes) per labeling strategy.
constexpr std::size_t kLabelNodes = 64;
/// Ways for a goal to pass or fire tried by the witness search.
constexpr std::size_t kMaxAlternatives = 8;
/// Choices of the `Far` labeling (values beyond 2^32), tried last on nonlinear goals.
constexpr std::size_t kFarNodes = 16;

/// Which labelings a witness search does: `Full` the NearZero, Low and High strategies,
/// `FullFar` then the Far one (a nonlinear goal over a symbol unbounded on a side).
enum class WitnessPass : std::uint8_t { Full, FullFar };

/// The start of the firing search tried before the linear tier: on slices of at most this many
/// symbols, with a choice per symbol and this many more.
constexpr std::size_t kFirstStepSymbols = 16;
constexpr std::size_t kFirstStepSlack = 4;
/// Tries of the start before its rate of points found decides whether it goes on.
constexpr std::size_t kFirstStepTrial = 8;

/// How much of a witness search to do: all of it, or only the start of its first step (the
/// first way for the goal to get there, NearZero labeling with a choice per symbol and
/// kFirstStepSlack more; no linear point). Labeling is a deterministic depth-first search, so
/// a point the start finds is the one the whole search finds first.
enum class WitnessStage : std::uint8_t { All, FirstOnly };

using ir::alwaysDefined;

inline Answer make(Verdict v, Method m) {
  Answer a;
  a.verdict = v;
  a.method = m;
  return a;
}

inline Answer unknown(std::string reason) {
  Answer a;
  a.reason = std::move(reason);
  return a;
}

}  // namespace prover_detail

struct Prover::Impl {
  using ExprRef = ir::ExprRef;

  Impl(ir::ExprContext& c, Budget b) : cx(c), budget(b) {}

  struct Frame {
    std::size_t factCount = 0;
    Box::Mark boxMark;
    std::optional<Answer> unsat;
    std::size_t checkedFacts = 0;
  };

  /// The facts of one query: the slice (or every fact), its expressions and symbols.
  struct Slice {
    std::vector<FactIndex> facts;           // ascending
    std::vector<ExprRef> exprs;             // distinct, sorted by id
    std::vector<std::uint32_t> exprIds;     // the cache key
    std::vector<ExprRef> symbols;           // of the facts and the goal, sorted by id
  };
  ir::ExprContext& cx;
  Budget budget;
  ProverStats stats;
  FactStore facts;
  std::vector<Constraint> factConstraints;  // parallel to `facts`
  Box box;                                  // bounds from every active fact
  std::vector<Frame> frames;
  std::optional<Answer> unsat;  // the facts are known unsatisfiable (with the proof)
  /// Every component of the facts [0, checkedFacts) has had its satisfiability checked by
  /// unsatElsewhere (none was unsatisfiable): a later query only checks the components that
  /// facts added since then belong to, so a query costs its slice, not the whole program.
  std::size_t checkedFacts = 0;
  ProverCache cache;
  std::unique_ptr<SmtBackend> smt;  // created at the first query that needs Z3
  /// Recent confirmed points (most recent first). They only certify satisfiability (never
  /// appear in an answer), so answers do not depend on which queries filled the pool.
  std::deque<Assignment> pool;
  struct LastFails {
    ExprRef goal = nullptr;
    std::size_t factCount = 0;
    Answer answer;
  } lastFails;

  // ---- facts --------------------------------------------------------------------------
  void addFact(ExprRef fact, const std::string& label);
  void push() { frames.push_back(Frame{facts.size(), box.mark(), unsat, checkedFacts}); }

  void pop();
  Propagator::Touching touchingAll();
  static void normalize(std::vector<std::string>& labels);
  std::vector<std::string> labelsOf(const DepSet& deps) const;
  std::vector<std::string> labelsOfExprs(const std::vector<std::uint32_t>& ids,
                                         const Slice& s) const;
  std::vector<std::uint32_t> exprIdsOf(const DepSet& deps) const;
  Slice sliceFor(ExprRef goal) const;
  /// The constraints of a slice's facts, in slice order.
  std::vector<Constraint> constraintsOf(const Slice& s) const {
    std::vector<Constraint> out;
    out.reserve(s.facts.size());
    for (FactIndex i : s.facts) out.push_back(factConstraints[i]);
    return out;
  }
  Slice makeSlice(std::vector<FactIndex> indices, std::vector<ExprRef> extraSymbols) const;
  /// The Z3 query over slice `s`: its facts (one without a lowering is left out) and, when
  /// `goal` is given, "can the goal fire?" (GoalMode::Fires); models read the slice's symbols.
  static SmtQuery queryOver(const Slice& s, ExprRef goal = nullptr) {
    SmtQuery q;
    q.facts = s.exprs;
    q.goal = goal;
    q.mode = goal ? GoalMode::Fires : GoalMode::None;
    q.modelSymbols = s.symbols;
    q.dropUnsupportedFacts = true;
    return q;
  }

  /// Constraint positions for propagation over a slice: its facts (in slice order), then an
  /// optional goal at `goalPos` when a symbol of `goalSyms` is narrowed.
  Propagator::Touching touchingIn(const Slice& s, const std::vector<ExprRef>* goalSyms,
                                  std::size_t goalPos) const;

  // ---- satisfiability of the facts outside a slice -------------------------------------
  struct ComponentStatus {
    SatResult status = SatResult::Unknown;
    Method method = Method::None;
    std::vector<std::uint32_t> core;  // Unsat: fact expression ids
    Assignment point;                 // Sat: when confirmed
  };
  std::map<std::vector<std::uint32_t>, ComponentStatus> componentStatus;  // by fact expr ids

  /// Is a set of facts closed under symbol sharing satisfiable? Cached by its expressions.
  ComponentStatus statusOf(const Slice& c);

  /// The components of the facts (sets closed under symbol sharing) other than `s`'s facts
  /// that contain a fact at position `from` or later, in order of their first fact.
  std::vector<Slice> otherComponents(const Slice& s, std::size_t from = 0) const;

  /// Unreachable when the facts outside the slice are contradictory (a verdict on the slice
  /// alone would otherwise be claimed under unsatisfiable facts). Components whose
  /// satisfiability is unknown leave the slice's verdict standing. Only components with facts
  /// added since the last call are checked (the others are unchanged, their status cached);
  /// the caller has shown `s`'s own facts satisfiable or proved its goal on them.
  std::optional<Answer> unsatElsewhere(const Slice& s);

  // ---- prove --------------------------------------------------------------------------
  Answer prove(ExprRef goal);
  Answer decide(ExprRef goal);
  /// Budget::evidence off: a goal that always fails is decided again with evidence (its
  /// `because` and `witness` are what a report or a diagnostic shows of it), so that its
  /// answer is the one the prover gives with evidence on. `tiersBeforeZ3Failed`: Z3 decided it
  /// after the interval, linear and witness tiers ran on these facts and this goal and decided
  /// nothing (they are deterministic: they are not run again).
  Answer withEvidence(ExprRef goal, bool tiersBeforeZ3Failed);
  bool redoing = false;  // inside withEvidence
  bool skipToSmt = false;  // inside withEvidence, after the tiers before Z3 failed
  /// The verdict on the goal's slice; `slice` is set to that slice once computed.
  Answer decideSlice(ExprRef goal, std::optional<Slice>& slice);
  static std::optional<Verdict> negate(Verdict v);

  // ---- tier 2: intervals ----------------------------------------------------------------
  /// Deps of the goal's forward interval evaluation: relaxes each end of each goal symbol's
  /// interval (in id order) while the evaluation stays decided, keeping the ends it needs.
  DepSet forwardDeps(ExprRef goal, bool wantTrue) const;
  CachedAnswer withDeps(Verdict v, const DepSet& deps, Method m = Method::Interval) const;

  /// Is `p` an execution point of slice `s` where the goal is as wanted: every fact true, the
  /// goal true (`goalTrue`) or false/raising? (Labeling's and the linear system's candidates.)
  bool confirms(const Slice& s, ExprRef goal, bool goalTrue, const Assignment& p) const;
  /// A point of `base` (facts ∧ goal side) confirmed by evaluation: every fact true and the
  /// goal true (`goalTrue`) or false/raising. `stage` FirstOnly: NearZero labeling only, with
  /// a choice per symbol and kFirstStepSlack more.
  std::optional<Assignment> findPoint(const Box& base, const std::vector<Constraint>& cons,
                                      const Propagator::Touching& touching, const Slice& s,
                                      ExprRef goal, bool goalTrue,
                                      prover_detail::WitnessPass pass =
                                          prover_detail::WitnessPass::Full,
                                      prover_detail::WitnessStage stage =
                                          prover_detail::WitnessStage::All) const;
  /// The goal is nonlinear and a symbol of the slice is unbounded on a side (Far labeling).
  bool farWorthTrying(const Slice& s, ExprRef goal) const;

  /// Ways for `e` to evaluate to `want`, each a list of constraints, at most `limit`: a
  /// conjunction wanted false (a disjunction wanted true) splits by operand, `a != b` into
  /// `a < b` and `a > b`. Their union is exactly "e == want" (where defined).
  static void alternatives(ExprRef e, bool want, std::vector<std::vector<Constraint>>& out,
                           std::size_t limit);

  /// A confirmed point of the slice where the goal fires (`goalTrue` false) or passes: each
  /// way for the goal to get there is propagated, then labeled. `mayRaise`: also try the
  /// facts alone (the goal may fire by raising).
  /// `narrowed`: the facts' bounds already propagated with the goal as wanted (IntervalProbe's
  /// negBox or posBox), used when the goal's first way is the goal itself.
  std::optional<Assignment> findWitness(
      const Slice& s, ExprRef goal, bool goalTrue, bool mayRaise, prover_detail::WitnessPass pass,
      prover_detail::WitnessStage stage = prover_detail::WitnessStage::All,
      const Box* narrowed = nullptr) const;
  static std::map<std::string, std::int64_t> witnessOf(const Assignment& p);
  /// What the interval tier's refutation left for the witness search.
  struct IntervalProbe {
    bool open = false;         // neither refuted nor proved: witnesses may decide
    bool mayRaise = false;     // the goal may raise (then it may fire by raising)
    bool knownFalse = false;   // the goal's interval is False
    bool posConflict = false;  // F ∧ goal refuted by propagation (deps in posDeps)
    DepSet posDeps;
    /// What the start of the firing search found before the linear tier (firstFiring): the
    /// point the whole search finds first. F ∧ ¬goal is satisfiable then: the linear tier
    /// cannot refute it and is not asked.
    std::optional<Assignment> firing;
    /// The facts' bounds narrowed by the goal wanted false (`negBox`) and true (`posBox`),
    /// when that propagation ran without a conflict: what the witness search's propagation of
    /// the goal as its one way to get there gives (the same constraints, positions and budget;
    /// tracking reasons changes no interval), so the search labels over them directly.
    std::optional<Box> negBox, posBox;
    /// Labeling's first leaf where the goal holds, when it is the passing search's first point.
    std::optional<Assignment> passing;
  };
  /// Is the goal, wanted `want`, its own first way for the witness search (not split)?
  static bool goalIsFirstWay(ExprRef goal, bool want);
  /// `alt` is the goal itself wanted `want` (one constraint on the whole goal).
  static bool isGoalItself(const std::vector<Constraint>& alt, ExprRef goal, bool want);
  /// The start of the firing search, before the linear tier (ProverIntervalTier.cpp), while
  /// it pays: as long as the open goals (neither tier 1 nor intervals decided them) shown to
  /// fire are at least as many as those the linear tier refuted, and after kFirstStepTrial
  /// tries, while it finds a point at least once in two. (Either way the answers are the same;
  /// only the work differs. Relational programs, mostly refuted, and large nonlinear ones, whose
  /// slices need more choices, do without it.)
  void firstFiring(ExprRef goal, const Slice& s, IntervalProbe& probe) const;
  std::size_t fireableOpen = 0;
  std::size_t refutedOpen = 0;
  mutable std::size_t startTries = 0;  // firstFiring's tries and points found
  mutable std::size_t startHits = 0;
  /// Evaluation of the goal over the bounds, then refutation of each side by propagation.
  std::optional<CachedAnswer> intervalTier(ExprRef goal, const Slice& s, IntervalProbe& probe);
  /// Refutation of F ∧ ¬goal by the linear tier (ProverLinearTier.cpp): Redundant, or
  /// Unreachable when F alone is refuted.
  std::optional<CachedAnswer> linearTier(ExprRef goal, const Slice& s, IntervalProbe& probe);
  /// The facts of a linear refutation of F ∧ goal (the goal always fails where F holds).
  /// Asked only once the witness search found no point where the goal holds: checks that can
  /// pass (most) never pay for it.
  std::optional<DepSet> linearRefutesHolding(ExprRef goal, const Slice& s) const;
  /// A confirmed point of the slice where the goal is `goalTrue` (false: fires by being false),
  /// from the linear system's back-substitution (ProverLinearTier.cpp); the witness search's
  /// last resort.
  std::optional<Assignment> linearWitness(const Slice& s, ExprRef goal, bool goalTrue) const;
  /// Confirmed points by labeling where the probe left the goal open: Fails or Required.
  std::optional<CachedAnswer> witnessTier(ExprRef goal, const Slice& s, const IntervalProbe& probe);

  // ---- the pool of known points ----------------------------------------------------------
  static constexpr std::size_t kPoolSize = 16;
  static constexpr std::size_t kPoolNodes = 64;
  void remember(const Assignment& p);

  /// `known`'s values of `symbols` (sorted by id), when it has one inside the bounds for each
  /// (and none is a float); nullopt otherwise.
  std::optional<Assignment> restrictedTo(const Assignment& known,
                                         const std::vector<ExprRef>& symbols) const;
  /// Is `facts ∧ goal` shown satisfiable by extending a known point? The point's values are
  /// pinned (where they lie inside the current bounds), the other symbols labeled.
  bool certifiedByPool(const Slice& s, ExprRef goal);
  /// F ∧ goal is satisfiable without asking Z3: the hint says so and `fires` was exact, F ∧ ¬goal
  /// is unsat and the slice F is known satisfiable, or a pooled point satisfies both.
  bool holdsKnownSat(const SmtResult& fires, const Slice& s, ExprRef goal, std::optional<Verdict> hint);

  // ---- tier 3: Z3 on the slice -----------------------------------------------------------
  SmtBackend& backend();
  static std::vector<std::uint32_t> idsOf(const std::vector<ExprRef>& core);

  /// Confirms a model as an execution point: facts true, goal as wanted. Returns the reason
  /// when it is not one.
  std::optional<std::string> confirm(const SmtResult& r, const Slice& s, ExprRef goal,
                                     bool goalTrue, Assignment& point) const;
  CachedAnswer smtAnswer(Verdict v, const std::vector<ExprRef>& core) const;
  std::optional<CachedAnswer> smtTier(ExprRef goal, const Slice& s, std::optional<Verdict> hint);
  /// Budget::evidence off: the verdict on the long-lived solver, no evidence; nullopt when it
  /// is not settled exactly there (ProverSharedTier.cpp).
  std::optional<CachedAnswer> sharedSmtTier(ExprRef goal, const Slice& s, std::optional<Verdict> hint);

  // ---- the naive SMT baseline (Budget::naive; ProverNaive.cpp) ---------------------------
  Answer naiveDecide(ExprRef goal);

  // ---- checkFacts and range -----------------------------------------------------------
  Answer checkFacts();
  Range range(ExprRef e);
  /// An end of integer `e`'s range tighter than the interval's `intervalEnd`: the linear
  /// projection's bound, when a confirmed point reaches it (then it is the extremum).
  std::optional<std::int64_t> linearEnd(ExprRef e, const Slice& s, bool upper,
                                        std::optional<std::int64_t> intervalEnd) const;
  /// Does a confirmed point of slice `s` put `e` at its interval end `end` (`upper`: the
  /// upper one; nullopt: unbounded, then a point beyond ±2^61)?
  bool endAttainedByPoint(ExprRef e, const Slice& s, bool upper,
                          std::optional<std::int64_t> end) const;
};

}  // namespace symrange::solver
