// tests/engine/test_op_regressions.cpp — issue 13: op semantics true to ATen and Python. Each
// program under tests/fixtures/regressions/ops/ was written from the sources named next to its
// test case (and run in eager PyTorch where the behaviour is numeric); before the fix the engine
// removed a check that can fire, decided a branch the wrong way or deleted an op that can raise.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "engine/Engine.h"
#include "tests/engine/EngineChecks.h"
#include "ir/ExprPrinter.h"

using namespace symrange;
using solver::Verdict;

using symrange::testing::verdictOf;

namespace {

engine::Engine load(const char* name) {
  return engine::Engine::fromFile(std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/regressions/ops/" + name);
}


void expect(engine::Engine& e, const std::map<std::string, std::string>& want) {
  for (const auto& [node, v] : want) {
    CAPTURE(node);
    const engine::CheckResult* c = e.check(node);
    REQUIRE(c != nullptr);
    INFO("expr: " << (c->condition ? ir::printExpr(c->condition) : "?") << "  reason: " << c->answer.reason);
    CHECK(verdictOf(e, node.c_str()) == v);
  }
}

/// Not removed: any verdict but `redundant`.
void notRedundant(engine::Engine& e, std::initializer_list<const char*> nodes) {
  for (const char* n : nodes) {
    CAPTURE(n);
    CHECK(verdictOf(e, n) != std::string("redundant"));
  }
}

}  // namespace

// aten/src/ATen/InferSize.h, infer_size_impl: `if (sym_eq(shape[dim], -1)) { TORCH_CHECK(!infer_dim,
// "only one dimension can be inferred"); ...} else TORCH_MAYBE_SYM_CHECK(sym_gt(shape[dim], -1),
// "invalid shape dimension ")`, then `res[*infer_dim] = numel / newsize`. In eager PyTorch
// torch.zeros(12).view(-1, 3) has shape [4, 3]: u0 = -1 runs, so view(x: f32[12], [u0, 3]) gives
// neither u0 >= 0 nor u0 == 4, but dim 0 is 4 either way and u0 >= -1.
TEST_CASE("issue 13: view with a symbolic size that may be -1") {
  engine::Engine e = load("view_symbolic_minus_one.txt");
  expect(e, {{"_assert_scalar_default", "redundant"},      // u0 >= -1
             {"_assert_scalar_default_1", "redundant"},    // view.shape[0] == 4
             {"_assert_scalar_default_2", "required"},     // u0 == 4 (fires at u0 = -1)
             {"_assert_scalar_default_3", "redundant"}});  // u0 >= 0, after u0 == 4
  const engine::CheckResult* c = e.check("_assert_scalar_default_2");
  REQUIRE(c->answer.witness.count("u0"));
  CHECK(c->answer.witness.at("u0") == -1);
}

// Same source: with two symbolic entries one of them may be -1 ([-1, 3] and [6, -1] both run on
// 12 elements, products -3 and -6), but not both ("only one dimension can be inferred"), and
// 1 == 12 is impossible: u0*u1 != 1 always, u0*u1 == 12 not.
TEST_CASE("issue 13: view with two symbolic sizes, at most one -1") {
  engine::Engine e = load("view_two_symbolic_entries.txt");
  expect(e, {{"_assert_scalar_default", "redundant"}, {"_assert_scalar_default_1", "required"}});
}

// aten/src/ATen/ExpandUtils.cpp, inferExpandGeometry: `if (targetSize == -1) { TORCH_CHECK(dim >=
// 0, ...); targetSize = size; }` then `if (size != targetSize) { TORCH_CHECK(size == 1, "The
// expanded size of the tensor ... must match the existing size ...")`. torch.zeros(1, 3).expand(2,
// -1) has shape [2, 3]: expand(x: f32[1, 3], [2, u0]) gives dim 1 == 3 always, not u0 >= 0.
TEST_CASE("issue 13: expand keeps the existing dim for -1") {
  engine::Engine e = load("expand_symbolic_minus_one.txt");
  expect(e, {{"_assert_scalar_default", "redundant"},    // expand.shape[1] == 3
             {"_assert_scalar_default_1", "redundant"},  // u0 != 0
             {"_assert_scalar_default_2", "required"}});  // u0 >= 0 (fires at u0 = -1)
}

// Python floats are IEEE doubles: int(float(2**53 + 1)) == 2**53 (float() rounds to nearest
// even), float(2**53) == float(2**53 + 1) although the ints differ. Neither check may be proved by
// reasoning over the reals.
TEST_CASE("issue 13: float round trips and equal floats of different ints") {
  engine::Engine e = load("float_roundtrip.txt");
  notRedundant(e, {"_assert_scalar_default", "_assert_scalar_default_1", "_assert_scalar_default_2",
                   "_assert_scalar_default_3"});
}

// IEEE comparisons with NaN are all false (Python: float('nan') < 1.0 and >= 1.0 are both False),
// so the false branch of `cond(zuf0 < 1.0)` does not know zuf0 >= 1.0.
TEST_CASE("issue 13: NaN takes the false branch of a float predicate") {
  engine::Engine e = load("float_item_nan.txt");
  notRedundant(e, {"_assert_scalar_default"});
}

// Python: `1.0 / 0.0` raises ZeroDivisionError ("float division by zero"); int(float('nan'))
// raises ValueError and int(float('inf')) OverflowError. The checks using them are redundant
// (their other disjunct is known), but the division and the truncation, left dead, must stay.
TEST_CASE("issue 13: dead float division and sym_int are kept, they can raise") {
  engine::Engine e = load("float_dead_division.txt");
  expect(e, {{"_assert_scalar_default_1", "redundant"}, {"_assert_scalar_default_2", "redundant"}});
  e.optimize();
  const std::string out = e.print();
  INFO(out);
  CHECK(out.find("truediv") != std::string::npos);
  CHECK(out.find("sym_int") != std::string::npos);
  CHECK(out.find("_assert_scalar_default_1") == std::string::npos);
}

// Python floats compare as IEEE 754 doubles: with NaN every ordered comparison is false and
// `nan == nan` is False (Objects/floatobject.c, float_richcompare: `r = i < j` etc. on the C
// doubles). So `not (nan < 1.0)` is True while `nan >= 1.0` is False: torch prints sympy's
// negation `zuf0 >= 1.0` on the sym_not node, but the check of `ge` after it can fire, and so can
// `item == item`. The same comparison checked again (ge_1 after ge) is redundant. math.trunc(nan)
// raises ValueError and math.trunc(inf) OverflowError (float___trunc___impl calls
// PyLong_FromDouble): FX prints it `math_trunc(item)`, and the dead node stays.
TEST_CASE("issue 13: not(a < b) is not a >= b for floats, nan != nan, math_trunc can raise") {
  engine::Engine e = load("float_nan_negation.txt");
  notRedundant(e, {"_assert_scalar_default", "_assert_scalar_default_1", "_assert_scalar_default_2"});
  expect(e, {{"_assert_scalar_default_3", "redundant"}});
  e.optimize();
  const std::string out = e.print();
  INFO(out);
  CHECK(out.find("math_trunc(item)") != std::string::npos);
  CHECK(out.find("_assert_scalar_default_1") != std::string::npos);
}

// aten/src/ATen/native/native_functions.yaml: `logical_not_(Tensor(a!) self)` flips the
// predicate tensor in place (torch.tensor(True).logical_not_() is False): the cond must not be
// decided from `u0 > 0`, and the later `_assert_async` of the flipped tensor is not redundant.
TEST_CASE("issue 13: a cond predicate flipped in place is not decided from its old value") {
  engine::Engine e = load("inplace_cond_predicate_flipped.txt");
  const engine::BranchResult* b = e.branch("cond");
  REQUIRE(b != nullptr);
  CHECK(b->verdict != engine::CondVerdict::True);
  notRedundant(e, {"_assert_async_1"});
  CHECK(e.optimize().branchesPruned == 0);
}

// native_functions.yaml: `fill_.Scalar(Tensor(a!) self, Scalar value)` through a view writes the
// clamped tensor (c = x.clamp(0); c.view([1]).fill_(-5); c.item() == -5 in eager PyTorch);
// `resize_(Tensor(a!) self, SymInt[] size)` changes z's size; `add.out(..., Tensor(a!) out)`
// resizes `out` to the result (aten/src/ATen/native/Resize.cpp, resize_output).
TEST_CASE("issue 13: in-place ops change values through views, sizes by resize_ and out=") {
  engine::Engine e = load("inplace_values_and_sizes.txt");
  expect(e, {{"_assert_scalar_default", "required"},     // item of the refilled clamp >= 0
             {"_assert_scalar_default_1", "required"},   // z's size is still 4
             {"_assert_scalar_default_2", "redundant"}});  // w's size is the result's, 3
}

// torch.clamp(torch.tensor([float('nan')]), min=0) is tensor([nan]) (clamp keeps NaN,
// aten/src/ATen/native/cpu/TensorCompareKernel.cpp, clamp_scalar_kernel_impl: vec::minimum and
// vec::maximum propagate NaN), and in the
// `.code` form nothing says the tensor holds integers: item() may be NaN (fires `>= 0`) or 0.5
// (passes `> 0`, fires `>= 1`).
TEST_CASE("issue 13: an unknown dtype may hold floats, clamp keeps NaN") {
  engine::Engine e = load("code_form_clamp_floats.txt");
  notRedundant(e, {"_assert_scalar", "_assert_scalar_1", "_assert_scalar_2"});
}

// Python ints have no size limit (docs.python.org, "Numeric Types": "Integers have unlimited
// precision"), and PyTorch prints them as they are: `Sym(18446744073709551616*u0)` and
// `item * 18446744073709551616`. Before, the literal was rejected as malformed. Checked by
// CPython: 99999999999999999999999 // 2**64 == 5421, so after `2**64*u0 <= 99999999999999999999999`
// u0 <= 5421; u0 = 5422 fires it (2**64 * 5422 == 100016616210173589061632), u0 = 5421 fires
// `u0 <= 5420`. An int64 product would wrap (2**64 * u0 == 0 mod 2**64) and prove nonsense.
TEST_CASE("issue 13: integer literals beyond int64 are Python ints") {
  engine::Engine e = load("big_literals.txt");
  expect(e, {{"_assert_scalar_default", "required"},      // u0 >= 0 (fires at u0 = -1)
             {"_assert_scalar_default_1", "redundant"},   // 2**64*u0 >= 0, after u0 >= 0
             {"_assert_scalar_default_2", "required"},    // 2**64*u0 <= 99999999999999999999999
             {"_assert_scalar_default_3", "redundant"},   // u0 < 5422, after it
             {"_assert_scalar_default_4", "redundant"},   // u0 <= 99999999999999999999999
             {"_assert_scalar_default_5", "required"}});  // u0 <= 5420 (fires at u0 = 5421)
  const engine::CheckResult* c = e.check("_assert_scalar_default_2");
  REQUIRE(c->answer.witness.count("u0"));
  CHECK(c->answer.witness.at("u0") >= 5422);
  CHECK(ir::printExpr(c->condition) == "18446744073709551616*u0 <= 99999999999999999999999");
}
