// tests/ir/test_reader_writer.cpp — the writer: every sample, seed program and corpus program
// prints back unchanged (modulo trailing white space), and edits the engine makes (erased and
// inserted nodes, renames, changed annotations and range constraints) print in the input's
// style with `;  x = None` tails that never name a value that is gone or still used.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ir/ExprParser.h"
#include "ir/GraphAlgo.h"
#include "ir/text/Reader.h"
#include "ir/text/Writer.h"
#include "tests/support/FileText.h"

using namespace symrange::ir;
namespace fs = std::filesystem;

using symrange::testing::slurp;

namespace {


/// Lines without trailing white space, trailing blank lines dropped.
std::vector<std::string> normalized(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::vector<fs::path> roundTripFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/samples"))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  for (const char* dir : {"corpus/medium", "corpus/large"})
    for (const auto& e : fs::directory_iterator(fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures" / dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string sample(const std::string& name) {
  return (fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/samples" / (name + ".txt")).string();
}

/// The lines of `text` containing `needle`.
std::vector<std::string> linesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& l : normalized(text))
    if (l.find(needle) != std::string::npos) out.push_back(l);
  return out;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("writer: every sample, seed and corpus program prints back unchanged") {
  auto files = roundTripFiles();
  CHECK(files.size() == 32 + 70);
  for (const auto& f : files) {
    CAPTURE(f.string());
    std::string text = slurp(f);
    auto p = readProgram(text, f.string());
    std::string out = writeProgram(*p);
    CHECK(normalized(out) == normalized(text));
    // printing is a fixed point
    auto again = readProgram(out, f.string());
    CHECK(writeProgram(*again) == out);
  }
}

TEST_CASE("writer: erased checks take their lines, blank lines and tails with them (seed)") {
  std::string text = slurp(sample("seed_1"));
  auto p = readProgram(text, "seed_1.txt");
  Graph& g = *p->root;
  const std::vector<std::string> erased = {"_assert_async_2", "scalar_tensor_2", "ge_1",
                                           "_assert_async_3", "scalar_tensor_3", "le_1",
                                           "sym_size"};
  g.eraseIf([&](const Node& n) {
    return std::find(erased.begin(), erased.end(), n.name()) != erased.end();
  });
  std::string out = writeProgram(*p);
  // expected: the input without those statements and the blank line before `sym_size`
  std::vector<std::string> expected;
  auto lines = normalized(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string t = lines[i].substr(std::min(lines[i].find_first_not_of(' '), lines[i].size()));
    bool drop = false;
    for (const auto& name : erased)
      if (t.starts_with(name + ":") || t.starts_with(name + " =")) drop = true;
    if (t.empty() && i + 1 < lines.size() && lines[i + 1].find("sym_size: ") != std::string::npos)
      drop = true;
    if (!drop) expected.push_back(lines[i]);
  }
  CHECK(normalized(out) == expected);
  CHECK_FALSE(contains(out, "sym_size = None"));
}

TEST_CASE("writer: an inserted node takes over a last use (FX rule) and prints in style") {
  std::string text = slurp(fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures" / "corpus/medium/prog_0.txt");
  auto p = readProgram(text, "prog_0.txt");
  Graph& g = *p->root;
  ExprContext& ctx = p->exprs();
  Node* item1 = g.find("item_1");
  REQUIRE(item1);
  auto n = std::make_unique<Node>("add_new", NodeOp::CallFunction, "operator.add");
  n->args = {Argument{item1}, Argument{std::int64_t{1}}};
  Annotation a;
  a.kind = Annotation::Kind::Sym;
  a.sym = ctx.add(ctx.symbol("u1"), ctx.intConst(1));
  n->annotation = a;
  g.insertBefore(g.nodes().back().get(), std::move(n));
  std::string out = writeProgram(*p);
  CHECK(linesWith(out, "add_new") ==
        std::vector<std::string>{"            add_new: \"Sym(u1 + 1)\" = item_1 + 1;  item_1 = None"});
  auto full2 = linesWith(out, "full_2: ");
  REQUIRE(full2.size() == 1);
  CHECK_FALSE(contains(full2[0], "item_1 = None"));
  CHECK(contains(text, "pin_memory = False);  item_1 = None"));
}

TEST_CASE("writer: node renames re-spell every reference, Raw texts included (FX dump)") {
  auto p = readProgramFile(sample("E14"));
  Graph& g = *p->root;
  g.find("item")->setName("item_0");
  std::string out = writeProgram(*p);
  CHECK(contains(out, "%item_0 : [num_users=2] = call_method[target=item](args = (%clamp,), kwargs = {})"));
  CHECK(contains(out, "args = (%l_x_, slice(None, item_0, None))"));
  CHECK(contains(out, "args = (%item_0, 1)"));
  // user counts follow the graph: drop the assert on ge_1 and ge_1 has no user left
  g.eraseIf([](const Node& n) { return n.name() == "_assert_scalar_default"; });
  CHECK(contains(writeProgram(*p), "%ge_1 : [num_users=0] = call_function[target=operator.ge]"));
}

TEST_CASE("writer: changed annotations are printed from their expressions") {
  auto p = readProgramFile((fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures" / "corpus/medium/prog_0.txt").string());
  ExprContext& ctx = p->exprs();
  Node* le = p->root->find("le");
  le->annotation->sym = ctx.le(ctx.symbol("u0"), ctx.intConst(3));
  Node* full = p->root->find("full");
  full->annotation->shape[0] = ctx.symbol("u5");
  std::string out = writeProgram(*p);
  CHECK(contains(out, "le: \"Sym(u0 <= 3)\" = item <= 2"));
  CHECK(contains(out, "full: \"f32[u5, 5]\" = torch.ops.aten.full.default("));

  // torch 2.1: unquoted
  auto q = readProgramFile(sample("seed_1"));
  q->root->find("ge")->annotation->sym = q->exprs().ge(q->exprs().symbol("i4"), q->exprs().intConst(1));
  CHECK(contains(writeProgram(*q), "ge: Sym(i4 >= 1) = _local_scalar_dense >= 0"));
}

TEST_CASE("writer: range constraints re-printed in the era's spelling") {
  auto p = readProgramFile((fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures" / "corpus/medium/prog_0.txt").string());
  ExprContext& ctx = p->exprs();
  auto& rc = *p->rangeConstraints;
  rc[0].lo = 0;
  rc[0].hi = std::nullopt;  // texts kept but stale: must not be printed
  RangeEntry extra;
  extra.symbol = ctx.symbol("u9");
  extra.lo = -3;
  extra.hi = 7;
  rc.push_back(extra);
  RangeEntry open;
  open.symbol = ctx.symbol("u10");
  rc.push_back(open);
  CHECK(linesWith(writeProgram(*p), "Range constraints") ==
        std::vector<std::string>{"Range constraints: {u0: VR[0, int_oo], u1: VR[11, 31], "
                                 "u2: VR[0, 128], u9: VR[-3, 7], u10: VR[-int_oo, int_oo]}"});

  auto q = readProgramFile(sample("seed_1"));
  auto& r = *q->rangeConstraints;
  r.resize(1);
  r[0].hi = std::nullopt;
  r[0].hiText.clear();
  CHECK(linesWith(writeProgram(*q), "Range constraints") ==
        std::vector<std::string>{
            "Range constraints: {i0: RangeConstraint(min_val=2, max_val=9223372036854775806)}"});
}

TEST_CASE("writer: stored tails (hand-edited input) drop erased and still-used values") {
  auto p = readProgramFile(sample("E16"));
  Graph& g = *p->root;
  Node* add = g.find("add");
  Node* relu = g.find("relu");
  g.replaceAllUsesWith(add, relu);
  g.erase(add);
  // a stale tail naming a value used later, and one naming the node's own last input
  Node* permute = g.find("permute");
  permute->style.tail = {g.find("arg0_1"), relu};
  std::string out = writeProgram(*p);
  CHECK(contains(out, "return (relu, relu_1)"));
  CHECK_FALSE(contains(out, "add: "));
  CHECK_FALSE(contains(out, "# code: return (out1 + self.buffer, out2)"));
  CHECK(contains(out, "permute: f32[64, 32] = torch.ops.aten.permute.default(arg0_1, [1, 0]);  arg0_1 = None"));
  CHECK(contains(out, "relu_1: f32[s0, 64] = torch.ops.aten.relu.default(addmm_1);  addmm_1 = None"));
  CHECK(contains(out, "relu: f32[s0, 32] = torch.ops.aten.relu.default(addmm);\n"));
}

TEST_CASE("writer: nodes built through the API print in the program's style") {
  struct Case {
    const char* file;
    const char* expected;  // the new statement's line, trailing white space removed
  };
  const std::vector<Case> cases = {
      {"E05", "    neg_new = -_local_scalar_dense"},                // code form: no annotation
      {"E03", "        neg_new: \"Sym(-u0)\" = -getitem_1"},        // readable: quoted
      {"E15_1", "            neg_new: Sym(-s0) = -sym_size"},       // torch 2.1: unquoted
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    auto p = readProgramFile(sample(c.file));
    Graph& g = *p->root;
    ExprContext& ctx = p->exprs();
    Node* arg = nullptr;
    for (const char* name : {"_local_scalar_dense", "getitem_1", "sym_size"})
      if (!arg) arg = g.find(name);
    REQUIRE(arg);
    auto n = std::make_unique<Node>("neg_new", NodeOp::CallFunction, "operator.neg");
    n->args = {Argument{arg}};
    if (arg->annotation) {
      Annotation a;
      a.kind = Annotation::Kind::Sym;
      a.sym = ctx.neg(arg->annotation->sym);
      n->annotation = a;
    }
    g.insertBefore(g.nodes().back().get(), std::move(n));
    std::string out = writeProgram(*p);
    auto got = linesWith(out, "neg_new");
    REQUIRE(got.size() == 1);
    // the FX rule may add a tail; the statement itself is fixed
    CHECK(got[0].substr(0, std::string(c.expected).size()) == c.expected);
  }
}
