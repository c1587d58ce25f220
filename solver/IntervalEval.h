// solver/IntervalEval.h — interval evaluation of an expression: given intervals for its
// symbols, a superset of the values it takes (Python semantics), and whether it may raise.
#pragma once

#include <functional>
#include <utility>

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

/// Memoizing evaluator over one fixed set of symbol bounds (one transfer function per kind).
class IntervalEvaluator : public ir::MemoExprFunctor<IntervalEvaluator, IntervalValue> {
 public:
  explicit IntervalEvaluator(SymbolBounds bounds) : bounds_(std::move(bounds)) {}

  /// Returns a superset of {value of `e`} over all symbol values inside the bounds at which
  /// `e` is defined. With u0 in [0, 10]: `u0 // 4` gives [0, 2], `u0 >= 0` gives [1, 1].
  [[nodiscard]] IntervalValue eval(ir::ExprRef e) { return (*this)(e); }

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
  SymbolBounds bounds_;
};

/// One-shot form of IntervalEvaluator::eval.
[[nodiscard]] IntervalValue evalInterval(ir::ExprRef e, const SymbolBounds& bounds);

}  // namespace symrange::solver
