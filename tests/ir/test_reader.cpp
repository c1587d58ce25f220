// tests/ir/test_reader.cpp — the readers as specifications: what each printed form becomes
// (forms, eras, nodes, targets, arguments, annotations, trailers), located diagnostics for
// malformed inputs, and robustness against mutated inputs.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ir/ExprParser.h"
#include "ir/ExprPrinter.h"
#include "ir/GraphAlgo.h"
#include "ir/text/internal/PyArgs.h"
#include "ir/text/Reader.h"
#include "ir/text/Writer.h"

using namespace symrange::ir;

namespace {

std::string samplePath(const std::string& name) {
  return std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/samples/" + name + ".txt";
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<Program> readSample(const std::string& name) {
  return readProgramFile(samplePath(name));
}

Node& node(const Graph& g, const std::string& name) {
  Node* n = g.find(name);
  INFO("node " << name);
  REQUIRE(n != nullptr);
  return *n;
}

std::string exprOf(const Annotation& a) {
  if (a.kind == Annotation::Kind::Sym) return printExpr(a.sym);
  std::string s = a.dtype + "[";
  for (std::size_t i = 0; i < a.shape.size(); ++i) s += (i ? ", " : "") + printExpr(a.shape[i]);
  return s + "]";
}

const char* formName(Form f) {
  switch (f) {
    case Form::ExportedProgram: return "ExportedProgram";
    case Form::Readable: return "Readable";
    case Form::Code: return "Code";
    case Form::FxGraph: return "FxGraph";
  }
  return "?";
}

const char* eraName(Era e) {
  switch (e) {
    case Era::Torch21: return "2.1";
    case Era::Torch22: return "2.2";
    case Era::Torch24: return "2.4";
  }
  return "?";
}

}  // namespace

TEST_CASE("reader: form, era, graphs and node counts of every sample") {
  struct Case {
    std::string file;
    Form form;
    const char* era;  // nullptr: not asserted (no evidence in the text)
    std::size_t rootNodes;
    std::vector<std::string> paths;
  };
  const std::vector<Case> cases = {
      {"E01", Form::Code, "2.4", 13, {"forward"}},
      {"E02", Form::Code, "2.4", 13, {"forward"}},
      {"E03", Form::Readable, "2.4", 14, {"forward", "true_graph_0", "false_graph_0"}},
      {"E04", Form::Readable, nullptr, 10, {"forward", "true_graph_0", "false_graph_0"}},
      {"E05", Form::Code, "2.2", 8, {"forward"}},
      {"E06", Form::Code, nullptr, 5, {"forward"}},
      {"E07", Form::Readable, "2.4", 11, {"forward", "wrap_body_1", "wrap_body_1/wrap_body_0"}},
      {"E08", Form::Readable, "2.4", 12, {"forward", "wrap_body_1", "wrap_body_1/wrap_body_0"}},
      {"E09", Form::Readable, "2.4", 19, {"forward", "wrap_body_1", "wrap_body_1/wrap_body_0"}},
      {"E10", Form::Readable, "2.4", 16, {"forward", "wrap_body_1", "wrap_body_1/wrap_body_0"}},
      {"E11", Form::ExportedProgram, "2.4", 6, {"forward"}},
      {"E12", Form::ExportedProgram, "2.4", 12, {"forward"}},
      {"E13", Form::ExportedProgram, "2.4", 3, {"forward"}},
      {"E14", Form::FxGraph, "2.4", 19, {"forward"}},
      {"E15_1", Form::Readable, "2.1", 7, {"forward", "true_graph_0", "false_graph_0"}},
      {"E15_2", Form::Readable, "2.1", 7, {"forward", "true_graph_0", "false_graph_0"}},
      {"E16", Form::ExportedProgram, "2.1", 15, {"forward"}},
      {"E17", Form::FxGraph, nullptr, 12, {"forward"}},
      {"seed_1", Form::ExportedProgram, "2.1", 18, {"forward"}},
      {"seed_2", Form::ExportedProgram, "2.1", 12, {"forward"}},
      {"D01", Form::ExportedProgram, "2.1", 10, {"forward"}},
      {"D02", Form::ExportedProgram, "2.1", 15, {"forward"}},
      {"D03", Form::ExportedProgram, "2.2", 5, {"forward"}},
      {"D04", Form::ExportedProgram, "2.1", 3, {"forward"}},
      {"D05", Form::ExportedProgram, "2.1", 7, {"forward"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    auto p = readSample(c.file);
    CHECK(std::string(formName(p->form)) == formName(c.form));
    if (c.era) CHECK(std::string(eraName(p->era)) == c.era);
    CHECK(p->root->nodes().size() == c.rootNodes);
    std::vector<std::string> paths;
    for (const auto& gp : allGraphs(*p)) paths.push_back(gp.path);
    CHECK(paths == c.paths);
    // every graph ends with its output node and names are unique
    for (const auto& gp : allGraphs(*p)) {
      REQUIRE(!gp.graph->nodes().empty());
      CHECK(gp.graph->nodes().back()->op() == NodeOp::Output);
    }
  }
}

TEST_CASE("reader: readable form E03 — targets, arguments, Sym annotations, sub-graphs") {
  auto p = readSample("E03");
  ExprContext& ctx = p->exprs();
  const Graph& g = *p->root;
  Node& x = node(g, "x");
  CHECK(x.op() == NodeOp::Placeholder);
  REQUIRE(x.annotation);
  CHECK(exprOf(*x.annotation) == "f32[3, 3]");
  CHECK(node(g, "_guards_fn").op() == NodeOp::CallModule);
  Node& tg = node(g, "true_graph_0");
  CHECK(tg.op() == NodeOp::GetAttr);
  CHECK(tg.target() == "true_graph_0");
  Node& cond = node(g, "cond");
  CHECK(cond.target() == "torch.ops.higher_order.cond");
  REQUIRE(cond.args.size() == 4);
  CHECK(cond.args[0].node() == &node(g, "gt"));
  REQUIRE(cond.args[3].list());
  CHECK(cond.args[3].list()->tuple);
  CHECK(cond.args[3].list()->items.empty());
  Node& gi = node(g, "getitem_1");
  CHECK(gi.target() == "operator.getitem");
  CHECK(gi.args[0].node() == &cond);
  CHECK(gi.args[1].intValue() == 0);
  REQUIRE(gi.annotation);
  CHECK(gi.annotation->kind == Annotation::Kind::Sym);
  CHECK(gi.annotation->sym == ctx.symbol("u0"));
  Node& ge = node(g, "ge_1");
  CHECK(ge.target() == "operator.ge");
  CHECK(ge.annotation->sym == ctx.ge(ctx.symbol("u0"), ctx.intConst(0)));
  Node& as = node(g, "_assert_scalar_default");
  REQUIRE(as.args.size() == 2);
  CHECK(std::get<std::string>(as.args[1].value) ==
        "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");
  Node& sel = node(g, "select");
  CHECK(sel.inputs() == std::vector<Node*>{&x, &gi});
  const Node& out = *g.nodes().back();
  REQUIRE(out.args.size() == 1);
  REQUIRE(out.args[0].list());
  CHECK(out.args[0].list()->items[0].node() == &sel);
  Graph* t = g.subgraph("true_graph_0");
  REQUIRE(t);
  REQUIRE(t->nodes().size() == 1);
  CHECK(t->nodes()[0]->args[0].list()->items[0].intValue() == 0);
  CHECK(g.subgraph("false_graph_0")->nodes()[0]->args[0].list()->items[0].intValue() == 1);
}

TEST_CASE("reader: placeholder renames, method calls and nested wraps (E07, E10)") {
  auto p = readSample("E07");
  const Graph& g = *p->root;
  Node& lx = node(g, "l_x_");
  CHECK(lx.op() == NodeOp::Placeholder);
  CHECK(lx.target() == "L_x_");
  CHECK(exprOf(*lx.annotation) == "f32[s77]");
  CHECK(g.find("L_x_") == nullptr);
  Node& c = node(g, "c");
  CHECK(c.op() == NodeOp::CallMethod);
  CHECK(c.target() == "nonzero");
  CHECK(c.args.size() == 1);
  CHECK(c.args[0].node() == &lx);
  Graph* inner = g.subgraph("wrap_body_1")->subgraph("wrap_body_0");
  REQUIRE(inner);
  Node& u0 = node(*inner, "u0");
  CHECK(u0.annotation->sym == p->exprs().symbol("u0"));
  CHECK(node(*inner, "sin_1").args[0].node() == &node(*inner, "c"));

  auto q = readSample("E10");
  ExprContext& ctx = q->exprs();
  Node& x = node(*q->root, "x");
  CHECK(x.target() == "view");
  CHECK(x.args.size() == 3);
  CHECK(x.args[1].intValue() == -1);
  ExprRef s0s1 = ctx.mul(ctx.symbol("s0"), ctx.symbol("s1"));
  CHECK(x.annotation->shape.size() == 2);
  CHECK(x.annotation->shape[0] == ctx.floorDiv(s0s1, ctx.intConst(2)));
  Node& check = node(*q->root, "_check_is_size");
  CHECK(check.target() == "torch._check_is_size");
  CHECK(check.args[0].node() == &node(*q->root, "sym_size_int_1"));
}

TEST_CASE("reader: code form with pytree flatten/unflatten (E01)") {
  auto p = readSample("E01");
  const Graph& g = *p->root;
  Node& lx = node(g, "l_x_");
  CHECK(lx.op() == NodeOp::Placeholder);
  CHECK(lx.target() == "arg0");
  Node& le = node(g, "le");
  CHECK(le.target() == "operator.le");
  CHECK(le.args[0].node() == &node(g, "sym_size_int"));
  CHECK(le.args[1].intValue() == 2);
  Node& cond = node(g, "cond");
  REQUIRE(cond.args[3].list());
  CHECK_FALSE(cond.args[3].list()->tuple);
  CHECK(cond.args[3].list()->items[0].node() == &lx);
  const Node& out = *g.nodes().back();
  REQUIRE(out.args[0].list());
  CHECK_FALSE(out.args[0].list()->tuple);
  CHECK(out.args[0].list()->items[0].node() == &node(g, "getitem_4"));
  // the tails read are FX's last-use rule
  CHECK(le.style.hasTail);
  CHECK(le.style.tail == std::vector<const Node*>{&node(g, "sym_size_int")});
}

TEST_CASE("reader: torch 2.1 ExportedProgram (seed) — raw arguments, keywords, RangeConstraint") {
  auto p = readSample("seed_1");
  const Graph& g = *p->root;
  Node& full = node(g, "full");
  CHECK(full.target() == "torch.ops.aten.full.default");
  REQUIRE(full.args.size() == 2);
  REQUIRE(full.args[0].list());
  CHECK_FALSE(full.args[0].list()->tuple);
  CHECK(full.args[0].list()->items[0].node() == &node(g, "_local_scalar_dense"));
  CHECK(full.args[0].list()->items[1].intValue() == 5);
  REQUIRE(full.kwarg("dtype"));
  CHECK(std::get<Argument::Raw>(full.kwarg("dtype")->value).text == "torch.float32");
  CHECK(std::get<Argument::Raw>(full.kwarg("device")->value).text == "device(type='cpu')");
  CHECK(std::get<bool>(full.kwarg("pin_memory")->value) == false);
  CHECK(exprOf(*full.annotation) == "f32[i4, 5]");
  Node& scr = node(g, "sym_constrain_range_for_size");
  CHECK(scr.kwarg("min")->intValue() == 0);
  CHECK(scr.kwarg("max")->intValue() == 5);
  Node& aa = node(g, "_assert_async");
  CHECK(std::get<std::string>(aa.args[1].value) ==
        "_local_scalar_dense is outside of inline constraint [0, 5].");
  REQUIRE(p->rangeConstraints);
  CHECK(p->rangeConstraints->size() == 5);
  CHECK(p->rangeSpelling == RangeSpelling::RangeConstraint);
  const RangeEntry& i4 = p->rangeConstraints->back();
  CHECK(i4.symbol == p->exprs().symbol("i4"));
  CHECK(i4.lo == 2);
  CHECK(i4.hi == 5);
  REQUIRE(p->equalityConstraints);
  CHECK(p->equalityConstraints->empty());
  REQUIRE(p->graphSignature);
  CHECK(p->graphSignature->find("user_outputs=['full']") != std::string::npos);
  // the irregular indentation is kept per statement
  CHECK(node(g, "ge").style.indent == 16);
  CHECK(node(g, "scalar_tensor").style.indent == 12);
}

TEST_CASE("reader: range and equality constraints of every spelling") {
  struct Case {
    std::string file;
    std::string symbol;
    std::optional<std::int64_t> lo, hi;
    RangeSpelling spelling;
  };
  const std::vector<Case> cases = {
      {"E11", "u0", 0, std::nullopt, RangeSpelling::VR},
      {"E13", "s6", 0, std::nullopt, RangeSpelling::VR},
      {"E16", "s0", 2, std::nullopt, RangeSpelling::RangeConstraint},
      {"seed_2", "i0", 0, 5, RangeSpelling::RangeConstraint},
      {"D02", "s0", 2, std::nullopt, RangeSpelling::RangeConstraint},
      {"D03", "s0", 3, 6, RangeSpelling::ValueRanges},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    auto p = readSample(c.file);
    REQUIRE(p->rangeConstraints);
    REQUIRE(!p->rangeConstraints->empty());
    const RangeEntry& e = p->rangeConstraints->front();
    CHECK(printExpr(e.symbol) == c.symbol);
    CHECK(e.lo == c.lo);
    CHECK(e.hi == c.hi);
    CHECK(p->rangeSpelling == c.spelling);
  }
  auto p = readSample("E16");
  REQUIRE(p->equalityConstraints);
  REQUIRE(p->equalityConstraints->size() == 1);
  const DimEquality& eq = p->equalityConstraints->front();
  CHECK(eq.inputA == "arg5_1");
  CHECK(eq.dimA == 0);
  CHECK(eq.inputB == "arg6_1");
  CHECK(eq.dimB == 0);

  const char* text =
      "ExportedProgram:\n"
      "    class GraphModule(torch.nn.Module):\n"
      "        def forward(self, x: \"f32[s0]\"):\n"
      "            return (x,)\n"
      "Range constraints: {s0: VR[-int_oo, int_oo], u1: VR[-3, 9223372036854775807], "
      "u2: RangeConstraint(min_val=None, max_val=oo)}\n";
  auto q = readProgram(text, "ranges.txt");
  REQUIRE(q->rangeConstraints->size() == 3);
  const auto& r = *q->rangeConstraints;
  CHECK_FALSE(r[0].lo);
  CHECK_FALSE(r[0].hi);
  CHECK(r[1].lo == -3);
  CHECK_FALSE(r[1].hi);
  CHECK_FALSE(r[2].lo);
  CHECK_FALSE(r[2].hi);
}

TEST_CASE("reader: torch 2.2 docs (D03) — class at the header's column, ValueRanges, expression keys") {
  auto p = readSample("D03");
  CHECK(p->form == Form::ExportedProgram);
  CHECK(p->root->style.indent == 0);
  CHECK(exprOf(*node(*p->root, "arg1_1").annotation) == "f32[s0 + 1]");
  REQUIRE(p->graphSignature);
  REQUIRE(p->rangeConstraints);
  REQUIRE(p->rangeConstraints->size() == 2);
  const RangeEntry& derived = (*p->rangeConstraints)[1];
  ExprContext& cx = p->exprs();
  // the key stays the expression PyTorch printed (an input dim spelled `s0 + 1` matches it)
  CHECK(derived.symbol == cx.add(cx.symbol("s0"), cx.intConst(1)));
  CHECK(derived.symbol == node(*p->root, "arg1_1").annotation->shape[0]);
  CHECK(derived.lo == 4);
  CHECK(derived.hi == 7);
  CHECK_FALSE(derived.isBool);
  CHECK(p->rangeSpelling == RangeSpelling::ValueRanges);
  CHECK(writeProgram(*p) == readFile(samplePath("D03")));

  // every unbounded spelling of the era, and a boolean range
  const char* text =
      "ExportedProgram:\n"
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, x: \"f32[s0]\"):\n"
      "        return (x,)\n"
      "Range constraints: {s0: ValueRanges(lower=2, upper=oo, is_bool=False), "
      "2*s0: ValueRanges(lower=-oo, upper=int_oo, is_bool=False), "
      "s1: ValueRanges(lower=0, upper=9223372036854775806, is_bool=False), "
      "b0: ValueRanges(lower=False, upper=True, is_bool=True)}\n";
  auto q = readProgram(text, "valueranges.txt");
  REQUIRE(q->rangeConstraints->size() == 4);
  const auto& r = *q->rangeConstraints;
  CHECK(r[0].lo == 2);
  CHECK_FALSE(r[0].hi);
  CHECK(printExpr(r[1].symbol) == "2*s0");
  CHECK_FALSE(r[1].lo);
  CHECK_FALSE(r[1].hi);
  CHECK_FALSE(r[2].hi);
  CHECK(r[3].isBool);
  CHECK(r[3].lo == 0);
  CHECK(r[3].hi == 1);
  CHECK(writeProgram(*q) == text);
  // a malformed flag is located
  std::string bad = text;
  bad.replace(bad.find("is_bool=True"), 12, "is_bool=Maybe");
  CHECK_THROWS_WITH_AS((void)readProgram(bad, "bad.txt"),
                       doctest::Contains("expected 'is_bool=True' or 'is_bool=False'"), InputError);
}

TEST_CASE("reader: torch 2.1 docs (D01) — calls whose arguments span several lines") {
  auto p = readSample("D01");
  const Graph& g = *p->root;
  Node& conv = node(g, "convolution");
  CHECK(conv.target() == "torch.ops.aten.convolution.default");
  REQUIRE(conv.args.size() == 9);
  CHECK(conv.args[0].node() == &node(g, "arg2_1"));
  CHECK(conv.args[8].intValue() == 1);
  CHECK(conv.style.hasTail);
  Node& pool = node(g, "max_pool2d_with_indices");
  REQUIRE(pool.args.size() == 3);
  CHECK(pool.args[0].node() == &node(g, "relu"));
  CHECK_FALSE(pool.annotation);
  // printed back as it came, line breaks included
  CHECK(writeProgram(*p) == readFile(samplePath("D01")));
  // once its text no longer says what the node does, the statement is printed on one line
  node(g, "relu").setName("relu_9");
  std::string out = writeProgram(*p);
  CHECK(out.find("max_pool2d_with_indices = torch.ops.aten.max_pool2d_with_indices.default(relu_9, "
                 "[3, 3], [3, 3]);\n") != std::string::npos);
  CHECK(out.find("convolution: f32[1, 16, 256, 256] = torch.ops.aten.convolution.default(\n") !=
        std::string::npos);
}

TEST_CASE("reader: FX graph() dumps (E14 new spelling, E17 torch 2.1 spelling)") {
  auto p = readSample("E14");
  const Graph& g = *p->root;
  Node& lx = node(g, "l_x_");
  CHECK(lx.op() == NodeOp::Placeholder);
  CHECK(lx.target() == "L_x_");
  REQUIRE(lx.annotation);
  CHECK(lx.annotation->kind == Annotation::Kind::Other);
  CHECK(lx.annotation->text == "torch.distributed.tensor.DTensor");
  Node& max1 = node(g, "max_1");
  CHECK(max1.op() == NodeOp::CallMethod);
  CHECK(max1.target() == "max");
  CHECK(max1.args[0].node() == &lx);
  CHECK(node(g, "clamp").kwarg("min")->intValue() == 1);
  Node& item = node(g, "item");
  Node& gi = node(g, "getitem");
  REQUIRE(gi.args.size() == 2);
  const auto& slice = std::get<Argument::Raw>(gi.args[1].value);
  CHECK(slice.text == "slice(None, item, None)");
  CHECK(slice.refs == std::vector<Node*>{&item});
  CHECK(gi.inputs() == std::vector<Node*>{&lx, &item});
  Node& ga = node(g, "getattr_1");
  CHECK(ga.target() == "builtins.getattr");
  CHECK(std::get<std::string>(ga.args[1].value) == "_local_tensor");
  Node& as = node(g, "_assert_scalar_default");
  CHECK(std::get<std::string>(as.args[1].value) ==
        "Runtime assertion failed for expression u0 >= 1 on node 'ge_1'");
  UseDef ud(g);
  CHECK(ud.users(&gi).size() == 3);  // as printed: [num_users=3]

  auto q = readSample("E17");
  const Graph& h = *q->root;
  Node& ge = node(h, "ge");
  CHECK(ge.target() == "operator.ge");
  CHECK(ge.args[1].intValue() == 10);
  Node& aa = node(h, "_assert_async");
  CHECK(std::get<std::string>(aa.args[1].value) ==
        "_local_scalar_dense is outside of inline constraint [10, 200].");
  Node& scr = node(h, "sym_constrain_range");
  CHECK(scr.args[0].node() == &node(h, "_local_scalar_dense"));
  CHECK(scr.kwarg("min")->intValue() == 10);
  CHECK(scr.kwarg("max")->intValue() == 200);
  CHECK(node(h, "mul").style.leadingLines.size() == 2);  // a blank line and a comment
}

TEST_CASE("reader: statement spellings become canonical targets") {
  const char* text =
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, a: \"Sym(s0)\", b: \"Sym(s1)\", x: \"f32[s0, 2]\"):\n"
      "        neg: \"Sym(-s0)\" = -a\n"
      "        add: \"Sym(s0 + s1)\" = a + b\n"
      "        floordiv: \"Sym((s0//2))\" = a // 2\n"
      "        mod: \"Sym(PythonMod(s0, 3))\" = a % 3\n"
      "        mul: \"Sym(-2*s0)\" = -2 * a\n"
      "        ne: \"Sym(Ne(s0, s1))\" = a != b\n"
      "        sym_min: \"Sym(Min(s0, s1))\" = torch.sym_min(a, b)\n"
      "        view: \"f32[2*s0]\" = x.view(-1)\n"
      "        attr = x.shape\n"
      "        call = operator.add(a, b)\n"
      "        msg = torch.ops.aten._assert_scalar.default(ne, 'it\\'s \"quoted\"');  ne = msg = None\n"
      "        ln = len(x)\n"
      "        t = torch.ops.aten.full.default([a], 1.5, dtype=torch.float32)\n"
      "        return (neg, add, floordiv, mod, mul, sym_min, view, attr, call, ln, t)\n";
  auto p = readProgram(text, "spellings.txt");
  const Graph& g = *p->root;
  struct Case {
    const char* name;
    NodeOp op;
    const char* target;
    std::size_t args;
  };
  const std::vector<Case> cases = {
      {"neg", NodeOp::CallFunction, "operator.neg", 1},
      {"add", NodeOp::CallFunction, "operator.add", 2},
      {"floordiv", NodeOp::CallFunction, "operator.floordiv", 2},
      {"mod", NodeOp::CallFunction, "operator.mod", 2},
      {"mul", NodeOp::CallFunction, "operator.mul", 2},
      {"ne", NodeOp::CallFunction, "operator.ne", 2},
      {"sym_min", NodeOp::CallFunction, "torch.sym_min", 2},
      {"view", NodeOp::CallMethod, "view", 2},
      {"attr", NodeOp::CallFunction, "builtins.getattr", 2},
      {"call", NodeOp::CallFunction, "operator.add", 2},
      {"msg", NodeOp::CallFunction, "torch.ops.aten._assert_scalar.default", 2},
      {"ln", NodeOp::CallFunction, "builtins.len", 1},
      {"t", NodeOp::CallFunction, "torch.ops.aten.full.default", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    Node& n = node(g, c.name);
    CHECK(n.op() == c.op);
    CHECK(n.target() == c.target);
    CHECK(n.args.size() == c.args);
  }
  CHECK(node(g, "mul").args[0].intValue() == -2);
  CHECK(node(g, "mul").args[1].node() == &node(g, "a"));
  CHECK(std::get<std::string>(node(g, "msg").args[1].value) == "it's \"quoted\"");
  CHECK(std::get<double>(node(g, "t").args[1].value) == 1.5);
  CHECK(node(g, "neg").annotation->sym == p->exprs().neg(p->exprs().symbol("s0")));
  // printed back exactly, quote style and `k=v` spelling included
  CHECK(writeProgram(*p) == text);
}

TEST_CASE("reader: malformed inputs give located diagnostics") {
  const std::string head =
      "ExportedProgram:\n"
      "    class GraphModule(torch.nn.Module):\n"
      "        def forward(self, x0: \"i64[]\"):\n";
  struct Case {
    std::string text;
    int line, col;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"", 1, 1, "empty input"},
      {head + "            y = foo(x0\n", 4, 20, "unclosed '('"},
      {head + "            y = foo(x0]\n            return (y,)\n", 4, 23, "does not match"},
      {head + "            y = foo(x1)\n            return (y,)\n", 4, 21, "undefined name 'x1'"},
      {head + "            y = foo(x0)\n            y = foo(x0)\n            return (y,)\n", 5, 13,
       "duplicate node name 'y'"},
      {head + "            y: \"Sym(u0 +)\" = foo(x0)\n            return (y,)\n", 4, 25, ""},
      {head + "            y: \"f32[3\" = foo(x0)\n            return (y,)\n", 4, 20,
       "unknown annotation syntax"},
      {head + "            y: \"3 + x\" = foo(x0)\n            return (y,)\n", 4, 17,
       "unknown annotation syntax"},
      {head + "            y = foo('abc)\n            return (y,)\n", 4, 21, "unterminated string"},
      {head + "            y = foo(x0);  q = None\n            return (y,)\n", 4, 27,
       "undefined name 'q'"},
      {head + "            return (x0,)\n        z = 1\n", 5, 9, "statement outside any def"},
      {head + "            y = foo(x0)\n", 3, 9, "no 'return'"},
      {std::string("def forward(self, x):\n    y = x\xff\n"), 2, 10, "invalid UTF-8"},
      {std::string("def forward(self, x):\n    y = x\n") + std::string(1, '\0'), 3, 1, "NUL byte"},
      {head + "            y = foo(" + std::string(300, '(') + "x0" + std::string(300, ')') +
           ")\n            return (y,)\n",
       4, 277, "nested too deeply"},
      {"graph():\n    %y : [num_users=1] = call_function[target=f](args = (%q,), kwargs = {})\n", 2,
       58, "undefined name '%q'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    try {
      (void)readProgram(c.text, "bad.txt");
      FAIL("no error");
    } catch (const InputError& e) {
      std::string what = e.what();
      CAPTURE(what);
      CHECK(e.loc().file == "bad.txt");
      CHECK(e.loc().line == c.line);
      CHECK(e.loc().col == c.col);
      CHECK(std::string(e.what()).find(c.message) != std::string::npos);
      CHECK(std::string(e.what()).starts_with("bad.txt:" + std::to_string(c.line) + ":" +
                                              std::to_string(c.col) + ": error: "));
    }
  }
}

TEST_CASE("reader: mutated inputs never crash or hang (deterministic fuzz)") {
  std::mt19937 rng(12345);
  const std::vector<std::string> junk = {"(", ")", "[", "]", "\"", "'", ";", ":", "=", "%",
                                         "\n", " ", "Sym(", "\xff", std::string(1, '\0'), "#",
                                         ",", "  x = None", "return", "class X:", "def f():"};
  int parsed = 0, rejected = 0;
  for (std::string name : {"E01", "E03", "E07", "E14", "E16", "E17", "seed_1"}) {
    std::ifstream in(samplePath(name), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string original = ss.str();
    for (int i = 0; i < 150; ++i) {
      std::string text = original;
      int edits = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < edits && !text.empty(); ++k) {
        std::size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0: text.erase(at, 1 + rng() % 8); break;
          case 1: text.insert(at, junk[rng() % junk.size()]); break;
          default: text.resize(at); break;
        }
      }
      try {
        auto p = readProgram(text, "fuzz.txt");
        (void)writeProgram(*p);
        ++parsed;
      } catch (const InputError& e) {
        CHECK(std::string(e.what()).starts_with("fuzz.txt:"));
        ++rejected;
      }
    }
  }
  CHECK(parsed + rejected == 7 * 150);
  CHECK(rejected > 0);
}

// Its speed is measured by the benchmarks (benchmarks/), not asserted here: a timed unit test
// fails on a loaded machine.
TEST_CASE("reader: a 10^5-node program reads and prints back") {
  std::string text =
      "ExportedProgram:\n    class GraphModule(torch.nn.Module):\n"
      "        def forward(self, x0: \"i64[]\"):\n"
      "            item: \"Sym(u0)\" = torch.ops.aten.item.default(x0);  x0 = None\n";
  std::string prev = "item";
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    std::string name = "add_" + std::to_string(i);
    text += "            " + name + ": \"Sym(u0 + " + std::to_string(i + 1) + ")\" = " + prev +
            " + 1;  " + prev + " = None\n";
    prev = name;
  }
  text += "            return (" + prev + ",)\nRange constraints: {u0: VR[0, int_oo]}\n";
  auto p = readProgram(text, "big.txt");
  CHECK(p->root->nodes().size() == n + 3);
  CHECK(writeProgram(*p) == text);
}

TEST_CASE("values: Python's repr of strings and floats") {
  struct StrCase {
    std::string value;
    char quote;
    std::string expected;
  };
  const std::vector<StrCase> strs = {
      {"abc", 0, "'abc'"},
      {"it's", 0, "\"it's\""},
      {"it's \"x\"", 0, "'it\\'s \"x\"'"},
      {"a\nb\\", 0, "'a\\nb\\\\'"},
      {"tab\t", '"', "\"tab\\t\""},
      {std::string("\x01", 1), 0, "'\\x01'"},
  };
  for (const auto& c : strs) {
    CAPTURE(c.value);
    CHECK(pyRepr(c.value, c.quote) == c.expected);
  }
  struct FloatCase {
    double value;
    std::string expected;
  };
  const std::vector<FloatCase> floats = {
      {4.0, "4.0"},       {0.1, "0.1"},         {1e-05, "1e-05"},   {0.0001, "0.0001"},
      {1e16, "1e+16"},    {1e15, "1000000000000000.0"}, {-2.5, "-2.5"}, {123.456, "123.456"},
      {1.5e-07, "1.5e-07"}, {0.0, "0.0"},       {-0.0, "-0.0"},     {1e300, "1e+300"},
  };
  for (const auto& c : floats) {
    CAPTURE(c.expected);
    CHECK(pyFloatRepr(c.value) == c.expected);
  }
}
