// tests/engine/test_input_model.cpp — what the inputs guarantee on entry (BRIEF section 2,
// docs/input-model.md): under `unchecked` (the default) only sizes >= 0 and static dims; under
// `checked` exactly what torch/_export/utils.py:_check_input_constraints_for_graph enforces
// (`_check_symint`: first occurrence binds, later ones must agree; a lower bound only above 2,
// an upper bound only when finite). Each case names the line of that function it follows.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "engine/Engine.h"
#include "tests/engine/EngineChecks.h"
#include "ir/ExprPrinter.h"

using namespace symrange;

using symrange::testing::kProgramHeader;
using symrange::testing::verdictOf;

namespace {


engine::EngineOptions model(engine::InputModel m) {
  engine::EngineOptions o;
  o.semantics.inputs = m;
  return o;
}


/// A program asserting `cond` (a printed Sym bool over the placeholders' sizes) with trailer
/// `ranges`.
std::string program(const std::string& params, const std::string& body, const std::string& ranges) {
  return std::string(kProgramHeader) + "        def forward(self, " + params + "):\n" + body +
         "            return ()\n\nGraph signature:\n    x: USER_INPUT\nRange constraints: {" +
         ranges + "}\n";
}

const std::string kSizeGe = R"P(            sym_size_int: "Sym(s0)" = torch.ops.aten.sym_size.int(x, 0);  x = None
            ge: "Sym(s0 >= B)" = sym_size_int >= B
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression s0 >= B on node 'ge'");  ge = _assert_scalar_default = None
            le: "Sym(s0 <= 9)" = sym_size_int <= 9;  sym_size_int = None
            _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression s0 <= 9 on node 'le'");  le = _assert_scalar_default_1 = None
)P";

std::string sizeGe(int bound) {
  std::string b = kSizeGe;
  for (std::size_t p; (p = b.find('B')) != std::string::npos;) b.replace(p, 1, std::to_string(bound));
  return b;
}

}  // namespace

TEST_CASE("input model: a backed lower bound is checked on entry only when it is above 2") {
  // _check_symint: `if min_val > 2: if arg < min_val: raise` ("we allow dimensions to be 0/1 at
  // runtime"); `if max_val < math.inf: if arg > max_val: raise`.
  struct Case {
    int lo;  // Range constraints: {s0: VR[lo, 9]}, check s0 >= lo
    engine::InputModel m;
    const char* ge;
    const char* le;
  };
  using M = engine::InputModel;
  const Case cases[] = {
      {2, M::Unchecked, "required", "required"},  // nothing checks the inputs
      {2, M::Checked, "required", "redundant"},   // 2 is not above 2: a size-1 input passes
      {3, M::Unchecked, "required", "required"},
      {3, M::Checked, "redundant", "redundant"},
      {0, M::Checked, "redundant", "redundant"},  // sizes are >= 0 in both models
      {0, M::Unchecked, "redundant", "required"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.lo);
    CAPTURE(engine::toString(c.m));
    const std::string text = program("x: \"f32[s0, 3]\"", sizeGe(c.lo),
                                     "s0: VR[" + std::to_string(c.lo) + ", 9]");
    engine::Engine e = engine::Engine::fromText(text, "lo.txt", model(c.m));
    CHECK(verdictOf(e, "_assert_scalar_default") == c.ge);
    CHECK(verdictOf(e, "_assert_scalar_default_1") == c.le);
    CHECK(e.report()["inputs"] == engine::toString(c.m));
  }
}

TEST_CASE("input model: a symbol repeated across inputs is an equality only under checked") {
  // PyTorch printed `u0` for y because it had applied the very equality the assert enforces.
  // _check_symint: a symbol seen before (`symbol in unification_map`) must equal its binding.
  const std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x: "f32[u0, 3]", y: "f32[u0, 3]"):
            sym_size_int: "Sym(u0)" = torch.ops.aten.sym_size.int(x, 0);  x = None
            sym_size_int_1: "Sym(u0)" = torch.ops.aten.sym_size.int(y, 0);  y = None
            eq: "Sym(True)" = sym_size_int == sym_size_int_1;  sym_size_int = sym_size_int_1 = None
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(eq, "Runtime assertion failed for expression Eq(u1, u0) on node 'eq'");  eq = _assert_scalar_default = None
            return ()

Graph signature:
    x: USER_INPUT
    y: USER_INPUT
Range constraints: {u0: VR[0, int_oo]}
)P";
  {
    engine::Engine e = engine::Engine::fromText(text, "rep.txt");
    CHECK(verdictOf(e, "_assert_scalar_default") == std::string("required"));
    e.optimize();
    CHECK(e.print().find("_assert_scalar_default = torch.ops.aten._assert_scalar") != std::string::npos);
  }
  {
    engine::Engine e = engine::Engine::fromText(text, "rep.txt", model(engine::InputModel::Checked));
    CHECK(verdictOf(e, "_assert_scalar_default") == std::string("redundant"));
  }
}

TEST_CASE("input model: checked binds an expression dim's symbol, later dims must agree") {
  // x: f32[2*s0] binds s0 to int(solve(2*s0 == x.shape[0])) — which relates nothing (an odd
  // size passes too) — and y: f32[s0 + 1] must then equal that s0 plus 1; z's dim is a product
  // of two symbols, which the entry check does not look at.
  const std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x: "f32[2*s0]", y: "f32[s0 + 1]", z: "f32[s0*s1]"):
            sym_size_int: "Sym(2*s0)" = torch.ops.aten.sym_size.int(x, 0);  x = None
            mod: "Sym(0)" = sym_size_int % 2
            eq: "Sym(True)" = mod == 0;  mod = None
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(eq, "even");  eq = _assert_scalar_default = None
            sym_size_int_1: "Sym(s0 + 1)" = torch.ops.aten.sym_size.int(y, 0);  y = None
            ge: "Sym(True)" = sym_size_int_1 >= 1;  sym_size_int_1 = None
            _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge, "y");  ge = _assert_scalar_default_1 = None
            sym_size_int_2: "Sym(s0*s1)" = torch.ops.aten.sym_size.int(z, 0);  z = None
            ge_1: "Sym(True)" = sym_size_int_2 >= 0;  sym_size_int_2 = None
            _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(ge_1, "z");  ge_1 = _assert_scalar_default_2 = None
            return ()

Graph signature:
    x: USER_INPUT
Range constraints: {s0: VR[3, 9]}
)P";
  for (auto m : {engine::InputModel::Unchecked, engine::InputModel::Checked}) {
    CAPTURE(engine::toString(m));
    engine::Engine e = engine::Engine::fromText(text, "expr.txt", model(m));
    CHECK(verdictOf(e, "_assert_scalar_default") == std::string("required"));  // 2*s0 is not checked even
    // y's size is >= 0 in both models; >= 1 needs s0 >= 0, which nothing guarantees
    CHECK(verdictOf(e, "_assert_scalar_default_1") == std::string("required"));
    CHECK(verdictOf(e, "_assert_scalar_default_2") == std::string("redundant"));  // a size
  }
}

TEST_CASE("input model: checked applies a bound to a repeated symbol's later dims") {
  // y: f32[s0] after x: f32[s0] equals x's dim (unification), so a bound on s0 holds for y too.
  const std::string text = std::string(kProgramHeader) + R"P(        def forward(self, x: "f32[s0]", y: "f32[s0]"):
            sym_size_int: "Sym(s0)" = torch.ops.aten.sym_size.int(y, 0);  y = None
            ge: "Sym(s0 >= 4)" = sym_size_int >= 4;  sym_size_int = None
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "y");  ge = _assert_scalar_default = None
            return ()

Graph signature:
    x: USER_INPUT
    y: USER_INPUT
Range constraints: {s0: VR[4, 8]}
)P";
  engine::Engine u = engine::Engine::fromText(text, "u.txt");
  CHECK(verdictOf(u, "_assert_scalar_default") == std::string("required"));
  engine::Engine c = engine::Engine::fromText(text, "c.txt", model(engine::InputModel::Checked));
  CHECK(verdictOf(c, "_assert_scalar_default") == std::string("redundant"));
}
