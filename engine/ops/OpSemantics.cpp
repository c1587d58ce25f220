// engine/ops/OpSemantics.cpp — the registry table and its transfer functions (see OpSemantics.h).
#include "engine/ops/OpSemantics.h"

#include "engine/ops/internal/OpTransfers.h"
#include "ir/Diagnostic.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>
#include <optional>

namespace symrange::engine {

const char* toString(InputModel m) {
  switch (m) {
    case InputModel::Unchecked: return "unchecked";
    case InputModel::Checked: return "checked";
  }
  return "unchecked";
}

std::optional<InputModel> parseInputModel(std::string_view s) {
  if (s == "unchecked") return InputModel::Unchecked;
  if (s == "checked") return InputModel::Checked;
  return std::nullopt;
}

const char* toString(ConstraintSemantics c) {
  switch (c) {
    case ConstraintSemantics::Aten: return "aten";
    case ConstraintSemantics::Range: return "range";
  }
  return "aten";
}

std::optional<ConstraintSemantics> parseConstraintSemantics(std::string_view s) {
  if (s == "aten") return ConstraintSemantics::Aten;
  if (s == "range") return ConstraintSemantics::Range;
  return std::nullopt;
}

using ir::ExprContext;
using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

// ---------------------------------------------------------------------------------------------
// OpCall

const SymValue& OpCall::arg(std::size_t i) const {
  static const SymValue none = SymValue::none();
  return i < args_.size() ? args_[i] : none;
}

const SymValue* OpCall::kwarg(std::string_view key) const {
  for (const auto& [k, v] : kwargs_)
    if (k == key) return &v;
  return nullptr;
}

const SymValue& OpCall::argOr(std::size_t i, std::string_view key) const {
  if (i < args_.size()) return args_[i];
  if (const SymValue* v = kwarg(key)) return *v;
  return arg(args_.size());  // None
}

ExprRef OpCall::annotatedSym() const {
  if (node.annotation && node.annotation->kind == ir::Annotation::Kind::Sym)
    return node.annotation->sym;
  return nullptr;
}

ExprRef OpCall::annotatedDim(std::size_t d) const {
  if (node.annotation && node.annotation->kind == ir::Annotation::Kind::Tensor &&
      d < node.annotation->shape.size())
    return node.annotation->shape[d];
  return nullptr;
}

ExprRef tensorDim(TensorInfo& t, std::int64_t d, ExprRef hint, FreshSymbols& fresh,
                  ExprContext& cx, std::vector<ExprRef>& facts) {
  ExprRef* slot = nullptr;
  if (t.rankKnown) {
    const auto r = static_cast<std::int64_t>(t.dims.size());
    if (d < 0) d += r;
    if (d < 0 || d >= r) return nullptr;
    slot = &t.dims[static_cast<std::size_t>(d)];
  } else {
    if (d < 0) {  // cannot normalize without the rank: a fresh size, not cached
      ExprRef s = fresh.fresh(ExprType::Int, hint);
      facts.push_back(cx.ge(s, cx.intConst(0)));
      return s;
    }
    slot = &t.lazyDims[d];
  }
  if (*slot == nullptr) {
    if (!hint && static_cast<std::size_t>(d) < t.dimHints.size())
      hint = t.dimHints[static_cast<std::size_t>(d)];
    *slot = fresh.fresh(ExprType::Int, hint);
    facts.push_back(cx.ge(*slot, cx.intConst(0)));
  }
  return *slot;
}

// --------------------------------------------------------------------------------------------
// the table

namespace {

std::vector<OpSpec> buildTable() {
  using E = OpEffect;
  using namespace ops;
  std::vector<OpSpec> t = {
      // Python operators on SymInt / SymBool (and tensors, elementwise)
      {"operator::add", E::Pure, opAdd},
      {"operator::sub", E::Pure, opSub},
      {"operator::mul", E::Pure, opMul},
      {"operator::floordiv", E::Pure, opFloorDiv},
      {"operator::mod", E::Pure, opMod},
      {"operator::truediv", E::Pure, opTrueDiv},
      {"operator::pow", E::Pure, opPow},
      {"operator::neg", E::Pure, opNeg},
      {"operator::pos", E::Pure, opPos},
      {"operator::abs", E::Pure, opAbs},
      {"builtins::abs", E::Pure, opAbs},
      {"operator::lt", E::Pure, opLt},
      {"operator::le", E::Pure, opLe},
      {"operator::gt", E::Pure, opGt},
      {"operator::ge", E::Pure, opGe},
      {"operator::eq", E::Pure, opEq},
      {"operator::ne", E::Pure, opNe},
      {"operator::and_", E::Pure, logicAnd},
      {"operator::or_", E::Pure, logicOr},
      {"operator::not_", E::Pure, logicNot},
      {"operator::getitem", E::Pure, getitem},
      // torch.sym_* and math
      {"torch::sym_max", E::Pure, symMax},
      {"torch::sym_min", E::Pure, symMin},
      {"builtins::max", E::Pure, symMax},
      {"builtins::min", E::Pure, symMin},
      {"torch::sym_sum", E::Pure, symSum},
      {"torch::sym_not", E::Pure, logicNot},
      {"torch::sym_float", E::Pure, symFloat},
      {"torch::sym_int", E::Pure, symInt},
      {"torch::sym_ite", E::Pure, symIte},
      {"math::floor", E::Pure, intIdentity},
      {"math::ceil", E::Pure, intIdentity},
      {"math::trunc", E::Pure, symInt},
      // FX prints math.trunc / math.floor / math.ceil as `math_trunc(x)` (its global name)
      {"builtins::math_trunc", E::Pure, symInt},
      {"builtins::math_floor", E::Pure, intIdentity},
      {"builtins::math_ceil", E::Pure, intIdentity},
      // sizes and scalars of tensors
      {"aten::sym_size", E::Pure, symSize},
      {"method::size", E::Pure, symSize},
      {"aten::sym_numel", E::Pure, symNumel},
      {"method::numel", E::Pure, symNumel},
      {"aten::sym_stride", E::Pure, freshNonNegative},
      {"aten::sym_storage_offset", E::Pure, freshNonNegative},
      {"method::dim", E::Pure, rankOf},
      {"aten::scalar_tensor", E::Pure, scalarTensor},
      {"aten::_local_scalar_dense", E::Effect, item},
      {"aten::item", E::Effect, item},
      {"method::item", E::Effect, item},
      // tensor factories (raise on a negative size)
      {"aten::full", E::Effect, full},
      {"torch::full", E::Effect, full},
      {"aten::zeros", E::Effect, sizedFactory},
      {"aten::ones", E::Effect, sizedFactory},
      {"aten::empty", E::Effect, sizedFactory},
      {"aten::rand", E::Effect, sizedFactory},
      {"aten::randn", E::Effect, sizedFactory},
      {"torch::zeros", E::Effect, sizedFactory},
      {"torch::ones", E::Effect, sizedFactory},
      {"torch::empty", E::Effect, sizedFactory},
      {"torch::rand", E::Effect, sizedFactory},
      {"torch::randn", E::Effect, sizedFactory},
      {"aten::new_full", E::Effect, newFactory},
      {"aten::new_zeros", E::Effect, newFactory},
      {"aten::new_ones", E::Effect, newFactory},
      {"aten::new_empty", E::Effect, newFactory},
      {"method::new_full", E::Effect, newFactory},
      {"method::new_zeros", E::Effect, newFactory},
      {"method::new_ones", E::Effect, newFactory},
      {"method::new_empty", E::Effect, newFactory},
      {"aten::full_like", E::Effect, likeFactory},
      {"aten::zeros_like", E::Effect, likeFactory},
      {"aten::ones_like", E::Effect, likeFactory},
      {"aten::empty_like", E::Effect, likeFactory},
      {"aten::rand_like", E::Effect, likeFactory},
      {"aten::randn_like", E::Effect, likeFactory},
      {"aten::arange", E::Effect, arange},
      {"torch::arange", E::Effect, arange},
      // shape ops
      {"aten::view", E::Effect, view},
      {"aten::reshape", E::Effect, view},
      {"aten::_unsafe_view", E::Effect, view},
      {"aten::view_copy", E::Effect, view},
      {"method::view", E::Effect, view},
      {"method::reshape", E::Effect, view},
      {"torch::reshape", E::Effect, view},
      {"aten::expand", E::Effect, expand},
      {"method::expand", E::Effect, expand},
      {"aten::cat", E::Effect, cat},
      {"aten::concat", E::Effect, cat},
      {"torch::cat", E::Effect, cat},
      {"torch::concat", E::Effect, cat},
      {"torch::concatenate", E::Effect, cat},
      {"aten::narrow", E::Effect, narrow},
      {"method::narrow", E::Effect, narrow},
      {"torch::narrow", E::Effect, narrow},
      {"aten::slice", E::Effect, sliceOp},
      {"aten::select", E::Effect, selectOp},
      {"method::select", E::Effect, selectOp},
      {"torch::select", E::Effect, selectOp},
      {"aten::unsqueeze", E::Effect, unsqueeze},
      {"method::unsqueeze", E::Effect, unsqueeze},
      {"aten::permute", E::Effect, permute},
      {"method::permute", E::Effect, permute},
      {"aten::transpose", E::Effect, transpose},
      {"method::transpose", E::Effect, transpose},
      {"aten::t", E::Effect, transpose},
      {"method::t", E::Effect, transpose},
      {"aten::nonzero", E::Effect, nonzero},
      {"method::nonzero", E::Effect, nonzero},
      {"torch::nonzero", E::Effect, nonzero},
      {"aten::clamp", E::Effect, clamp},
      {"torch::clamp", E::Effect, clamp},
      {"method::clamp", E::Effect, clamp},
      // checks and range constraints
      {.key = "aten::_assert_scalar", .effect = E::Check, .transfer = assertScalar,
       .assertsArgument0 = true},
      {.key = "aten::_assert_async", .effect = E::Check, .transfer = assertAsync,
       .assertsArgument0 = true},
      {.key = "torch::_check", .effect = E::Check, .transfer = assertScalar,
       .assertsArgument0 = true},
      {"torch::_assert", E::Check, assertScalar},
      {"torch::_check_is_size", E::Check, checkIsSize},
      {"aten::sym_constrain_range", E::Constraint, constrainRange},
      {.key = "aten::sym_constrain_range_for_size", .effect = E::Constraint,
       .transfer = constrainRangeForSize, .sizeLike = true},
      {"torch::sym_constrain_range", E::Constraint, constrainRange},
      {.key = "torch::sym_constrain_range_for_size", .effect = E::Constraint,
       .transfer = constrainRangeForSize, .sizeLike = true},
      {"torch::_constrain_as_value", E::Constraint, constrainRange},
      {.key = "torch::_constrain_as_size", .effect = E::Constraint,
       .transfer = constrainRangeForSize, .sizeLike = true},
      // higher-order ops
      {.key = "hop::cond", .effect = E::Control, .transfer = control, .control = Control::Cond},
      {.key = "hop::wrap", .effect = E::Control, .transfer = control, .control = Control::Wrap},
  };
  // elementwise ops: same shape
  static constexpr std::string_view kUnary[] = {
      "sin",   "cos",     "tan",     "exp",   "log",     "relu",      "sigmoid", "tanh",
      "sqrt",  "rsqrt",   "clone",   "contiguous", "detach", "alias", "lift_fresh_copy",
      "gelu",  "silu",    "floor",   "ceil",  "round",   "sign",      "reciprocal",
      "erf",   "log1p",   "expm1",   "square", "neg",    "abs",       "to",   "_to_copy",
      "type_as", "float", "int",     "long",  "bool",    "half",      "dropout", "softmax",
      "log_softmax", "cumsum", "bitwise_not", "fill", "masked_fill", "hardtanh"};
  static constexpr std::string_view kUnaryBool[] = {"logical_not", "isnan", "isinf", "isfinite"};
  static constexpr std::string_view kBinary[] = {"add", "sub", "mul", "div", "maximum", "minimum",
                                                 "pow", "remainder", "fmod", "bitwise_and",
                                                 "bitwise_or"};
  static constexpr std::string_view kCompare[] = {"eq", "ne", "lt", "le", "gt", "ge",
                                                  "logical_and", "logical_or"};
  static constexpr std::string_view kReduce[] = {"sum", "max", "min", "mean", "prod", "amax",
                                                 "amin", "any", "all", "argmax", "argmin"};
  // in-place ops (ATen schemas `Tensor(a!) self`): the result is argument 0 itself
  static constexpr std::string_view kInPlaceValues[] = {
      "add_",  "sub_",   "mul_",   "div_",   "fill_",  "zero_",   "copy_",  "clamp_",
      "clamp_min_", "clamp_max_", "logical_not_", "logical_and_", "logical_or_", "masked_fill_",
      "index_put_", "_index_put_impl_", "index_fill_", "index_add_", "index_copy_", "scatter_",
      "scatter_add_", "masked_scatter_", "relu_", "neg_", "abs_", "floor_", "ceil_", "round_",
      "trunc_", "exp_", "log_", "sqrt_", "sigmoid_", "tanh_", "bitwise_not_", "bitwise_and_",
      "bitwise_or_", "fmod_", "remainder_", "pow_", "lt_", "le_", "gt_", "ge_", "eq_", "ne_",
      "addcmul_", "addcdiv_", "uniform_", "normal_", "random_", "bernoulli_", "exponential_",
      "fill_diagonal_", "floor_divide_", "sign_", "reciprocal_", "hardtanh_", "clip_", "cumsum_"};
  static constexpr std::string_view kInPlaceSizes[] = {
      "resize_", "resize_as_", "set_", "squeeze_", "unsqueeze_", "transpose_", "t_",
      "as_strided_", "swapaxes_", "swapdims_", "resize_as_sparse_"};
  static std::vector<std::string> names;  // storage for the generated keys
  names.reserve(512);
  auto add = [&](std::string key, E e, TransferFn f, Mutates m = Mutates::Nothing) {
    for (const auto& s : t)
      if (s.key == key) return;  // explicit entries win
    names.push_back(std::move(key));
    t.push_back({names.back(), e, f});
    t.back().mutates = m;
  };
  for (std::string_view ns : {"aten::", "method::"}) {
    for (auto n : kInPlaceValues)
      add(std::string(ns) + std::string(n), E::Effect, inPlace, Mutates::SelfValues);
    for (auto n : kInPlaceSizes)
      add(std::string(ns) + std::string(n), E::Effect, inPlace, Mutates::SelfValuesAndSizes);
  }
  for (std::string_view ns : {"aten::", "method::", "torch::"}) {
    for (auto n : kUnary) add(std::string(ns) + std::string(n), E::Effect, elementwise);
    for (auto n : kUnaryBool) add(std::string(ns) + std::string(n), E::Effect, elementwiseBool);
    for (auto n : kBinary) add(std::string(ns) + std::string(n), E::Effect, binaryTensor);
    for (auto n : kCompare) add(std::string(ns) + std::string(n), E::Effect, compareTensor);
    for (auto n : kReduce) add(std::string(ns) + std::string(n), E::Effect, reduce);
  }
  for (auto& s : t) {
    // a pure op raises only where its transfer function says (when it understood the operands)
    if (s.effect == E::Pure) s.raises = Raises::OnPreconditions;
    // the op properties are the entries' own fields, never recovered from names
    SYMRANGE_ASSERT(!s.sizeLike || s.effect == E::Constraint);
    SYMRANGE_ASSERT(!s.assertsArgument0 || s.effect == E::Check);
    SYMRANGE_ASSERT((s.control != Control::None) == (s.effect == E::Control));
  }
  return t;
}

}  // namespace

const std::vector<OpSpec>& opTable() {
  static const std::vector<OpSpec> table = buildTable();
  return table;
}

namespace {

/// opKey(n) written into `out` (cleared first): pieces of the target appended, no temporaries.
void writeOpKey(const ir::Node& n, std::string& out) {
  const std::string_view t = n.target();
  out.clear();
  auto put = [&](std::string_view a, std::string_view b) {
    out.reserve(a.size() + b.size());
    out.append(a);
    out.append(b);
  };
  auto upToDot = [](std::string_view s) { return s.substr(0, s.find('.')); };
  if (n.op() == ir::NodeOp::CallMethod) return put("method::", t);
  if (t.starts_with("torch.ops.aten.")) return put("aten::", upToDot(t.substr(15)));
  if (t.starts_with("aten.")) return put("aten::", upToDot(t.substr(5)));
  if (t.starts_with("torch.ops.higher_order.")) return put("hop::", upToDot(t.substr(23)));
  if (t.starts_with("higher_order.")) return put("hop::", upToDot(t.substr(13)));
  if (t.starts_with("torch.ops.")) {
    std::string_view rest = t.substr(10);
    const auto dot = rest.find('.');
    if (dot == std::string_view::npos) return put("ops::", rest);
    const std::string_view ns = rest.substr(0, dot);
    rest = upToDot(rest.substr(dot + 1));
    out.reserve(ns.size() + 2 + rest.size());
    out.append(ns);
    out.append("::");
    out.append(rest);
    return;
  }
  if (t.starts_with("_operator.")) return put("operator::", t.substr(10));
  if (t.starts_with("operator.")) return put("operator::", t.substr(9));
  if (t.starts_with("torch.")) return put("torch::", t.substr(6));
  if (t.starts_with("math.")) return put("math::", t.substr(5));
  if (t.starts_with("builtins.")) return put("builtins::", t.substr(9));
  return put("builtins::", t);
}

}  // namespace

std::string opKey(const ir::Node& n) {
  std::string key;
  writeOpKey(n, key);
  return key;
}

std::string opOverload(const ir::Node& n) {
  const std::string& t = n.target();
  std::string rest;
  if (t.rfind("torch.ops.", 0) == 0) rest = t.substr(10);
  else if (t.rfind("aten.", 0) == 0) rest = t;
  else return "";
  auto a = rest.find('.');
  if (a == std::string::npos) return "";
  auto b = rest.find('.', a + 1);
  return b == std::string::npos ? "" : rest.substr(b + 1);
}

const OpSpec* findOp(const ir::Node& n) {
  static const std::unordered_map<std::string_view, const OpSpec*> index = [] {
    std::unordered_map<std::string_view, const OpSpec*> m;
    for (const auto& s : opTable()) m.emplace(s.key, &s);  // the first entry of a key wins
    return m;
  }();
  // The entry depends on the target and on whether the node is a method call alone: each
  // distinct one is looked up once per thread (a program has a few dozen; findOp runs on every
  // node of every walk).
  struct TargetHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Known = std::unordered_map<std::string, const OpSpec*, TargetHash, std::equal_to<>>;
  thread_local Known known[2];  // [0]: functions and the rest, [1]: method calls
  Known& cache = known[n.op() == ir::NodeOp::CallMethod ? 1 : 0];
  if (auto hit = cache.find(std::string_view(n.target())); hit != cache.end()) return hit->second;
  std::string key;
  writeOpKey(n, key);
  auto it = index.find(key);
  const OpSpec* found = it == index.end() ? nullptr : it->second;
  cache.emplace(n.target(), found);
  return found;
}

Mutates unknownOpMutates(const ir::Node& n) {
  const std::string key = opKey(n);
  const std::string_view name = std::string_view(key).substr(key.find("::") + 2);
  if (name.ends_with("_") && !name.ends_with("__")) return Mutates::SelfValuesAndSizes;
  return Mutates::SelfValues;
}

ExprRef truthOf(ExprContext& cx, const SymValue& v) {
  if (v.isBool()) return v.expr();
  if (v.isInt()) return cx.ne(v.expr(), cx.intConst(0));
  if (v.isTensor() && v.tensor()->scalar) return truthOf(cx, SymValue::scalar(v.tensor()->scalar));
  return nullptr;
}

}  // namespace symrange::engine
