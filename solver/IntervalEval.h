// solver/IntervalEval.h — interval evaluation of an expression: given intervals for its
// symbols, a superset of the values it takes (Python semantics), and whether it may raise.
#pragma once

#include <array>
#include <functional>
#include <utility>
#include <vector>

#include "ir/Expr.h"
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

/// Memoizing evaluator over one fixed set of symbol bounds.
class IntervalEvaluator {
 public:
  explicit IntervalEvaluator(SymbolBounds bounds) : bounds_(std::move(bounds)) {}

  /// Returns a superset of {value of `e`} over all symbol values inside the bounds at which
  /// `e` is defined. With u0 in [0, 10]: `u0 // 4` gives [0, 2], `u0 >= 0` gives [1, 1].
  [[nodiscard]] IntervalValue eval(ir::ExprRef e);

 private:
  IntervalValue compute(ir::ExprRef e);
  SymbolBounds bounds_;
  // memo of shared subexpressions: a flat list (expressions here are small), searched from
  // the most recent entry; the first entries inline (an evaluator lives for one propagation
  // step, and growing a heap vector there was most of the interval tier's allocations)
  static constexpr std::size_t kInlineMemo = 16;
  std::array<std::pair<ir::ExprRef, IntervalValue>, kInlineMemo> inlineMemo_{};
  std::size_t inlineUsed_ = 0;
  std::vector<std::pair<ir::ExprRef, IntervalValue>> memo_;
};

/// One-shot form of IntervalEvaluator::eval.
[[nodiscard]] IntervalValue evalInterval(ir::ExprRef e, const SymbolBounds& bounds);

}  // namespace symrange::solver
