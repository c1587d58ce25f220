// solver/ProverCache.cpp — the (facts, goal) answer cache with negation-compatible keys.
#include "solver/internal/ProverCache.h"

#include "ir/Diagnostic.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;

GoalKey goalKey(ExprRef goal, bool& positive) {
  positive = true;
  while (goal->kind() == ExprKind::Not) {
    positive = !positive;
    goal = goal->op(0);
  }
  if (goal->isComparison() && goal->op(0)->type() != ir::ExprType::Float &&
      goal->op(1)->type() != ir::ExprType::Float) {
    GoalKey k;
    k.a = goal->op(0)->id();
    k.b = goal->op(1)->id();
    switch (goal->kind()) {
      case ExprKind::Lt: k.form = 1; break;
      case ExprKind::Ge: k.form = 1; positive = !positive; break;
      case ExprKind::Le: k.form = 2; break;
      case ExprKind::Gt: k.form = 2; positive = !positive; break;
      case ExprKind::Eq: k.form = 3; break;
      case ExprKind::Ne: k.form = 3; positive = !positive; break;
      case ExprKind::IntConst: case ExprKind::BigIntConst: case ExprKind::BoolConst:
      case ExprKind::FloatConst: case ExprKind::IntInf: case ExprKind::Symbol:
      case ExprKind::Add: case ExprKind::Mul: case ExprKind::FloorDiv: case ExprKind::Mod:
      case ExprKind::PythonMod: case ExprKind::Max: case ExprKind::Min: case ExprKind::Abs:
      case ExprKind::PowByNatural: case ExprKind::CeilDiv: case ExprKind::TruncToInt:
      case ExprKind::ToFloat: case ExprKind::TrueDiv: case ExprKind::And: case ExprKind::Or:
      case ExprKind::Not: case ExprKind::Where: case ExprKind::Apply:
        SYMRANGE_ASSERT(false && "not a comparison");
    }
    return k;
  }
  GoalKey k;
  k.a = goal->id();
  return k;
}

const CachedAnswer* ProverCache::find(const std::vector<std::uint32_t>& factExprs, ExprRef goal,
                                      bool& negated) const {
  bool positive = true;
  GoalKey k = goalKey(goal, positive);
  negated = false;
  if (auto it = entries_.find(Key{factExprs, k, positive}); it != entries_.end()) {
    return &it->second;
  }
  if (auto it = entries_.find(Key{factExprs, k, !positive}); it != entries_.end()) {
    negated = true;
    return &it->second;
  }
  return nullptr;
}

const CachedAnswer* ProverCache::findNegation(const std::vector<std::uint32_t>& factExprs,
                                              ExprRef goal) const {
  bool positive = true;
  GoalKey k = goalKey(goal, positive);
  auto it = entries_.find(Key{factExprs, k, !positive});
  return it == entries_.end() ? nullptr : &it->second;
}

void ProverCache::store(const std::vector<std::uint32_t>& factExprs, ExprRef goal,
                        CachedAnswer entry) {
  bool positive = true;
  GoalKey k = goalKey(goal, positive);
  entries_.insert_or_assign(Key{factExprs, k, positive}, std::move(entry));
}

}  // namespace symrange::solver
