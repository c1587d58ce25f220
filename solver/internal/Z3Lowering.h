// solver/internal/Z3Lowering.h — SOLVER-PRIVATE: the exact lowering of expressions to Z3 terms with
// Python semantics, plus the definedness condition of each expression. Includes z3++.h, so
// only solver/*.cpp may include this header (no public header does).
#pragma once

#include <z3++.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/Expr.h"
#include "ir/ExprFunctor.h"

namespace symrange::solver {

/// Thrown by Z3Lowering for an expression with no faithful lowering; `what()` is the reason
/// reported in Answer::reason ("unsupported: int_oo").
class UnsupportedExpr : public std::runtime_error {
 public:
  explicit UnsupportedExpr(const std::string& what) : std::runtime_error("unsupported: " + what) {}
};

/// Lowers expressions into one z3::context, memoized by expression id.
///
/// Sorts: Int expressions are Z3 Int, Bool are Bool. Floats are never reasoned over the reals:
/// a Bool or Int expression with a Float operand (`ToFloat(u0) < 3.0`, `TruncToInt(f)`) is an
/// opaque atom, one constant per expression (docs/architecture.md, "Floats"); `exact()` is
/// false for them, so a model must pass ir::evaluate before it is believed.
///
/// Definedness: ir::evaluate evaluates every operand (Where and And/Or included) and raises on
/// a zero divisor of `//`, `%`, Mod, CeilDiv and `/`. `defined(e)` is the conjunction of
/// `divisor != 0` over every such node inside `e`; a fact holds where `defined ∧ value`, and a
/// check whose expression is undefined raises, i.e. fires.
class Z3Lowering : public ir::MemoExprFunctor<Z3Lowering, z3::expr, 0> {
 public:
  explicit Z3Lowering(z3::context& ctx) : ctx_(ctx) {}

  /// The Z3 term of `e` (Int, Bool or Real sort). Throws UnsupportedExpr.
  z3::expr term(ir::ExprRef e);
  /// The condition under which evaluating `e` does not raise. Throws UnsupportedExpr.
  z3::expr defined(ir::ExprRef e);
  /// defined(e) ∧ term(e) for a boolean `e`: "the check `e` passes".
  z3::expr holds(ir::ExprRef e);
  /// What a fact `e` says: like holds(e), but a conjunction / disjunction holds where its
  /// operands' facts do (`a ∨ b` holds where a is defined and true, even if b would raise).
  /// Facts built from a `cond` are disjunctions whose untaken side need not be defined (the
  /// branch did not run); for a fact from a check this is weaker than holds(), hence sound.
  z3::expr factHolds(ir::ExprRef e);
  /// False when `e` contains an approximation (uninterpreted function, real-valued floats), so
  /// that a satisfying model need not be a real execution; unsat answers stay sound for
  /// uninterpreted functions.
  bool exact(ir::ExprRef e);
  /// The Z3 constant of a symbol.
  z3::expr symbol(ir::ExprRef sym);

  // the functor (term() memoises by id): the float atoms of compute(), then one lowering per kind
  z3::expr compute(ir::ExprRef e);
  template <ir::ExprKind K>
  z3::expr visit(ir::ExprRef e, ir::Kind<K>);

 private:
  /// exact(), memoised by id: false where a kind is approximated.
  struct Exactness : ir::MemoExprFunctor<Exactness, bool> {
    template <ir::ExprKind K>
    bool visit(ir::ExprRef e, ir::Kind<K>);
  };

  z3::expr asInt(ir::ExprRef e);
  z3::expr asReal(ir::ExprRef e);
  z3::expr asBool(ir::ExprRef e);
  z3::expr floorDiv(const z3::expr& a, ir::ExprRef bExpr);
  z3::expr pyMod(const z3::expr& a, ir::ExprRef bExpr);
  z3::expr floatConst(double v);
  z3::expr floatAtom(ir::ExprRef e, const char* what);
  z3::expr floatNonZero(ir::ExprRef b);
  void collectDivisors(ir::ExprRef e, std::vector<ir::ExprRef>& out);

  z3::context& ctx_;
  std::unordered_map<std::uint32_t, z3::expr> defined_;  // by expression id; lookup only
  Exactness exact_;
};

}  // namespace symrange::solver
