// tests/engine/test_op_semantics.cpp — the op-semantics registry against brute force: target
// normalization, the exact ATen range-constraint kernels, Python slicing, narrow/select
// preconditions, view/cat/nonzero shapes. Every expression is evaluated with ir::evaluate.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/ops/OpSemantics.h"
#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"

using namespace symrange;
using engine::OpCall;
using engine::OpOutcome;
using engine::SymValue;
using engine::TensorInfo;
using ir::ExprRef;

namespace {

/// Fresh symbols named f0, f1, ... (hints ignored).
class TestFresh final : public engine::FreshSymbols {
 public:
  explicit TestFresh(ir::ExprContext& cx) : cx_(cx) {}
  ExprRef fresh(ir::ExprType type, ExprRef) override {
    return cx_.symbol("f" + std::to_string(n_++), type, ir::SymbolKind::Unbacked);
  }

 private:
  ir::ExprContext& cx_;
  int n_ = 0;
};

struct Harness {
  ir::ExprContext cx;
  TestFresh fresh{cx};

  SymValue i(std::int64_t v) { return SymValue::scalar(cx.intConst(v)); }
  SymValue sym(const char* name) { return SymValue::scalar(cx.symbol(name)); }
  SymValue none() { return SymValue::none(); }
  SymValue tensor(std::vector<ExprRef> dims) {
    return SymValue::tensor(TensorInfo::withDims(std::move(dims), "f32"));
  }
  SymValue list(std::vector<SymValue> xs) { return SymValue::list(std::move(xs), false); }

  OpOutcome run(const std::string& target, std::vector<SymValue> args,
                std::vector<std::pair<std::string, SymValue>> kwargs = {},
                ir::NodeOp op = ir::NodeOp::CallFunction) {
    ir::Node node("n", op, target);
    const engine::OpSpec* spec = engine::findOp(node);
    REQUIRE_MESSAGE(spec != nullptr, target);
    OpCall c(node, cx, std::move(args), std::move(kwargs), fresh);
    return spec->transfer(c);
  }
};

std::optional<std::int64_t> evalInt(ExprRef e, const std::map<std::string, std::int64_t>& env) {
  auto r = ir::evaluate(e, [&](ExprRef s) -> std::optional<ir::Value> {
    auto it = env.find(s->name());
    if (it == env.end()) return std::nullopt;
    return ir::Value::ofInt(it->second);
  });
  if (!r.value) return std::nullopt;
  return r.value->i;
}

bool allHold(const std::vector<ExprRef>& fs, const std::map<std::string, std::int64_t>& env) {
  for (ExprRef f : fs) {
    auto v = evalInt(f, env);
    REQUIRE(v.has_value());
    if (!*v) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("opKey normalizes every spelling of a target") {
  struct Case {
    ir::NodeOp op;
    const char* target;
    const char* key;
  } cases[] = {
      {ir::NodeOp::CallFunction, "torch.ops.aten.sym_size.int", "aten::sym_size"},
      {ir::NodeOp::CallFunction, "torch.ops.aten.sym_size", "aten::sym_size"},
      {ir::NodeOp::CallFunction, "aten.sym_size.int", "aten::sym_size"},
      {ir::NodeOp::CallFunction, "torch.ops.aten._assert_async.msg", "aten::_assert_async"},
      {ir::NodeOp::CallFunction, "torch.ops.higher_order.cond", "hop::cond"},
      {ir::NodeOp::CallFunction, "operator.floordiv", "operator::floordiv"},
      {ir::NodeOp::CallFunction, "_operator.ge", "operator::ge"},
      {ir::NodeOp::CallFunction, "torch.sym_max", "torch::sym_max"},
      {ir::NodeOp::CallFunction, "torch._check_is_size", "torch::_check_is_size"},
      {ir::NodeOp::CallFunction, "math.floor", "math::floor"},
      {ir::NodeOp::CallMethod, "item", "method::item"},
  };
  for (const auto& c : cases) {
    ir::Node n("n", c.op, c.target);
    CAPTURE(c.target);
    CHECK(engine::opKey(n) == c.key);
  }
  ir::Node unknown("n", ir::NodeOp::CallFunction, "torch.ops.aten.frobnicate.default");
  CHECK(engine::findOp(unknown) == nullptr);
}

TEST_CASE("sym_constrain_range[_for_size] conditions match ATen's kernels exactly") {
  // aten/src/ATen/native/Constraints.cpp: sym_constrain_range raises unless min <= max and
  // min <= u <= max (missing bounds unbounded); _for_size defaults min to 0 and raises
  // whenever max <= 2.
  Harness h;
  const std::optional<std::int64_t> bounds[] = {std::nullopt, -2, 0, 1, 2, 3, 5};
  int cases = 0;
  for (bool forSize : {false, true})
    for (auto mn : bounds)
      for (auto mx : bounds) {
        std::vector<std::pair<std::string, SymValue>> kw;
        if (mn) kw.emplace_back("min", h.i(*mn));
        if (mx) kw.emplace_back("max", h.i(*mx));
        OpOutcome o = h.run(forSize ? "torch.ops.aten.sym_constrain_range_for_size.default"
                                    : "torch.ops.aten.sym_constrain_range.default",
                            {h.sym("u0")}, kw);
        REQUIRE(o.condition != nullptr);
        for (std::int64_t u = -4; u <= 7; ++u) {
          std::int64_t lo = mn ? *mn : (forSize ? 0 : INT64_MIN);
          std::int64_t hi = mx ? *mx : INT64_MAX;
          bool raises = (forSize && mx && *mx <= 2) || hi < lo || u < lo || u > hi;
          auto got = evalInt(o.condition, {{"u0", u}});
          CAPTURE(forSize);
          CAPTURE(mn.value_or(-999));
          CAPTURE(mx.value_or(-999));
          CAPTURE(u);
          INFO("condition: " << ir::printExpr(o.condition));
          REQUIRE(got.has_value());
          CHECK(static_cast<bool>(*got) == !raises);
          ++cases;
        }
      }
  MESSAGE(cases << " kernel cases checked");
}

TEST_CASE("slice lengths follow Python slicing") {
  Harness h;
  int cases = 0;
  const std::optional<std::int64_t> points[] = {std::nullopt, -9, -5, -3, -1, 0, 1, 2, 4, 9,
                                                INT64_MAX};
  for (auto start : points)
    for (auto end : points)
      for (std::int64_t step : {1, 2, 3}) {
        if (start == INT64_MAX) continue;
        SymValue t = h.tensor({h.cx.symbol("s0"), h.cx.intConst(3)});
        OpOutcome o = h.run("torch.ops.aten.slice.Tensor",
                            {t, h.i(0), start ? h.i(*start) : h.none(), end ? h.i(*end) : h.none(),
                             h.i(step)});
        REQUIRE(o.value.isTensor());
        ExprRef len = o.value.tensor()->dims[0];
        REQUIRE(len != nullptr);
        for (std::int64_t n = 0; n <= 6; ++n) {
          // Python: len(range(n)[start:end:step])
          auto norm = [&](std::optional<std::int64_t> b, std::int64_t dflt) {
            if (!b) return dflt;
            std::int64_t v = *b;
            if (v < 0) v = std::max<std::int64_t>(v + n, 0);
            return std::min(v, n);
          };
          std::int64_t s = norm(start, 0), e = norm(end, n);
          std::int64_t expect = e > s ? (e - s + step - 1) / step : 0;
          auto got = evalInt(len, {{"s0", n}});
          CAPTURE(n);
          CAPTURE(start.value_or(-999));
          CAPTURE(end.value_or(-999));
          CAPTURE(step);
          INFO("len: " << ir::printExpr(len));
          REQUIRE(got.has_value());
          CHECK(*got == expect);
          ++cases;
        }
      }
  MESSAGE(cases << " slice cases checked");
}

TEST_CASE("narrow and select raise exactly outside their bounds") {
  Harness h;
  for (std::int64_t n = 0; n <= 4; ++n)
    for (std::int64_t start = -6; start <= 6; ++start)
      for (std::int64_t length = -1; length <= 5; ++length) {
        SymValue t = h.tensor({h.cx.symbol("s0")});
        OpOutcome o = h.run("torch.ops.aten.narrow.default", {t, h.i(0), h.i(start), h.i(length)});
        // torch.narrow: start in [-n, n], length >= 0, wrapped start + length <= n
        std::int64_t s = start < 0 ? start + n : start;
        bool ok = start >= -n && start <= n && length >= 0 && s + length <= n;
        CAPTURE(n);
        CAPTURE(start);
        CAPTURE(length);
        CHECK(allHold(o.preconditions, {{"s0", n}}) == ok);
        if (ok) CHECK(o.value.tensor()->dims[0] == h.cx.intConst(length));
      }
  for (std::int64_t n = 0; n <= 4; ++n)
    for (std::int64_t i = -6; i <= 6; ++i) {
      SymValue t = h.tensor({h.cx.symbol("s0"), h.cx.intConst(7)});
      OpOutcome o = h.run("torch.ops.aten.select.int", {t, h.i(0), h.i(i)});
      CAPTURE(n);
      CAPTURE(i);
      CHECK(allHold(o.preconditions, {{"s0", n}}) == (-n <= i && i < n));
      REQUIRE(o.value.tensor()->dims.size() == 1);
      CHECK(o.value.tensor()->dims[0] == h.cx.intConst(7));
    }
}

TEST_CASE("factories: sizes >= 0 are preconditions - the shape is the sizes") {
  Harness h;
  OpOutcome o = h.run("torch.ops.aten.full.default", {h.list({h.sym("u0"), h.i(5)}), h.i(1)});
  REQUIRE(o.value.isTensor());
  CHECK(o.value.tensor()->dims == std::vector<ExprRef>{h.cx.symbol("u0"), h.cx.intConst(5)});
  CHECK(allHold(o.preconditions, {{"u0", 0}}));
  CHECK_FALSE(allHold(o.preconditions, {{"u0", -1}}));
  OpOutcome z = h.run("torch.ops.aten.zeros.default", {h.list({h.sym("u1")})});
  CHECK(z.value.tensor()->dims == std::vector<ExprRef>{h.cx.symbol("u1")});
  CHECK_FALSE(allHold(z.preconditions, {{"u1", -3}}));
}

TEST_CASE("view infers -1 and keeps numel - cat adds sizes and equates the others") {
  Harness h;
  ExprRef s0 = h.cx.symbol("s0"), s1 = h.cx.symbol("s1");
  OpOutcome v = h.run("view", {h.tensor({s0, s1}), h.i(-1), h.i(2)}, {}, ir::NodeOp::CallMethod);
  REQUIRE(v.value.isTensor());
  ExprRef d0 = v.value.tensor()->dims[0];
  for (std::int64_t a = 0; a <= 5; ++a)
    for (std::int64_t b = 0; b <= 5; ++b) {
      CAPTURE(a);
      CAPTURE(b);
      const bool ok = (a * b) % 2 == 0;
      CHECK(allHold(v.preconditions, {{"s0", a}, {"s1", b}}) == ok);
      if (ok) CHECK(evalInt(d0, {{"s0", a}, {"s1", b}}) == (a * b) / 2);
    }
  ExprRef u0 = h.cx.symbol("u0"), u1 = h.cx.symbol("u1");
  OpOutcome c = h.run("torch.cat", {SymValue::list({h.tensor({u0, h.cx.intConst(1)}),
                                                      h.tensor({u1, h.cx.intConst(1)})},
                                                     true)});
  REQUIRE(c.value.isTensor());
  CHECK(evalInt(c.value.tensor()->dims[0], {{"u0", 3}, {"u1", 4}}) == 7);
  CHECK(c.value.tensor()->dims[1] == h.cx.intConst(1));
  OpOutcome bad = h.run("torch.cat", {SymValue::list({h.tensor({u0, h.cx.intConst(1)}),
                                                        h.tensor({u1, h.cx.intConst(2)})},
                                                       true)});
  CHECK_FALSE(allHold(bad.preconditions, {{"u0", 1}, {"u1", 1}}));
}

TEST_CASE("nonzero defines a fresh count 0 <= u <= numel(input)") {
  Harness h;
  ExprRef s0 = h.cx.symbol("s0");
  OpOutcome o = h.run("nonzero", {h.tensor({s0, h.cx.intConst(2)})}, {}, ir::NodeOp::CallMethod);
  REQUIRE(o.value.isTensor());
  ExprRef u = o.value.tensor()->dims[0];
  REQUIRE(u->isSymbol());
  CHECK(o.value.tensor()->dims[1] == h.cx.intConst(2));
  for (std::int64_t n = 0; n <= 3; ++n)
    for (std::int64_t k = -1; k <= 2 * n + 1; ++k) {
      CAPTURE(n);
      CAPTURE(k);
      CHECK(allHold(o.guarantees, {{"s0", n}, {u->name(), k}}) == (k >= 0 && k <= 2 * n));
    }
}

TEST_CASE("checks: conditions of every check form") {
  Harness h;
  ExprRef u0 = h.cx.symbol("u0");
  SymValue ge = SymValue::scalar(h.cx.ge(u0, h.cx.intConst(0)));
  CHECK(h.run("torch.ops.aten._assert_scalar.default", {ge}).condition == ge.expr());
  CHECK(h.run("torch._check", {ge}).condition == ge.expr());
  SymValue st = h.run("torch.ops.aten.scalar_tensor.default", {ge}).value;
  CHECK(h.run("torch.ops.aten._assert_async.msg", {st, SymValue::opaque()}).condition == ge.expr());
  CHECK(h.run("torch._check_is_size", {SymValue::scalar(u0)}).condition == ge.expr());
  OpOutcome opaque = h.run("torch.ops.aten._assert_async.msg",
                           {SymValue::tensor(TensorInfo::unknown("b8"))});
  CHECK(opaque.condition == nullptr);
  CHECK_FALSE(opaque.unsupported.empty());
}

TEST_CASE("arithmetic: floor semantics come from ir - divisors become preconditions") {
  Harness h;
  OpOutcome d = h.run("operator.floordiv", {h.sym("u0"), h.sym("u1")});
  REQUIRE(d.value.isInt());
  CHECK(evalInt(d.value.expr(), {{"u0", -7}, {"u1", 2}}) == -4);
  CHECK_FALSE(allHold(d.preconditions, {{"u0", 1}, {"u1", 0}}));
  OpOutcome m = h.run("operator.mod", {h.sym("u0"), h.i(-3)});
  CHECK(evalInt(m.value.expr(), {{"u0", 7}}) == -2);
  OpOutcome mx = h.run("torch.sym_max", {h.sym("u0"), h.i(3)});
  CHECK(evalInt(mx.value.expr(), {{"u0", 1}}) == 3);
  OpOutcome cl = h.run("torch.clamp", {h.sym("u0")}, {{"min", h.i(1)}});
  CHECK(evalInt(cl.value.expr(), {{"u0", -5}}) == 1);
}

namespace {

/// ATen's infer_size_impl (aten/src/ATen/InferSize.h), written out for concrete sizes: the
/// resulting shape, or nullopt where it raises.
std::optional<std::vector<std::int64_t>> atenInferSize(std::vector<std::int64_t> shape,
                                                       std::int64_t numel) {
  std::int64_t newsize = 1;
  std::optional<std::size_t> inferDim;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      if (inferDim) return std::nullopt;  // "only one dimension can be inferred"
      inferDim = d;
    } else if (shape[d] > -1) {
      newsize *= shape[d];
    } else {
      return std::nullopt;  // "invalid shape dimension"
    }
  }
  if (inferDim) {
    if (!((newsize > 0 && numel % newsize == 0) || numel == newsize)) return std::nullopt;
    if (newsize == 0) return std::nullopt;  // "the unspecified dimension size -1 ... ambiguous"
    shape[*inferDim] = numel / newsize;
    return shape;
  }
  if (numel != newsize) return std::nullopt;
  return shape;
}

/// ATen's inferExpandGeometry (aten/src/ATen/ExpandUtils.cpp) for concrete sizes, plus the
/// negative-size check of the result: the expanded shape, or nullopt where it raises.
std::optional<std::vector<std::int64_t>> atenExpand(const std::vector<std::int64_t>& in,
                                                    const std::vector<std::int64_t>& sizes) {
  if (sizes.size() < in.size()) return std::nullopt;
  std::vector<std::int64_t> out(sizes.size());
  const auto ndim = static_cast<std::int64_t>(sizes.size());
  const auto tdim = static_cast<std::int64_t>(in.size());
  for (std::int64_t i = ndim - 1; i >= 0; --i) {
    const std::int64_t dim = tdim - 1 - (ndim - 1 - i);
    std::int64_t size = dim >= 0 ? in[static_cast<std::size_t>(dim)] : 1;
    std::int64_t target = sizes[static_cast<std::size_t>(i)];
    if (target == -1) {
      if (dim < 0) return std::nullopt;  // "isn't allowed in a leading, non-existing dimension"
      target = size;
    }
    if (size != target) {
      if (size != 1) return std::nullopt;  // "must match the existing size"
      size = target;
    }
    if (size < 0) return std::nullopt;  // a negative size raises
    out[static_cast<std::size_t>(i)] = size;
  }
  return out;
}

/// The op's outcome against `expected` at one point: preconditions hold exactly where it
/// runs, and then every known dim is the expected one.
void agrees(const OpOutcome& o, const std::map<std::string, std::int64_t>& env,
            const std::optional<std::vector<std::int64_t>>& expected) {
  CHECK(allHold(o.preconditions, env) == expected.has_value());
  if (!expected) return;
  REQUIRE(o.value.isTensor());
  const auto& dims = o.value.tensor()->dims;
  REQUIRE(dims.size() == expected->size());
  for (std::size_t i = 0; i < dims.size(); ++i)
    if (dims[i]) CHECK(evalInt(dims[i], env) == (*expected)[i]);
}

}  // namespace

TEST_CASE("view: a symbolic size may be -1 at run time (InferSize.h), brute force") {
  Harness h;
  ExprRef s0 = h.cx.symbol("s0");
  SymValue u0 = h.sym("u0"), u1 = h.sym("u1");
  // x: f32[s0], view(x, [u0, 3]) and view(x, [u0, u1]) and view(x, [u0, -1])
  OpOutcome a = h.run("torch.ops.aten.view.default", {h.tensor({s0}), h.list({u0, h.i(3)})});
  OpOutcome b = h.run("torch.ops.aten.view.default", {h.tensor({s0}), h.list({u0, u1})});
  OpOutcome c = h.run("torch.ops.aten.reshape.default", {h.tensor({s0}), h.list({u0, h.i(-1)})});
  OpOutcome d = h.run("torch.ops.aten.view.default", {h.tensor({s0}), h.list({h.i(-1), h.i(-1)})});
  for (std::int64_t n = 0; n <= 13; ++n)
    for (std::int64_t x = -3; x <= 13; ++x) {
      CAPTURE(n);
      CAPTURE(x);
      agrees(a, {{"s0", n}, {"u0", x}}, atenInferSize({x, 3}, n));
      agrees(c, {{"s0", n}, {"u0", x}}, atenInferSize({x, -1}, n));
      for (std::int64_t y = -3; y <= 13; ++y) {
        CAPTURE(y);
        agrees(b, {{"s0", n}, {"u0", x}, {"u1", y}}, atenInferSize({x, y}, n));
      }
    }
  CHECK_FALSE(allHold(d.preconditions, {{"s0", 4}}));  // only one dimension can be inferred
}

TEST_CASE("expand: -1 keeps the dim, a symbolic size may be -1 (ExpandUtils.cpp), brute force") {
  Harness h;
  ExprRef s0 = h.cx.symbol("s0");
  SymValue u0 = h.sym("u0"), u1 = h.sym("u1");
  // x: f32[s0], expand(x, [u1, u0]) (a new leading dim) and expand(x, [2, -1])
  OpOutcome a = h.run("torch.ops.aten.expand.default", {h.tensor({s0}), h.list({u1, u0})});
  OpOutcome b = h.run("torch.ops.aten.expand.default", {h.tensor({s0}), h.list({h.i(2), h.i(-1)})});
  OpOutcome c = h.run("torch.ops.aten.expand.default", {h.tensor({s0}), h.list({h.i(-1), h.i(-1)})});
  for (std::int64_t n = 0; n <= 5; ++n) {
    CAPTURE(n);
    agrees(b, {{"s0", n}}, atenExpand({n}, {2, -1}));
    agrees(c, {{"s0", n}}, atenExpand({n}, {-1, -1}));
    for (std::int64_t x = -3; x <= 6; ++x)
      for (std::int64_t y = -3; y <= 3; ++y) {
        CAPTURE(x);
        CAPTURE(y);
        agrees(a, {{"s0", n}, {"u0", x}, {"u1", y}}, atenExpand({n}, {y, x}));
      }
  }
}

TEST_CASE("in-place ops are marked as mutating, unknown foo_ ops mutate sizes") {
  for (const char* t : {"torch.ops.aten.add_.Tensor", "torch.ops.aten.fill_.Scalar",
                        "torch.ops.aten.logical_not_.default", "torch.ops.aten.copy_.default",
                        "torch.ops.aten.index_put_.default"}) {
    ir::Node n("n", ir::NodeOp::CallFunction, t);
    const engine::OpSpec* s = engine::findOp(n);
    CAPTURE(t);
    REQUIRE(s != nullptr);
    CHECK(s->mutates == engine::Mutates::SelfValues);
    CHECK(s->effect == engine::OpEffect::Effect);
  }
  ir::Node r("r", ir::NodeOp::CallMethod, "resize_");
  REQUIRE(engine::findOp(r) != nullptr);
  CHECK(engine::findOp(r)->mutates == engine::Mutates::SelfValuesAndSizes);
  ir::Node u("u", ir::NodeOp::CallFunction, "torch.ops.mylib.frob_.default");
  CHECK(engine::findOp(u) == nullptr);
  CHECK(engine::unknownOpMutates(u) == engine::Mutates::SelfValuesAndSizes);
  ir::Node v("v", ir::NodeOp::CallFunction, "torch.ops.aten.linear.default");
  CHECK(engine::unknownOpMutates(v) == engine::Mutates::SelfValues);
  // every pure op may be removed only through its modelled preconditions; nothing else is pure
  for (const auto& s : engine::opTable())
    if (s.effect == engine::OpEffect::Pure) CHECK(s.raises == engine::Raises::OnPreconditions);
    else CHECK(s.raises == engine::Raises::Maybe);
}

TEST_CASE("what the analysis treats specially about an op is a field of its table entry") {
  struct Row {
    const char* target;
    engine::OpEffect effect;
    bool sizeLike, assertsArgument0;
    engine::Control control;
  };
  using E = engine::OpEffect;
  using C = engine::Control;
  const Row rows[] = {
      {"torch.ops.aten.sym_constrain_range_for_size.default", E::Constraint, true, false, C::None},
      {"torch.sym_constrain_range_for_size", E::Constraint, true, false, C::None},
      {"torch._constrain_as_size", E::Constraint, true, false, C::None},
      {"torch.ops.aten.sym_constrain_range.default", E::Constraint, false, false, C::None},
      {"torch._constrain_as_value", E::Constraint, false, false, C::None},
      {"torch.ops.aten._assert_scalar.default", E::Check, false, true, C::None},
      {"torch.ops.aten._assert_async.msg", E::Check, false, true, C::None},
      {"torch._check", E::Check, false, true, C::None},
      {"torch._assert", E::Check, false, false, C::None},
      {"torch._check_is_size", E::Check, false, false, C::None},
      {"torch.ops.higher_order.cond", E::Control, false, false, C::Cond},
      {"torch.ops.higher_order.wrap", E::Control, false, false, C::Wrap},
      {"operator.add", E::Pure, false, false, C::None},
  };
  for (const Row& r : rows) {
    ir::Node n("n", ir::NodeOp::CallFunction, r.target);
    const engine::OpSpec* s = engine::findOp(n);
    CAPTURE(r.target);
    REQUIRE(s != nullptr);
    CHECK(s->effect == r.effect);
    CHECK(s->sizeLike == r.sizeLike);
    CHECK(s->assertsArgument0 == r.assertsArgument0);
    CHECK(s->control == r.control);
  }
  // the properties belong to their kind of op
  for (const auto& s : engine::opTable()) {
    CAPTURE(s.key);
    if (s.sizeLike) CHECK(s.effect == E::Constraint);
    if (s.assertsArgument0) CHECK(s.effect == E::Check);
    CHECK((s.control != C::None) == (s.effect == E::Control));
  }
}

TEST_CASE("the semantics and input model enums read and print their CLI words") {
  for (auto c : {engine::ConstraintSemantics::Aten, engine::ConstraintSemantics::Range})
    CHECK(engine::parseConstraintSemantics(engine::toString(c)) == c);
  for (auto m : {engine::InputModel::Unchecked, engine::InputModel::Checked})
    CHECK(engine::parseInputModel(engine::toString(m)) == m);
  CHECK_FALSE(engine::parseConstraintSemantics("ATEN").has_value());
  CHECK_FALSE(engine::parseInputModel("").has_value());
}
