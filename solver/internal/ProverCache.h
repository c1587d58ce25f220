// solver/internal/ProverCache.h — answers cached by (the sliced facts, the goal), where a goal and
// its negation share one entry: Not(x) is x negated, `a >= b` is `a < b` negated, `a > b` is `a <=
// b` negated, `Ne` is `Eq` negated (integer operands only: a float NaN breaks that).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "ir/Expr.h"
#include "solver/Prover.h"

namespace symrange::solver {

/// A goal up to negation.
struct GoalKey {
  std::uint8_t form = 0;  // 0: any expression (a = its id), 1: Lt, 2: Le, 3: Eq (a, b operands)
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  bool operator<(const GoalKey& o) const { return std::tie(form, a, b) < std::tie(o.form, o.a, o.b); }
};

/// The key of `goal` and whether the goal is that key itself (`positive`) or its negation.
[[nodiscard]] GoalKey goalKey(ir::ExprRef goal, bool& positive);

/// A cached answer; `because` is kept as fact expression ids (labels depend on the frame).
struct CachedAnswer {
  Answer answer;  // answer.because unused
  std::vector<std::uint32_t> becauseExprs;
};

class ProverCache {
 public:
  /// The entry for exactly this goal, or (with `negated` set) the one for its negation.
  [[nodiscard]] const CachedAnswer* find(const std::vector<std::uint32_t>& factExprs,
                                         ir::ExprRef goal, bool& negated) const;
  /// The entry of the goal's negation alone (nullptr when there is none).
  [[nodiscard]] const CachedAnswer* findNegation(const std::vector<std::uint32_t>& factExprs,
                                                 ir::ExprRef goal) const;
  void store(const std::vector<std::uint32_t>& factExprs, ir::ExprRef goal, CachedAnswer entry);
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  using Key = std::tuple<std::vector<std::uint32_t>, GoalKey, bool>;
  std::map<Key, CachedAnswer> entries_;
};

}  // namespace symrange::solver
