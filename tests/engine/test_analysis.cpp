// tests/engine/test_analysis.cpp — verdicts of the analysis on small programs (BRIEF sections 2
// and 3): the seed, the soundness negatives (unbacked `Range constraints` entries are never
// premises), cond joins, op preconditions, unreachable code, and the rewrite's effect.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "engine/Engine.h"
#include "engine/internal/SymbolNamer.h"
#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"
#include "ir/text/Reader.h"
#include "tests/engine/EngineChecks.h"

using namespace symrange;
using solver::Verdict;

using symrange::testing::kProgramHeader;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sample(const char* name) {
  return readFile(std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/samples/" + name);
}

/// The check's condition evaluated at its witness (false means the witness makes it fire).
std::optional<bool> holdsAtWitness(const engine::CheckResult& c) {
  auto r = ir::evaluate(c.condition, [&](ir::ExprRef s) -> std::optional<ir::Value> {
    auto it = c.answer.witness.find(s->name());
    if (it == c.answer.witness.end()) return std::nullopt;
    return ir::Value::ofInt(it->second);
  });
  if (!r.value) return std::nullopt;
  return r.value->i != 0;
}

void expectVerdicts(engine::Engine& e, const std::map<std::string, Verdict>& want) {
  for (const auto& [node, v] : want) {
    const engine::CheckResult* c = e.check(node);
    CAPTURE(node);
    REQUIRE(c != nullptr);
    INFO("expr: " << (c->condition ? ir::printExpr(c->condition) : "?") << "  got: "
                  << solver::toString(c->verdict()) << "  reason: " << c->answer.reason);
    CHECK(std::string(solver::toString(c->verdict())) == solver::toString(v));
  }
}


}  // namespace

TEST_CASE("seed constrain_as_size_example: the full.shape[0] asserts go, the others stay") {
  engine::Engine e = engine::Engine::fromText(sample("seed_1.txt"), "seed_1.txt");
  expectVerdicts(e, {{"_assert_async", Verdict::Required},
                     {"_assert_async_1", Verdict::Required},
                     {"sym_constrain_range_for_size", Verdict::Redundant},
                     {"_assert_async_2", Verdict::Redundant},
                     {"_assert_async_3", Verdict::Redundant}});
  for (const char* n : {"_assert_async", "_assert_async_1"}) {
    const engine::CheckResult* c = e.check(n);
    CAPTURE(n);
    REQUIRE(c->condition != nullptr);
    CHECK(holdsAtWitness(*c) == std::optional<bool>(false));  // the witness makes it fire
  }
  auto r = e.range("i4");
  REQUIRE(r.has_value());
  CHECK(r->lo == std::optional<std::int64_t>(0));
  CHECK(r->hi == std::optional<std::int64_t>(5));
  e.optimize();
  const std::string out = e.print();
  CHECK(out.find("_assert_async_2") == std::string::npos);
  CHECK(out.find("_assert_async_3") == std::string::npos);
  CHECK(out.find("sym_size") == std::string::npos);
  CHECK(out.find("scalar_tensor_2") == std::string::npos);
  CHECK(out.find("_assert_async_1 =") != std::string::npos);
  CHECK(out.find("sym_constrain_range_for_size =") != std::string::npos);
  CHECK(out.find("i4: RangeConstraint(min_val=0, max_val=5)") != std::string::npos);
}

TEST_CASE("soundness: an unbacked Range constraints entry is not a premise") {
  std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x: "i64[]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x);  x = None
            ge: "Sym(u0 >= 0)" = item >= 0
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u0 >= 0 on node 'ge'");  ge = _assert_scalar_default = None
            le: "Sym(u0 <= 5)" = item <= 5
            _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression u0 <= 5 on node 'le'");  le = _assert_scalar_default_1 = None
            full: "f32[u0]" = torch.ops.aten.full.default([item], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False);  item = None
            return (full,)

Graph signature:
    x: USER_INPUT
    full: USER_OUTPUT
Range constraints: {u0: VR[0, 5]}
)P";
  engine::Engine e = engine::Engine::fromText(text, "trailer.txt");
  expectVerdicts(e, {{"_assert_scalar_default", Verdict::Required},
                     {"_assert_scalar_default_1", Verdict::Required}});
  auto r = e.range("u0");
  REQUIRE(r.has_value());
  CHECK(r->lo == std::optional<std::int64_t>(0));
  CHECK(r->hi == std::optional<std::int64_t>(5));
}

TEST_CASE("a backed Range constraints entry is a premise only under --inputs checked") {
  std::string body = R"P(        def forward(self, x: "f32[s0, 3]"):
            sym_size_int: "Sym(s0)" = torch.ops.aten.sym_size.int(x, 0)
            gt: "Sym(s0 > 4)" = sym_size_int > 4;  sym_size_int = None
            true_graph_0 = self.true_graph_0
            false_graph_0 = self.false_graph_0
            cond = torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, [x]);  gt = true_graph_0 = false_graph_0 = x = None
            getitem: "f32[s0, 3]" = cond[0];  cond = None
            return (getitem,)

        class true_graph_0(torch.nn.Module):
            def forward(self, x: "f32[s0, 3]"):
                cos: "f32[s0, 3]" = torch.ops.aten.cos.default(x);  x = None
                return (cos,)

        class false_graph_0(torch.nn.Module):
            def forward(self, x: "f32[s0, 3]"):
                sin: "f32[s0, 3]" = torch.ops.aten.sin.default(x);  x = None
                return (sin,)

Graph signature:
    x: USER_INPUT
    getitem: USER_OUTPUT
)P";
  engine::EngineOptions checked;
  checked.semantics.inputs = engine::InputModel::Checked;
  SUBCASE("s0 in [2, int_oo]: open") {
    engine::Engine e = engine::Engine::fromText(std::string(kProgramHeader) + body + "Range constraints: {s0: VR[2, int_oo]}\n", "a.txt", checked);
    REQUIRE(e.branch("cond") != nullptr);
    CHECK(std::string(engine::toString(e.branch("cond")->verdict)) == "open");
  }
  SUBCASE("s0 in [2, 4], unchecked (the default): open, nothing checks the bound") {
    engine::Engine e = engine::Engine::fromText(std::string(kProgramHeader) + body + "Range constraints: {s0: VR[2, 4]}\n", "u.txt");
    REQUIRE(e.branch("cond") != nullptr);
    CHECK(std::string(engine::toString(e.branch("cond")->verdict)) == "open");
  }
  SUBCASE("s0 in [2, 4], checked: false, the true branch goes") {
    engine::Engine e = engine::Engine::fromText(std::string(kProgramHeader) + body + "Range constraints: {s0: VR[2, 4]}\n", "b.txt", checked);
    REQUIRE(e.branch("cond") != nullptr);
    CHECK(std::string(engine::toString(e.branch("cond")->verdict)) == "false");
    e.optimize();
    const std::string out = e.print();
    CHECK(out.find("cos") == std::string::npos);
    CHECK(out.find("higher_order.cond") == std::string::npos);
    CHECK(out.find("torch.ops.aten.sin.default(x)") != std::string::npos);
    CHECK(out.find("return (sin,)") != std::string::npos);
  }
}

TEST_CASE("a cond decided only by an earlier sym_constrain_range is decided") {
  std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x: "i64[]", y: "f32[4]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x);  x = None
            sym_constrain_range = torch.ops.aten.sym_constrain_range.default(item, min = 2, max = 9)
            ge: "Sym(u0 >= 1)" = item >= 1;  item = None
            true_graph_0 = self.true_graph_0
            false_graph_0 = self.false_graph_0
            cond = torch.ops.higher_order.cond(ge, true_graph_0, false_graph_0, [y]);  ge = true_graph_0 = false_graph_0 = y = None
            getitem: "f32[4]" = cond[0];  cond = None
            return (getitem,)

        class true_graph_0(torch.nn.Module):
            def forward(self, y: "f32[4]"):
                sin: "f32[4]" = torch.ops.aten.sin.default(y);  y = None
                return (sin,)

        class false_graph_0(torch.nn.Module):
            def forward(self, y: "f32[4]"):
                cos: "f32[4]" = torch.ops.aten.cos.default(y);  y = None
                return (cos,)

Graph signature:
    x: USER_INPUT
    y: USER_INPUT
    getitem: USER_OUTPUT
Range constraints: {u0: VR[2, 9]}
)P";
  engine::Engine e = engine::Engine::fromText(text, "c.txt");
  expectVerdicts(e, {{"sym_constrain_range", Verdict::Required}});
  REQUIRE(e.branch("cond") != nullptr);
  CHECK(std::string(engine::toString(e.branch("cond")->verdict)) == "true");
  e.optimize();
  const std::string out = e.print();
  CHECK(out.find("cos") == std::string::npos);
  CHECK(out.find("sym_constrain_range") != std::string::npos);
  CHECK(out.find("return (sin,)") != std::string::npos);
}

TEST_CASE("after a cond: a branch that always fails tells the code after it the other ran") {
  std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x: "i64[]", y: "f32[4]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x);  x = None
            ge: "Sym(u0 >= 0)" = item >= 0
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u0 >= 0 on node 'ge'");  ge = None
            gt: "Sym(u0 > 3)" = item > 3
            true_graph_0 = self.true_graph_0
            false_graph_0 = self.false_graph_0
            cond = torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, [y, item]);  gt = true_graph_0 = false_graph_0 = y = None
            getitem: "f32[4]" = cond[0];  cond = None
            le: "Sym(u0 <= 3)" = item <= 3;  item = None
            _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression u0 <= 3 on node 'le'");  le = None
            return (getitem,)

        class true_graph_0(torch.nn.Module):
            def forward(self, y: "f32[4]", item: "Sym(u0)"):
                lt: "Sym(u0 < 0)" = item < 0;  item = None
                _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(lt, "Runtime assertion failed for expression u0 < 0 on node 'lt'");  lt = None
                sin: "f32[4]" = torch.ops.aten.sin.default(y);  y = None
                return (sin,)

        class false_graph_0(torch.nn.Module):
            def forward(self, y: "f32[4]", item: "Sym(u0)"):
                cos: "f32[4]" = torch.ops.aten.cos.default(y);  y = None
                return (cos,)

Graph signature:
    x: USER_INPUT
    y: USER_INPUT
    getitem: USER_OUTPUT
Range constraints: {u0: VR[0, 3]}
)P";
  engine::Engine e = engine::Engine::fromText(text, "join.txt");
  expectVerdicts(e, {{"_assert_scalar_default", Verdict::Required},
                     {"_assert_scalar_default_1", Verdict::Fails},
                     {"_assert_scalar_default_2", Verdict::Redundant}});
  REQUIRE(e.branch("cond") != nullptr);
  CHECK(std::string(engine::toString(e.branch("cond")->verdict)) == "open");
  CHECK(e.analyze().anyFails());
  CHECK(e.check("_assert_scalar_default_1")->graph == "true_graph_0");
}

TEST_CASE("op preconditions are facts: a divisor is non-zero, full sizes are >= 0") {
  std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x0: "i64[]", x1: "i64[]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x0);  x0 = None
            item_1: "Sym(u1)" = torch.ops.aten.item.default(x1);  x1 = None
            floordiv: "Sym((u0//u1))" = item // item_1
            ne: "Sym(Ne(u1, 0))" = item_1 != 0
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ne, "Runtime assertion failed for expression Ne(u1, 0) on node 'ne'");  ne = None
            full: "f32[u0]" = torch.ops.aten.full.default([item], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False)
            ge: "Sym(u0 >= 0)" = item >= 0
            _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u0 >= 0 on node 'ge'");  ge = None
            lt: "Sym(u0 < 0)" = item < 0;  item = None
            _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(lt, "Runtime assertion failed for expression u0 < 0 on node 'lt'");  lt = None
            ge_1: "Sym(u1 >= 7)" = item_1 >= 7;  item_1 = None
            _assert_scalar_default_3 = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u1 >= 7 on node 'ge_1'");  ge_1 = None
            return (full, floordiv)

Graph signature:
    x0: USER_INPUT
    x1: USER_INPUT
    full: USER_OUTPUT
Range constraints: {u0: VR[0, int_oo], u1: VR[-int_oo, int_oo]}
)P";
  engine::Engine e = engine::Engine::fromText(text, "pre.txt");
  expectVerdicts(e, {{"_assert_scalar_default", Verdict::Redundant},
                     {"_assert_scalar_default_1", Verdict::Redundant},
                     {"_assert_scalar_default_2", Verdict::Fails},
                     {"_assert_scalar_default_3", Verdict::Unreachable}});
  const engine::CheckResult* c = e.check("_assert_scalar_default");
  REQUIRE(c != nullptr);
  CHECK(std::find(c->answer.because.begin(), c->answer.because.end(), "floordiv") !=
        c->answer.because.end());
}

TEST_CASE("annotations only name fresh symbols - a disagreeing one is a warning") {
  std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x: "i64[]"):
            item: "Sym(u7)" = torch.ops.aten.item.default(x);  x = None
            add: "Sym(u7 + 2)" = item + 1
            ge: "Sym(u7 + 2 >= 1)" = add >= 1;  add = None
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u7 + 2 >= 1 on node 'ge'");  ge = None
            return (item,)

Graph signature:
    x: USER_INPUT
)P";
  engine::Engine e = engine::Engine::fromText(text, "warn.txt");
  const auto& a = e.analyze();
  REQUIRE(e.check("_assert_scalar_default") != nullptr);
  // the data flow (u7 + 1 >= 1) wins over the annotation (u7 + 2 >= 1): they differ at u7 = -1
  engine::CheckResult c = *e.check("_assert_scalar_default");
  c.answer.witness = {{"u7", -1}};
  CHECK(holdsAtWitness(c) == std::optional<bool>(false));
  bool warned = false;
  for (const auto& w : a.warnings) warned = warned || w.node == "add";
  CHECK(warned);
  CHECK(e.range("u7").has_value());
}

TEST_CASE("inlining a branch that holds a cond: clashing names and attributes are renamed") {
  // The outer cond (u0 >= -1) is true; its live branch holds an open cond whose sub-graphs are
  // also called true_graph_0/false_graph_0 and nodes named like the parent's (sin, cond, ...).
  const std::string text = R"P(ExportedProgram:
    class GraphModule(torch.nn.Module):
        def forward(self, x: "i64[]", y: "f32[4]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x);  x = None
            ge: "Sym(u0 >= 0)" = item >= 0
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u0 >= 0 on node 'ge'");  ge = None
            sin: "f32[4]" = torch.ops.aten.sin.default(y)
            ge_1: "Sym(u0 >= -1)" = item >= -1
            true_graph_0 = self.true_graph_0
            false_graph_0 = self.false_graph_0
            cond = torch.ops.higher_order.cond(ge_1, true_graph_0, false_graph_0, [sin, item]);  ge_1 = true_graph_0 = false_graph_0 = None
            getitem: "f32[4]" = cond[0]
            getitem_1: "Sym(u1)" = cond[1];  cond = None
            le: "Sym(u1 <= 10)" = getitem_1 <= 10
            _assert_scalar_default_3 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression u1 <= 10 on node 'le'");  le = None
            return (getitem, getitem_1)

        class true_graph_0(torch.nn.Module):
            def forward(self, sin: "f32[4]", item: "Sym(u0)"):
                gt: "Sym(u0 > 3)" = item > 3
                true_graph_0 = self.true_graph_0
                false_graph_0 = self.false_graph_0
                cond = torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, [sin, item]);  gt = true_graph_0 = false_graph_0 = None
                getitem: "f32[4]" = cond[0]
                getitem_1: "Sym(u2)" = cond[1];  cond = None
                ge_2: "Sym(u2 >= 0)" = getitem_1 >= 0
                _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u2 >= 0 on node 'ge_2'");  ge_2 = None
                sin_1: "f32[4]" = torch.ops.aten.sin.default(getitem);  getitem = None
                return (sin_1, getitem_1)

            class true_graph_0(torch.nn.Module):
                def forward(self, sin: "f32[4]", item: "Sym(u0)"):
                    cos: "f32[4]" = torch.ops.aten.cos.default(sin);  sin = None
                    return (cos, 1)

            class false_graph_0(torch.nn.Module):
                def forward(self, sin: "f32[4]", item: "Sym(u0)"):
                    add: "Sym(u0 + 2)" = item + 2;  item = None
                    return (sin, add)

        class false_graph_0(torch.nn.Module):
            def forward(self, sin: "f32[4]", item: "Sym(u0)"):
                _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(False, "never");  
                return (sin, 0)

Graph signature:
    x: USER_INPUT
    y: USER_INPUT
    getitem: USER_OUTPUT
    getitem_1: USER_OUTPUT
Range constraints: {u0: VR[0, int_oo], u1: VR[0, int_oo]}
)P";
  engine::Engine e = engine::Engine::fromText(text, "nested.txt");
  REQUIRE(e.branch("cond", "forward") != nullptr);
  CHECK(std::string(engine::toString(e.branch("cond", "forward")->verdict)) == "true");
  CHECK(std::string(engine::toString(e.branch("cond", "true_graph_0")->verdict)) == "open");
  expectVerdicts(e, {{"_assert_scalar_default", Verdict::Required},
                     {"_assert_scalar_default_1", Verdict::Redundant},  // u2 in {1, u0 + 2}, u0 >= 0
                     {"_assert_scalar_default_2", Verdict::Unreachable},
                     {"_assert_scalar_default_3", Verdict::Redundant}});  // u2 <= 5: u0 <= 3 there
  CHECK(e.analyze().warnings.empty());  // `Sym(u1)` is PyTorch's fresh name, not a mismatch
  const auto& s = e.optimize();
  CHECK(s.branchesPruned == 1);
  const std::string out = e.print();
  INFO(out);
  CHECK(out.find("self.true_graph_1") != std::string::npos);
  CHECK(out.find("class true_graph_1") != std::string::npos);
  CHECK(out.find("sin_1: \"f32[4]\" = torch.ops.aten.sin.default(getitem_2)") != std::string::npos);
  CHECK(out.find("false_graph_0") == std::string::npos);
  // the result reads back and analyses the same way
  engine::Engine again = engine::Engine::fromText(out, "nested_out.txt");
  REQUIRE(again.branch("cond_1") != nullptr);
  CHECK(std::string(engine::toString(again.branch("cond_1")->verdict)) == "open");
  CHECK(std::string(solver::toString(again.check("_assert_scalar_default")->verdict())) == "required");
}

TEST_CASE("library API: a program built through ir/ (no text) is analysed and rewritten") {
  auto p = std::make_unique<ir::Program>();
  p->form = ir::Form::Code;
  p->root = std::make_unique<ir::Graph>("forward");
  ir::Graph& g = *p->root;
  auto node = [&](const char* name, ir::NodeOp op, const char* target,
                  std::vector<ir::Argument> args) -> ir::Node& {
    auto n = std::make_unique<ir::Node>(name, op, target);
    n->args = std::move(args);
    return g.append(std::move(n));
  };
  auto ref = [](ir::Node& n) { return ir::Argument{&n}; };
  auto num = [](std::int64_t v) { return ir::Argument{v}; };
  ir::Node& x = node("x", ir::NodeOp::Placeholder, "x", {});
  // an integer tensor: without a dtype its item() could be a float (NaN, 0.5), and then
  // neither check would be decided
  x.annotation = ir::Annotation{};
  x.annotation->kind = ir::Annotation::Kind::Tensor;
  x.annotation->dtype = "i64";
  x.annotation->text = "i64[]";
  ir::Node& item = node("item", ir::NodeOp::CallMethod, "item", {ref(x)});
  ir::Node& ge = node("ge", ir::NodeOp::CallFunction, "operator.ge", {ref(item), num(0)});
  node("check_ge", ir::NodeOp::CallFunction, "torch._check", {ref(ge)});
  ir::Node& add = node("add", ir::NodeOp::CallFunction, "operator.add", {ref(item), num(3)});
  ir::Node& gt = node("gt", ir::NodeOp::CallFunction, "operator.gt", {ref(add), num(2)});
  node("check_gt", ir::NodeOp::CallFunction, "torch._check", {ref(gt)});
  ir::Argument::List outs;
  outs.tuple = true;
  outs.items.push_back(ref(add));
  node("output", ir::NodeOp::Output, "output", {ir::Argument{outs}});

  engine::Engine e(std::move(p));
  expectVerdicts(e, {{"check_ge", Verdict::Required}, {"check_gt", Verdict::Redundant}});
  CHECK(e.explain("check_gt").find("redundant") != std::string::npos);
  auto r = e.range("u0");  // the invented name of item's fresh symbol
  REQUIRE(r.has_value());
  CHECK(r->lo == std::optional<std::int64_t>(0));
  const auto& s = e.optimize();
  CHECK(s.checksRemoved == 1);
  CHECK(e.program().root->find("check_gt") == nullptr);
  CHECK(e.program().root->find("gt") == nullptr);  // left dead by the removal
  CHECK(e.program().root->find("check_ge") != nullptr);
  CHECK(e.report("built")["summary"]["redundant"] == 1);
}

// Regression (30-minute differential campaign, seed 100821): after `cond(u0 < 2, ...)` whose
// false branch computes `u0 // u0`, the join fact is `(u0 < 2) ∨ (... u0 // u0 ...)`. Facts were
// required to be defined as a whole, so the untaken branch's division forced u0 != 0 and the
// later predicate Eq(u2 // -1, u0) was "decided" false although u0 = 0 makes it true: the live
// branch was pruned. A disjunction now holds where one operand is defined and true.
TEST_CASE("a division in an untaken branch does not constrain the code after the cond") {
  engine::Engine e = engine::Engine::fromFile(std::string(SYMRANGE_SOURCE_DIR) +
                                              "/tests/fixtures/regressions/cond_join_branch_only_division.txt");
  const engine::BranchResult* b = e.branch("cond_4");
  REQUIRE(b != nullptr);
  CHECK(b->verdict == engine::CondVerdict::Open);
  CHECK(b->answer.witness.size() > 0);
  // and the facts admit the execution that takes the true branch: u0 = 0 = u2
  CHECK(e.optimize().branchesPruned == 0);
}

// Regression (generator with reference points, seed 218): cond predicates on (u0 + 5)*u0^4 sent
// Z3 4.8 into a nonlinear loop that ignores the resource limit. The safety net
// (Budget::safetyNetMillis) must stop it: the analysis ends and the conds stay undecided.
TEST_CASE("a degree-5 cond predicate does not hang the analysis") {
  engine::Engine e = engine::Engine::fromFile(std::string(SYMRANGE_SOURCE_DIR) +
                                              "/tests/fixtures/regressions/z3_loop_quintic.txt");
  const engine::AnalysisResult& a = e.analyze();
  REQUIRE(a.branches.size() == 3);
  for (const auto& b : a.branches) CHECK(b.verdict != engine::CondVerdict::Unreachable);
}

// Regression (found reading Rewrite for speed): a pruned cond's getitem named inside a Raw
// argument (`slice(None, getitem_1, None)`) was left pointing at the erased node, and the
// output printed a name that no longer existed. Raw references are rewired like the others;
// when the branch output is a constant, which a Raw text cannot name, the cond is kept.
TEST_CASE("inlining a cond rewires its outputs named inside Raw arguments") {
  const std::string path =
      std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/regressions/inline_cond_output_named_in_raw.txt";
  {
    engine::Engine e = engine::Engine::fromFile(path);
    CHECK(e.optimize().branchesPruned == 1);
    const std::string out = e.print();
    INFO(out);
    CHECK(out.find("add: \"Sym(u0 + 2)\" = item + 2") != std::string::npos);
    CHECK(out.find("[slice(None, add, None)]") != std::string::npos);
    CHECK(out.find("getitem_1") == std::string::npos);
    engine::Engine again = engine::Engine::fromText(out, "raw_out.txt");  // reads back
    CHECK(again.analyze().branches.empty());
  }
  {
    std::string text = readFile(path);
    const std::string from = "return (sin, add)";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), "return (sin, 3)");
    engine::Engine e = engine::Engine::fromText(text, "raw_const.txt");
    REQUIRE(e.branch("cond") != nullptr);
    CHECK(std::string(engine::toString(e.branch("cond")->verdict)) == "true");
    CHECK(e.optimize().branchesPruned == 0);
    CHECK(e.print().find("[slice(None, getitem_1, None)]") != std::string::npos);
  }
}

TEST_CASE("display names: symbols sharing a source are shown as it, then #2, #3, ...") {
  ir::Program p;
  p.root = std::make_unique<ir::Graph>("forward");
  engine::SymbolNamer namer(p);
  namer.setSource("x.shape[0]");
  std::vector<ir::ExprRef> made;
  for (int i = 0; i < 5; ++i) made.push_back(namer.fresh(ir::ExprType::Int, nullptr));
  namer.setSource("y");
  made.push_back(namer.fresh(ir::ExprType::Int, nullptr));
  const auto shown = namer.displayNames(p, {});
  REQUIRE(shown.size() == 6);
  const std::vector<std::string> expected{"x.shape[0]",   "x.shape[0]#2", "x.shape[0]#3",
                                          "x.shape[0]#4", "x.shape[0]#5", "y"};
  for (std::size_t i = 0; i < shown.size(); ++i) {
    CHECK(shown[i].first == made[i]->name());
    CHECK(shown[i].second == expected[i]);
  }
}
