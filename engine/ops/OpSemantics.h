// engine/ops/OpSemantics.h — the op-semantics registry: ONE table saying, per call target, what
// value the op defines (built from its operands' values, never from annotations) and what it
// guarantees once it has executed (preconditions it raises on, facts about fresh symbols).
// Ops not in the table define opaque values and guarantee nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/ops/SymValue.h"
#include "ir/Expr.h"
#include "ir/Graph.h"

namespace symrange::engine {

/// How an op behaves for the rewrite and the analysis.
enum class OpEffect : std::uint8_t {
  Pure,        // no side effect; removable when left dead (if its preconditions are proved)
  Effect,      // side effect, may raise, or creates data-dependent values: always kept
  Check,       // a run-time check: `_assert_scalar`, `_assert_async`, `torch._check`, ...
  Constraint,  // `sym_constrain_range[_for_size]`: a run-time range check
  Control,     // `cond`, `wrap`: handled by the analysis itself
};

/// What a program's inputs are guaranteed to satisfy on entry (BRIEF section 2,
/// docs/input-model.md). It depends on who runs the program, not on how it was printed.
enum class InputModel : std::uint8_t {
  /// Nothing checks the inputs (AOTInductor without AOTI_RUNTIME_CHECK_INPUTS, make_fx/AOT
  /// graphs, FX passes, a GraphModule called directly): sizes are `>= 0` and static dims are
  /// what the signature says; a symbol repeated across inputs is a new value at each repeat
  /// after the first; no `Range constraints` entry is a premise. Sound for every consumer.
  Unchecked,
  /// Run through `ExportedProgram.__call__` / `ep.module()`: exactly what
  /// `torch/_export/utils.py:_check_input_constraints_for_graph` enforces.
  Checked,
};

[[nodiscard]] const char* toString(InputModel m);
/// "unchecked" / "checked"; nullopt for anything else.
[[nodiscard]] std::optional<InputModel> parseInputModel(std::string_view s);

/// What `sym_constrain_range_for_size(u, min, max)` checks, where the sources disagree
/// (`--constraint-semantics`).
enum class ConstraintSemantics : std::uint8_t {
  /// It raises whenever `max <= 2`, as ATen's eager kernel does
  /// (aten/src/ATen/native/Constraints.cpp) and BRIEF section 1 says.
  Aten,
  /// It raises only outside `[min, max]` (the corpus generator's reading).
  Range,
};

[[nodiscard]] const char* toString(ConstraintSemantics c);
/// "aten" / "range"; nullopt for anything else.
[[nodiscard]] std::optional<ConstraintSemantics> parseConstraintSemantics(std::string_view s);

/// Whether an op can raise, for the dead-code rewrite (a node that can raise is never removed:
/// the optimized program would accept an input the original rejects).
enum class Raises : std::uint8_t {
  /// Raises exactly when a precondition its transfer function returns fails, on the operands
  /// the transfer function modelled (OpOutcome::raisesModelled); otherwise like `Maybe`.
  OnPreconditions,
  /// May raise in ways the engine does not model: never removed.
  Maybe,
};

/// Which argument an op changes in place (ATen schemas marked `Tensor(a!)`: `add_`, `fill_`,
/// `copy_`, `resize_`, ...). A mutation makes every value fact (scalar, element bounds, truth)
/// of every tensor stale, since views alias; a size mutation also forgets the argument's shape.
/// An `out=` keyword argument is mutated (values and sizes) by any op.
enum class Mutates : std::uint8_t {
  Nothing,
  SelfValues,          // argument 0's values (`add_`, `fill_`, `copy_`, `logical_not_`)
  SelfValuesAndSizes,  // argument 0's values and shape (`resize_`, `unsqueeze_`, `t_`)
  ArgumentsValuesAndSizes,  // every tensor argument's values and shape (custom ops that mutate)
};

class CustomOpTable;  // engine/ops/CustomOps.h

/// Choices about what ops and inputs mean where sources disagree or the consumer decides.
struct Semantics {
  /// What the inputs guarantee on entry.
  InputModel inputs = InputModel::Unchecked;
  /// What `sym_constrain_range_for_size` checks.
  ConstraintSemantics constraints = ConstraintSemantics::Aten;
  /// Semantics the user gave for ops the registry does not know (engine/ops/CustomOps.h); may
  /// be null.
  std::shared_ptr<const CustomOpTable> customOps;
};

/// Where fresh symbols come from (the analysis names them after annotations, avoiding clashes).
class FreshSymbols {
 public:
  virtual ~FreshSymbols() = default;
  /// A new symbol of `type`. `hint` (may be nullptr) is the annotation expression at that place;
  /// when it is a bare symbol whose name is still free, the fresh symbol takes that name.
  virtual ir::ExprRef fresh(ir::ExprType type, ir::ExprRef hint) = 0;
};

/// Dim `d` of tensor `t` (negative `d` counts from the end when the rank is known), materializing
/// an unknown dim as a fresh symbol (named after `hint`, else after `t.dimHints[d]`) and
/// recording `dim >= 0` in `facts`. nullptr when `d` is out of range for a known rank.
[[nodiscard]] ir::ExprRef tensorDim(TensorInfo& t, std::int64_t d, ir::ExprRef hint,
                                    FreshSymbols& fresh, ir::ExprContext& cx,
                                    std::vector<ir::ExprRef>& facts);

/// The operands of one call, evaluated, plus what a transfer function may need.
class OpCall {
 public:
  OpCall(const ir::Node& node, ir::ExprContext& cx, std::vector<SymValue> args,
         std::vector<std::pair<std::string, SymValue>> kwargs, FreshSymbols& fresh,
         Semantics semantics = {})
      : node(node), cx(cx), semantics(semantics), args_(std::move(args)),
        kwargs_(std::move(kwargs)), fresh_(fresh) {}

  const ir::Node& node;
  ir::ExprContext& cx;
  const Semantics semantics;

  [[nodiscard]] std::size_t argCount() const { return args_.size(); }
  /// Positional argument `i` (None when absent).
  [[nodiscard]] const SymValue& arg(std::size_t i) const;
  /// Keyword argument `key`, or nullptr.
  [[nodiscard]] const SymValue* kwarg(std::string_view key) const;
  /// Positional `i` if present, else keyword `key`, else None.
  [[nodiscard]] const SymValue& argOr(std::size_t i, std::string_view key) const;

  /// The annotation of the node as a bare expression (Sym annotations), or nullptr.
  [[nodiscard]] ir::ExprRef annotatedSym() const;
  /// Dim `d` of the node's Tensor annotation, or nullptr.
  [[nodiscard]] ir::ExprRef annotatedDim(std::size_t d) const;

  /// True when `goal` is proved to hold at this call from the facts before it (false when no
  /// prover is attached: transfer functions must then assume the worst).
  [[nodiscard]] bool proves(ir::ExprRef goal) const { return proves_ && proves_(goal); }
  void setProver(std::function<bool(ir::ExprRef)> proves) { proves_ = std::move(proves); }

  /// A fresh symbol named after `hint` where possible (see FreshSymbols).
  [[nodiscard]] ir::ExprRef fresh(ir::ExprType type, ir::ExprRef hint) {
    return fresh_.fresh(type, hint);
  }
  /// Dim `d` (may be negative: counted from the end when the rank is known) of tensor `t`;
  /// materializes an unknown dim as a fresh symbol and records `dim >= 0` in `facts`.
  /// Returns nullptr when `d` is out of range for a known rank.
  [[nodiscard]] ir::ExprRef dimOf(TensorInfo& t, std::int64_t d, ir::ExprRef hint,
                                  std::vector<ir::ExprRef>& facts) {
    return tensorDim(t, d, hint, fresh_, cx, facts);
  }

 private:
  std::vector<SymValue> args_;
  std::vector<std::pair<std::string, SymValue>> kwargs_;
  FreshSymbols& fresh_;
  std::function<bool(ir::ExprRef)> proves_;
};

/// What executing an op means.
struct OpOutcome {
  SymValue value = SymValue::opaque();
  /// The op raises unless each of these holds; after it they are facts.
  std::vector<ir::ExprRef> preconditions;
  /// Facts about the values it defines (fresh symbols' ranges, sizes `>= 0`).
  std::vector<ir::ExprRef> guarantees;
  /// Check/Constraint ops: the condition that must hold, or nullptr when not understood.
  ir::ExprRef condition = nullptr;
  /// Why `condition` is missing (for the `unknown` verdict).
  std::string unsupported;
  /// The transfer function understood the operands well enough that `preconditions` are the
  /// whole raising condition (see Raises::OnPreconditions).
  bool raisesModelled = false;
};

using TransferFn = OpOutcome (*)(OpCall&);

/// What the analysis itself does for an `OpEffect::Control` op.
enum class Control : std::uint8_t {
  None,  // not a control op
  Cond,  // `cond(pred, true_fn, false_fn, operands)`: one of two sub-graphs runs
  Wrap,  // `wrap(body, operands)`: the body always runs
};

struct OpSpec {
  std::string_view key;  // normalized target, see opKey()
  OpEffect effect;
  TransferFn transfer;
  Raises raises = Raises::Maybe;
  Mutates mutates = Mutates::Nothing;
  /// `sym_constrain_range_for_size`: kept even when redundant (its size-like mark).
  bool sizeLike = false;
  /// A check whose argument 0 is the boolean it asserts (`_assert_scalar`, `torch._check`;
  /// `_assert_async` through a `scalar_tensor`): where the walk never evaluated it, that
  /// argument's annotation shows the condition (display only).
  bool assertsArgument0 = false;
  Control control = Control::None;
};

/// How an op the registry does not know may mutate: every tensor argument's values, and for an
/// in-place name (`foo_`, ATen's convention for `Tensor(a!) self`) argument 0's shape too.
[[nodiscard]] Mutates unknownOpMutates(const ir::Node& n);

/// Normalized target of a call: `aten::full` (any overload; also `aten.full.default` as FX dumps
/// print it), `operator::add`, `torch::sym_max`, `math::floor`, `builtins::getattr`,
/// `hop::cond` (torch.ops.higher_order.*), `method::item` for call_method nodes.
/// Example: "torch.ops.aten.sym_size.int" -> "aten::sym_size".
[[nodiscard]] std::string opKey(const ir::Node& n);

/// The overload of an aten/hop target ("int" for torch.ops.aten.sym_size.int), "" if none.
[[nodiscard]] std::string opOverload(const ir::Node& n);

/// The registry entry for `n`, or nullptr (unknown op: opaque, kept).
[[nodiscard]] const OpSpec* findOp(const ir::Node& n);

/// Every entry, in table order (for documentation and tests).
[[nodiscard]] const std::vector<OpSpec>& opTable();

/// The truth value of `v` used as a check condition / predicate: a Bool expression, an Int `!= 0`,
/// the scalar of a `scalar_tensor`; nullptr when not understood.
[[nodiscard]] ir::ExprRef truthOf(ir::ExprContext& cx, const SymValue& v);

}  // namespace symrange::engine
