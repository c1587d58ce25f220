// engine/ops/CustomOps.h — semantics of ops the registry does not know, given by the user (the
// library's symrange::OpSemantics, the CLI's `--ops FILE`): what a custom op returns, what it
// guarantees once it has run, when it raises, whether it is pure, whether it mutates. An op
// without such an entry stays opaque and kept (engine/ops/OpSemantics.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ops/OpSemantics.h"

namespace symrange::engine {

struct CustomOp {
  /// What the op returns. Int/Bool/Float: a fresh scalar (named after the node's `Sym(...)`
  /// annotation); Tensor and None: an opaque value shaped by the annotation.
  enum class Returns : std::uint8_t { Int, Bool, Float, Tensor, None };

  std::string key;  // normalized as opKey() does: "mylib::clamp_count"
  Returns returns = Returns::Tensor;
  /// Python/sympy text over `result` (Int returns only) and `arg0`, `arg1`, ... (the integer
  /// positional arguments). An expression naming an argument that is not an integer at a call
  /// is dropped there (a precondition dropped makes the op's raising unmodelled: kept).
  std::vector<std::string> guarantees;
  std::vector<std::string> preconditions;
  bool pure = false;     // no side effect; raises only when a precondition fails
  bool mutates = false;  // changes its tensor arguments' values and sizes in place

  /// The registry entry the analysis uses for it (its key views `key`).
  [[nodiscard]] OpSpec spec() const;
};

/// The custom ops of one analysis; a later entry for the same key wins.
class CustomOpTable {
 public:
  explicit CustomOpTable(std::vector<CustomOp> ops);
  [[nodiscard]] const CustomOp* find(std::string_view key) const;
  [[nodiscard]] const std::vector<CustomOp>& ops() const { return ops_; }

 private:
  std::vector<CustomOp> ops_;
};

/// "torch.ops.mylib.foo.default", "mylib::foo", "mylib::foo.default", "mylib.foo" -> "mylib::foo"
/// (the key opKey() gives a node calling it). "" when `target` names no namespace.
[[nodiscard]] std::string customOpKey(std::string_view target);

/// "int", "bool", "float", "tensor", "none"; nullopt otherwise.
[[nodiscard]] std::optional<CustomOp::Returns> parseReturns(std::string_view s);

/// Checks one entry: a namespaced target the registry does not already define, expressions that
/// parse and name only `result` (Int returns) and `argN`. Returns "" or what is wrong.
[[nodiscard]] std::string validateCustomOp(const CustomOp& op);

/// Reads `{"ops": [{"target": ..., "returns": ..., "guarantees": [...], "preconditions": [...],
/// "pure": bool, "mutates": bool}, ...]}`. Throws ir::InputError (`FILE: error: ops[2].target:
/// ...`) on anything malformed or invalid; unknown keys are errors too (a typo would silently
/// drop a fact).
[[nodiscard]] std::vector<CustomOp> parseCustomOps(std::string_view json, const std::string& file);
[[nodiscard]] std::vector<CustomOp> readCustomOpsFile(const std::string& path);

/// The transfer function of every custom op (finds its entry through the call's semantics).
OpOutcome customTransfer(OpCall& c);

}  // namespace symrange::engine
