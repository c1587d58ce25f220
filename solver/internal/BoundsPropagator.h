// solver/internal/BoundsPropagator.h — per-symbol bounds derived from facts: a Box of symbol
// intervals (each end remembering the facts it was derived from) and HC4-style narrowing of boolean
// constraints over it (`u0 + 1 <= u1` with u1 <= 5 gives u0 <= 4), iterated over a worklist up to a
// fixed number of revisions. Narrowing only removes values that violate a constraint, so the box
// always contains every solution of the constraints (sound); an empty box means the constraints are
// unsatisfiable.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "ir/Expr.h"
#include "solver/internal/FactStore.h"
#include "solver/Interval.h"
#include "solver/IntervalEval.h"

namespace symrange::solver {

/// A set of fact indices, sorted and unique: the facts a bound (or a conflict) depends on.
using DepSet = std::vector<FactIndex>;
/// The pseudo-fact standing for the goal (or its negation) in query-time narrowing.
constexpr FactIndex kGoalDep = std::numeric_limits<FactIndex>::max();

[[nodiscard]] DepSet unite(const DepSet& a, const DepSet& b);

struct SymBound {
  ir::ExprRef sym = nullptr;
  Interval iv;
  DepSet loDeps;  // facts the lower end was derived from
  DepSet hiDeps;  // facts the upper end was derived from
};

/// Symbol intervals, optionally layered over a base box (reads fall through, writes stay here).
class Box {
 public:
  explicit Box(const Box* base = nullptr) : base_(base) {}

  /// The bound of `sym` (unbounded with no deps when nothing is known).
  [[nodiscard]] SymBound get(ir::ExprRef sym) const;
  /// The stored bound of `sym` on this layer or below (nullptr when nothing is known).
  [[nodiscard]] const SymBound* find(ir::ExprRef sym) const;
  [[nodiscard]] Interval interval(ir::ExprRef sym) const;
  void set(SymBound b);
  /// Changes whenever a bound on this layer changes (a write, a rollback; not a conflict, which
  /// leaves the intervals as they are); unique across boxes, so that a cache of interval
  /// evaluations keyed by it never mistakes one box (or one state) for another.
  [[nodiscard]] std::uint64_t stamp() const { return stamp_; }

  /// The box this layer reads through to (nullptr for a bottom box).
  [[nodiscard]] const Box* base() const { return base_; }
  [[nodiscard]] bool conflict() const { return conflict_ || (base_ && base_->conflict()); }
  [[nodiscard]] DepSet conflictDeps() const;
  void setConflict(DepSet deps);

  /// Entries written on this layer, by symbol id.
  [[nodiscard]] const std::map<std::uint32_t, SymBound>& own() const { return own_; }
  /// Symbols narrowed since the last call, in narrowing order.
  std::vector<ir::ExprRef> takeChanged();

  /// Undo for scopes: after mark(), every write on this layer is logged, and rollback(m) puts
  /// the layer back as it was at `m` (cost proportional to the writes since, not to the box).
  struct Mark {
    std::size_t trail = 0;
    bool conflict = false;
    DepSet conflictDeps;
  };
  [[nodiscard]] Mark mark();
  /// With `restored`: appends the symbols whose entries the rollback put back (each once per
  /// write undone), for an evaluator that keeps its memo across the rollback.
  void rollback(const Mark& m, std::vector<ir::ExprRef>* restored = nullptr);
  /// Forgets the undo log (no mark is outstanding any more).
  void stopRecording();

 private:
  const Box* base_ = nullptr;
  std::map<std::uint32_t, SymBound> own_;
  bool recording_ = false;
  std::vector<std::pair<std::uint32_t, std::optional<SymBound>>> trail_;  // id, previous entry
  std::vector<ir::ExprRef> changed_;
  bool conflict_ = false;
  DepSet conflictDeps_;
  std::uint64_t stamp_ = nextStamp();
  static std::uint64_t nextStamp();
};

/// A boolean constraint: `expr` must evaluate to `want`; narrowing it records `dep`.
struct Constraint {
  ir::ExprRef expr = nullptr;
  bool want = true;
  FactIndex dep = 0;
  /// Facts are defined where they hold: their symbol divisors are non-zero. Not for a goal's
  /// negation (an undefined goal "fires").
  bool impliesDefined = true;
  /// For a comparison whose operands must differ (Eq wanted false, Ne wanted true): 0 leaves
  /// it at that (only the ends can narrow), -1 asks for op0 < op1, +1 for op0 > op1 (one side
  /// of the disjunction, for witness search).
  std::int8_t side = 0;
  /// Whether `expr` divides by a symbol outside a disjunction (the divisors a holding fact
  /// makes non-zero): -1 not known (looked at in every revision), 0 no, 1 yes. A long-lived
  /// constraint sets it once with `divisorFlag`.
  std::int8_t symbolDivisors = -1;
};

/// Constraint::symbolDivisors of an expression: 0 when it divides by no integer symbol, else 1.
[[nodiscard]] std::int8_t divisorFlag(ir::ExprRef e);

class Propagator {
 public:
  /// Appends the positions (in the constraint list) of the constraints mentioning `sym`.
  using Touching = std::function<void(ir::ExprRef sym, std::vector<std::size_t>& out)>;

  /// Dependency tracking (`Deps::Track`) records which facts justify each narrowed end (for
  /// `because` and conflicts); `Deps::Skip` narrows the same intervals without it, for boxes
  /// whose reasons nobody reads (labeling, witness search): no dependency set is built.
  enum class Deps : std::uint8_t { Track, Skip };

  /// `touching` is referenced, not copied: it must outlive the propagator.
  Propagator(Box& box, const std::vector<Constraint>& constraints, const Touching& touching,
             Deps deps = Deps::Track)
      : box_(box), constraints_(constraints), touching_(&touching), track_(deps == Deps::Track) {}
  /// As above, owning a temporary `touching`.
  Propagator(Box& box, const std::vector<Constraint>& constraints, Touching&& touching,
             Deps deps = Deps::Track)
      : box_(box), constraints_(constraints), owned_(std::move(touching)), touching_(&owned_),
        track_(deps == Deps::Track) {}
  Propagator(const Propagator&) = delete;
  Propagator& operator=(const Propagator&) = delete;

  /// Revises the constraints at `start`, then (worklist, in position order) every constraint
  /// mentioning a narrowed symbol, at most `maxRevisions` revisions in all. Returns false
  /// when the box became empty (the constraints are unsatisfiable).
  bool run(const std::vector<std::size_t>& start, std::size_t maxRevisions);

  /// The interval of `e` under `box`.
  [[nodiscard]] static Interval intervalOf(const Box& box, ir::ExprRef e);

  /// The propagator's box changed from outside since its stamp was `before`, in the bounds of
  /// `syms` only (a write, a rollback): the incremental evaluator, if it was current at
  /// `before`, is told of them and kept (otherwise it starts afresh on the next evaluation, as
  /// after any change it is not told of). For one propagator run many times over one box
  /// (labeling: pin a symbol, run, roll back).
  void boundsChanged(std::uint64_t before, std::span<const ir::ExprRef> syms);

 private:
  /// intervalOf, memoised, through one incremental evaluator told of every symbol whose
  /// interval changes: each narrowing, each outside change (boundsChanged), and, when it moves
  /// from one box to another (the propagator's box, an alternative of a disjunction layered
  /// over it), every symbol the two boxes may disagree on. Only the nodes above those symbols
  /// are evaluated again. A box that does not read through to the propagator's box gets an
  /// evaluator of its own, kept while neither box changes.
  Interval ivOf(const Box& box, ir::ExprRef e);
  /// ivOf's evaluation, with whether `e` may raise.
  IntervalValue evalOver(const Box& box, ir::ExprRef e);
  /// evalOver(box_, e).
  IntervalValue evalOwn(ir::ExprRef e);

  void revise(const Constraint& c);
  /// An Or inside: the fact may hold where some operand is undefined (Z3Lowering::factHolds).
  static bool hasDisjunction(ir::ExprRef e);
  void narrowBool(Box& box, ir::ExprRef e, bool want, const DepSet& deps, int depth);
  void narrowDisjunction(Box& box, std::span<const ir::Expr* const> alts, bool want,
                         const DepSet& deps, int depth);
  void narrowLe(Box& box, ir::ExprRef x, ir::ExprRef y, std::int64_t strict, const DepSet& deps);
  /// Narrows integer `e` into `target`, whose lower end is justified by `depsLo` and upper
  /// end by `depsHi`.
  void narrowInt(Box& box, ir::ExprRef e, const Interval& target, const DepSet& depsLo,
                 const DepSet& depsHi, int depth);
  void excludeZeroDivisors(Box& box, ir::ExprRef e);
  DepSet symDeps(const Box& box, ir::ExprRef e) const;
  /// The facts the lower (`lower`) or upper end of e's interval depends on: exact through
  /// monotone operations (sums, constant factors, floor division by a constant, Max/Min),
  /// both ends of every symbol otherwise.
  DepSet endDeps(const Box& box, ir::ExprRef e, bool lower) const;
  DepSet withCurrent(const DepSet& deps) const;

  /// Narrows `sym` to `n` (inside its current interval, non-empty): an end that moves takes
  /// `depsLo` / `depsHi` as its reasons (with the current constraint when `addCurrent`).
  void narrowSymbol(Box& box, ir::ExprRef sym, const Interval& n, const DepSet& depsLo,
                    const DepSet& depsHi, bool addCurrent);

  Box& box_;
  const std::vector<Constraint>& constraints_;
  Touching owned_;
  const Touching* touching_ = nullptr;
  bool track_ = true;
  FactIndex current_ = 0;
  // run's worklist (a min-heap of positions, a queued flag per constraint), kept across runs;
  // every flag is clear between runs
  std::vector<std::size_t> heap_;
  std::vector<char> queued_;
  // the incremental evaluator, valid while box_'s stamp is ownStamp_; it reads the bounds of
  // view_ (box_ or a layer over it), whose stamp was viewStamp_ when it was last told of it
  std::optional<IntervalEvaluator> own_;
  std::uint64_t ownStamp_ = 0;
  const Box* view_ = nullptr;
  std::uint64_t viewStamp_ = 0;
  // the symbols whose intervals in view_ may differ from box_'s (told again on the next move)
  std::vector<ir::ExprRef> viewSyms_;
  /// Points the evaluator at `to` (a layer over box_, or box_).
  void moveView(const Box& to);
  /// Does `b` read through to box_ (or is it box_)?
  [[nodiscard]] bool overOwn(const Box& b) const;
  // the evaluator over another box, valid while (evalBox_, evalStamp_, evalBaseStamp_) hold
  const Box* evalBox_ = nullptr;
  std::uint64_t evalStamp_ = 0;
  std::uint64_t evalBaseStamp_ = 0;
  std::optional<IntervalEvaluator> eval_;
};

}  // namespace symrange::solver
