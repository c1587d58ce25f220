// tests/engine/test_public_api.cpp — the installed API (include/symrange/symrange.h): its
// answers are the engine's (every check of every sample and the bundled example), errors carry
// their place, unknown names give empty answers, and custom-op semantics (docs/custom-ops.md)
// decide what an opaque op could not.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <symrange/symrange.h>

#include "engine/Engine.h"
#include "engine/ops/CustomOps.h"

namespace fs = std::filesystem;

namespace {

const std::string kExample = std::string(SYMRANGE_SOURCE_DIR) + "/examples/constrain_as_size_example.txt";

/// `torch.ops.mylib.count.default(x, item)` returns an int the program then checks twice; with
/// `withDeadCall`, a call before it whose result only a third check reads (dead once it goes).
std::string customOpProgram(bool withDeadCall) {
  return std::string(
             "ExportedProgram:\n"
             "    class GraphModule(torch.nn.Module):\n"
             "        def forward(self, x: \"i64[]\"):\n"
             "            item: \"Sym(u0)\" = torch.ops.aten.item.default(x)\n") +
         (withDeadCall ? "            dead: \"Sym(u2)\" = torch.ops.mylib.count.default(x, item)\n"
                         "            ge_2: \"Sym(u2 >= 0)\" = dead >= 0\n"
                         "            _assert_scalar_2 = torch.ops.aten._assert_scalar.default(ge_2, \"u2 >= 0\")\n"
                       : "") +
         "            count: \"Sym(u1)\" = torch.ops.mylib.count.default(x, item)\n"
         "            ge: \"Sym(u1 >= 0)\" = count >= 0\n"
         "            _assert_scalar = torch.ops.aten._assert_scalar.default(ge, \"u1 >= 0\")\n"
         "            le: \"Sym(u1 <= u0)\" = count <= item\n"
         "            _assert_scalar_1 = torch.ops.aten._assert_scalar.default(le, \"u1 <= u0\")\n"
         "            return (count,)\n"
         "\n"
         "Graph signature:\n"
         "    x: USER_INPUT\n"
         "Range constraints: {}\n";
}

symrange::OpSemantics countOp() {
  symrange::OpSemantics op;
  op.target = "torch.ops.mylib.count.default";
  op.returns = "int";
  op.guarantees = {"result >= 0", "result <= arg1"};
  return op;
}

std::string verdict(symrange::Program& p, const char* node) {
  auto c = p.check(node);
  REQUIRE_MESSAGE(c.has_value(), node);
  return symrange::toString(c->verdict);
}

}  // namespace

TEST_CASE("public api: verdicts, evidence and ranges are the engine's on every sample") {
  std::vector<std::string> files{kExample};
  for (const auto& e : fs::directory_iterator(std::string(SYMRANGE_SOURCE_DIR) + "/tests/fixtures/samples"))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  CHECK(files.size() > 10);
  for (const std::string& f : files) {
    INFO(f);
    symrange::Program p = symrange::Program::load(f);
    symrange::engine::Engine e = symrange::engine::Engine::fromFile(f);
    const auto& a = e.analyze();
    REQUIRE(p.checks().size() == a.checks.size());
    for (std::size_t i = 0; i < a.checks.size(); ++i) {
      const symrange::Check& c = p.checks()[i];
      CHECK(c.node == a.checks[i].name);
      CHECK(std::string(symrange::toString(c.verdict)) == symrange::solver::toString(a.checks[i].verdict()));
      CHECK(c.because == a.checks[i].answer.because);
      CHECK(c.witness.size() == a.checks[i].answer.witness.size());
      CHECK(c.removable == a.checks[i].removable());
      CHECK(c.location.line == a.checks[i].loc.line);
      CHECK(p.explain(c.node) == e.explain(c.node));
    }
    REQUIRE(p.branches().size() == a.branches.size());
    for (std::size_t i = 0; i < a.branches.size(); ++i)
      CHECK(std::string(symrange::toString(p.branches()[i].decision)) == symrange::engine::toString(a.branches[i].verdict));
    CHECK(p.ranges().size() == a.ranges.size());
    CHECK(p.anyFails() == a.anyFails());
  }
}

TEST_CASE("public api: the bundled example, optimize, text, save, unknown names") {
  symrange::Program p = symrange::Program::load(kExample);
  const auto c = p.check("_assert_async_2");
  REQUIRE(c);
  CHECK(c->verdict == symrange::Verdict::Redundant);
  CHECK(c->condition == "i4 >= 0");
  CHECK_FALSE(c->because.empty());
  CHECK(c->removable);
  CHECK(c->location.line > 0);
  const auto r = p.range("i4");
  REQUIRE(r);
  CHECK(r->lo == 0);
  CHECK(r->hi == 5);
  CHECK(p.explain("no_such_node").empty());
  CHECK_FALSE(p.check("no_such_node"));
  CHECK_FALSE(p.range("no_such_symbol"));

  symrange::Program moved = std::move(p);
  const std::string before = moved.text();
  const symrange::Rewrite s = moved.optimize();
  CHECK(s.checksRemoved == 2);
  CHECK(s.nodesOut < s.nodesIn);
  CHECK(moved.text() != before);
  CHECK(moved.text().find("_assert_async_2") == std::string::npos);
  CHECK(moved.report().find("\"schema_version\"") != std::string::npos);

  const fs::path out = fs::temp_directory_path() / "symrange_public_api_save.txt";
  moved.save(out.string());
  std::ifstream in(out);
  std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(saved == moved.text());
  fs::remove(out);
  CHECK_THROWS_AS(moved.save("/nonexistent-dir/x.txt"), symrange::Error);
}

TEST_CASE("public api: bad input throws symrange::Error with its place") {
  try {
    (void)symrange::Program::parse("ExportedProgram:\n    class GraphModule(torch.nn.Module):\n  @@@\n",
                                   "bad.txt");
    FAIL("no error");
  } catch (const symrange::Error& e) {
    CHECK(e.file() == "bad.txt");
    CHECK(e.line() >= 1);
    CHECK(std::string(e.what()).rfind("bad.txt:", 0) == 0);
  }
  CHECK_THROWS_AS((void)symrange::Program::load("/nonexistent/model.txt"), symrange::Error);
  CHECK(std::string(SYMRANGE_VERSION).find('.') != std::string::npos);
}

TEST_CASE("custom ops: an opaque op proves nothing; its declared guarantees decide the checks") {
  symrange::Program opaque = symrange::Program::parse(customOpProgram(false), "custom.txt");
  CHECK(verdict(opaque, "_assert_scalar") == "required");
  CHECK(verdict(opaque, "_assert_scalar_1") == "required");

  symrange::Options o;
  o.customOps = {countOp()};
  symrange::Program known = symrange::Program::parse(customOpProgram(false), "custom.txt", o);
  CHECK(verdict(known, "_assert_scalar") == "redundant");
  CHECK(verdict(known, "_assert_scalar_1") == "redundant");
  CHECK(known.check("_assert_scalar")->because.size() == 1);

  // only the lower bound: the upper check stays, with a witness that breaks it
  o.customOps[0].guarantees = {"result >= 0"};
  symrange::Program half = symrange::Program::parse(customOpProgram(false), "custom.txt", o);
  CHECK(verdict(half, "_assert_scalar") == "redundant");
  CHECK(verdict(half, "_assert_scalar_1") == "required");
  CHECK_FALSE(half.check("_assert_scalar_1")->witness.empty());
}

TEST_CASE("custom ops: a call left dead is removed only when declared pure with proved preconditions") {
  auto deadKept = [](symrange::OpSemantics op) {
    symrange::Options o;
    o.customOps = {std::move(op)};
    symrange::Program p = symrange::Program::parse(customOpProgram(true), "custom.txt", o);
    p.optimize();
    return p.text().find("dead") != std::string::npos;
  };
  symrange::OpSemantics op = countOp();
  CHECK(deadKept(op));  // not pure: may have a side effect
  op.pure = true;
  CHECK_FALSE(deadKept(op));
  op.preconditions = {"arg1 >= 0"};  // item() may be negative: the call may raise
  CHECK(deadKept(op));
  op.preconditions = {"arg0 >= 0"};  // arg0 is a tensor: the raising is not modelled
  CHECK(deadKept(op));
}

TEST_CASE("custom ops: the file format and its errors") {
  using symrange::engine::parseCustomOps;
  const auto ops = parseCustomOps(
      R"({"ops": [{"target": "mylib.count", "returns": "int", "guarantees": ["result >= 0"],
                  "pure": true},
                 {"target": "torch.ops.mylib.fill_.default", "returns": "none", "mutates": true}]})",
      "ops.json");
  REQUIRE(ops.size() == 2);
  CHECK(ops[0].key == "mylib::count");
  CHECK(ops[1].key == "mylib::fill_");
  CHECK(ops[1].mutates);
  auto error = [](const std::string& json) {
    try {
      (void)parseCustomOps(json, "ops.json");
    } catch (const symrange::ir::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error("{") .rfind("ops.json: error: JSON", 0) == 0);
  CHECK(error(R"({"ops": [{"returns": "int"}]})") == "ops.json: error: ops[0]: missing \"target\"");
  CHECK(error(R"({"ops": [{"target": "count"}]})").find("namespace") != std::string::npos);
  CHECK(error(R"({"ops": [{"target": "aten::add"}]})").find("not a custom op") != std::string::npos);
  CHECK(error(R"({"ops": [{"target": "m::f", "gurantees": []}]})").find("ops[0].gurantees: unknown key") !=
        std::string::npos);
  CHECK(error(R"({"ops": [{"target": "m::f", "returns": "tensor", "guarantees": ["result >= 0"]}]})")
            .find("only an \"int\" result") != std::string::npos);
  CHECK(error(R"({"ops": [{"target": "m::f", "guarantees": ["u0 >= 0"]}]})").find("`u0`") !=
        std::string::npos);
  CHECK(error(R"({"ops": [{"target": "m::f", "guarantees": ["arg0 +"]}]})").find("ops[0]: `arg0 +`") !=
        std::string::npos);
  CHECK(error(R"({"ops": [{"target": "m::f", "pure": true, "mutates": true}]})").find("not pure") !=
        std::string::npos);
  CHECK(error(R"({"ops": [{"target": "m::f", "returns": "list"}]})").find("ops[0].returns") !=
        std::string::npos);
}
