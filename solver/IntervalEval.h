// solver/IntervalEval.h — interval evaluation of an expression: given intervals for its
// symbols, a superset of the values it takes (Python semantics), and whether it may raise.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprFunctor.h"
#include "solver/Interval.h"

namespace symrange::solver {

/// The interval of a symbol (Interval::full() when nothing is known).
using SymbolBounds = std::function<Interval(ir::ExprRef)>;

struct IntervalValue {
  /// Integers: a superset of the values where defined. Booleans: inside [0,1] (three-valued).
  /// Floats are not modelled: Interval::full().
  Interval value;
  /// False only when `e` is certainly defined for every symbol value inside the bounds: no
  /// divisor may be zero, no exponent negative, no `int_oo` inside. ir::evaluate evaluates
  /// every operand (Where and And/Or included), so any such node anywhere may raise.
  bool mayRaise = false;
};

namespace interval_detail {
/// A memoised node of IntervalEvaluator's incremental mode: its interval, the symbols below it
/// (bit id % 64) and when it was evaluated.
struct TrackedInterval {
  IntervalValue value;
  std::uint64_t symbols = 0;
  std::uint64_t at = 0;
};
/// The incremental mode's memo: open addressing by expression id in one array (it lives for
/// many revisions and grows past a few dozen nodes, where a node-based map would allocate per
/// entry).
class TrackedMemo {
 public:
  [[nodiscard]] TrackedInterval* find(ir::ExprRef e);
  /// Enters `e` (not yet in the memo).
  void put(ir::ExprRef e, const TrackedInterval& t);

 private:
  void put(std::uint32_t id, const TrackedInterval& t);
  struct Slot {
    std::uint32_t key = 0;  // id + 1; 0 = empty
    TrackedInterval t;
  };
  [[nodiscard]] std::size_t home(std::uint32_t key) const {
    return (key * std::uint64_t{0x9E3779B97F4A7C15}) >> (64 - bits_);
  }
  std::vector<Slot> slots_;
  unsigned bits_ = 0;
  std::size_t used_ = 0;
};
/// The incremental mode's state.
struct IncrementalState {
  TrackedMemo memo;
  std::uint64_t now = 0;
  std::uint64_t changedAt[64] = {};
  std::uint64_t below = 0;  // the symbols met below the node being evaluated
};
}  // namespace interval_detail

/// Memoizing evaluator over symbol bounds (one transfer function per kind).
///
/// `Mode::Fixed`: the bounds never change while the evaluator lives. `Mode::Incremental`: the
/// bounds of a symbol may change, and the owner says so with `changed(sym)` before the next
/// `eval`; only the memoised nodes above that symbol are evaluated again, so narrowing one
/// symbol of a large fact does not re-evaluate the whole fact. Both modes return the same
/// intervals for the same bounds.
class IntervalEvaluator : public ir::MemoExprFunctor<IntervalEvaluator, IntervalValue> {
  using Base = ir::MemoExprFunctor<IntervalEvaluator, IntervalValue>;

 public:
  enum class Mode : std::uint8_t { Fixed, Incremental };
  explicit IntervalEvaluator(SymbolBounds bounds, Mode mode = Mode::Fixed)
      : bounds_(std::move(bounds)) {
    if (mode == Mode::Incremental) inc_.emplace();
  }

  /// Returns a superset of {value of `e`} over all symbol values inside the bounds at which
  /// `e` is defined. With u0 in [0, 10]: `u0 // 4` gives [0, 2], `u0 >= 0` gives [1, 1].
  [[nodiscard]] IntervalValue eval(ir::ExprRef e);
  /// Incremental mode: the bounds of `sym` changed (every node above it is stale).
  void changed(ir::ExprRef sym);

  /// The memoised evaluation of one node (hides the base's, for the incremental mode).
  IntervalValue operator()(ir::ExprRef e) { return inc_ ? tracked(e) : Base::operator()(e); }

  // leaves are cheaper than a lookup (the memo holds the shared operations; an evaluator lives
  // for one propagation step, and ExprMemo keeps its first entries inline)
  static constexpr bool kMemoizeLeaves = false;

  // the transfer functions, called by ExprFunctor::dispatch
  IntervalValue visit(ir::ExprRef e, ir::Kind<ir::ExprKind::IntConst>);
  IntervalValue visit(ir::ExprRef e, ir::Kind<ir::ExprKind::BigIntConst>);
  IntervalValue visit(ir::ExprRef e, ir::Kind<ir::ExprKind::BoolConst>);
  IntervalValue visit(ir::ExprRef e, ir::Kind<ir::ExprKind::FloatConst>);
  IntervalValue visit(ir::ExprRef e, ir::Kind<ir::ExprKind::IntInf>);
  IntervalValue visit(ir::ExprRef e, ir::Kind<ir::ExprKind::Symbol>);
  /// Every operation: its operands' intervals, then the kind's transfer function.
  template <ir::ExprKind K>
    requires(!ir::isLeafKind(K))
  IntervalValue visit(ir::ExprRef e, ir::Kind<K>);

 private:
  IntervalValue tracked(ir::ExprRef e);
  static std::uint64_t symbolBit(ir::ExprRef sym) { return std::uint64_t{1} << (sym->id() % 64); }

  SymbolBounds bounds_;
  // Incremental mode: each memoised node (symbols included) keeps the symbols below it as a
  // 64-bit mask (bit id % 64; two symbols may share a bit, which only costs a re-evaluation)
  // and the time it was evaluated at, or last found current at; it is current while no symbol
  // of its mask changed since. Allocated in that mode only (a fixed evaluator is built for
  // every small evaluation).
  std::optional<interval_detail::IncrementalState> inc_;
};

/// One-shot form of IntervalEvaluator::eval.
[[nodiscard]] IntervalValue evalInterval(ir::ExprRef e, const SymbolBounds& bounds);

}  // namespace symrange::solver
