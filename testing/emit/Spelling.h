// testing/emit/Spelling.h — the emission layer under both generators (ProgramGenerator and
// workload/): how they spell what they write in the torch 2.5 printed form. FX's node names, a
// comparison node's name, Python operator and sympy text, and the check and range-constraint
// statements; comparisons are indexed in the order both use: < <= > >= == != (0..5).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace symrange::testing {

/// FX's node names: the first node of a kind is `base`, the next `base_1`, `base_2`, ...
class NodeNames {
 public:
  [[nodiscard]] std::string fresh(const std::string& base) {
    int& n = counters_[base];
    std::string s = n == 0 ? base : base + "_" + std::to_string(n);
    ++n;
    return s;
  }

 private:
  std::map<std::string, int> counters_;
};

/// The name FX gives a comparison node (`lt`, `lt_1`, ...), by comparison index.
inline constexpr const char* kComparisonNode[] = {"lt", "le", "gt", "ge", "eq", "ne"};
/// The Python operator of a comparison, by index.
inline constexpr const char* kComparisonOp[] = {"<", "<=", ">", ">=", "==", "!="};

/// sympy's text of `l OP r` as a `Sym(...)` annotation shows it: `Eq(l, r)`, `Ne(l, r)`,
/// else `l < r`. `l` and `r` are already spelled; with `parenLeft`, an `l` with a space in it is
/// parenthesized before an infix operator (not inside Eq/Ne), as the float comparisons print.
[[nodiscard]] inline std::string sympyComparison(int k, const std::string& l, const std::string& r,
                                                 bool parenLeft = false) {
  if (k == 4) return "Eq(" + l + ", " + r + ")";
  if (k == 5) return "Ne(" + l + ", " + r + ")";
  const bool paren = parenLeft && l.find(' ') != std::string::npos;
  return (paren ? "(" + l + ")" : l) + " " + kComparisonOp[k] + " " + r;
}

// The check statements (each takes its node name from `names`). `message` is written between
// the quotes as given.

/// `_assert_scalar_default = torch.ops.aten._assert_scalar.default(cond, "message")`.
[[nodiscard]] inline std::string assertScalar(NodeNames& names, const std::string& cond,
                                              const std::string& message) {
  return names.fresh("_assert_scalar_default") + " = torch.ops.aten._assert_scalar.default(" +
         cond + ", \"" + message + "\")";
}
/// The message torch.export gives a runtime assertion: `Runtime assertion failed for expression
/// u0 >= 2 on node 'ge'`.
[[nodiscard]] inline std::string runtimeAssertionMessage(const std::string& expr,
                                                         const std::string& node) {
  return "Runtime assertion failed for expression " + expr + " on node '" + node + "'";
}
/// `_check = torch._check(cond)`.
[[nodiscard]] inline std::string torchCheck(NodeNames& names, const std::string& cond) {
  return names.fresh("_check") + " = torch._check(" + cond + ")";
}
/// `tensor: "f32[]" = torch.ops.aten.scalar_tensor.default(cond)`, the tensor _assert_async takes.
[[nodiscard]] inline std::string scalarTensor(const std::string& tensor, const std::string& cond) {
  return tensor + ": \"f32[]\" = torch.ops.aten.scalar_tensor.default(" + cond + ")";
}
/// `_assert_async = torch.ops.aten._assert_async.msg(tensor, 'message')`.
[[nodiscard]] inline std::string assertAsync(NodeNames& names, const std::string& tensor,
                                             const std::string& message) {
  return names.fresh("_assert_async") + " = torch.ops.aten._assert_async.msg(" + tensor + ", '" +
         message + "')";
}

/// `sym_constrain_range[_for_size] = torch.ops.aten.sym_constrain_range[_for_size].default(value,
/// min = lo, max = hi)`, each bound written only when given.
[[nodiscard]] inline std::string constrainRange(NodeNames& names, bool forSize,
                                                const std::string& value,
                                                std::optional<std::int64_t> lo,
                                                std::optional<std::int64_t> hi) {
  const std::string op = forSize ? "sym_constrain_range_for_size" : "sym_constrain_range";
  std::string args = value;
  if (lo) args += ", min = " + std::to_string(*lo);
  if (hi) args += ", max = " + std::to_string(*hi);
  return names.fresh(op) + " = torch.ops.aten." + op + ".default(" + args + ")";
}

}  // namespace symrange::testing
