// tests/ir/test_pt2.cpp — `.pt2` archives through ir/pt2: every layout and schema era read,
// written back unchanged member for member, AOTInductor packages rejected, and corrupt zips and
// malformed JSON answered with `FILE: error: ...` naming the JSON path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "ir/Diagnostic.h"
#include "ir/pt2/Pt2.h"
#include "ir/pt2/internal/SympyRepr.h"
#include "ir/text/Writer.h"
#include "tests/support/FileText.h"

using namespace symrange::ir;
using namespace symrange::ir::pt2;
namespace fs = std::filesystem;

using symrange::testing::slurp;

namespace {

const fs::path kDir = fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/pt2";


fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("symrange_pt2_" + std::to_string(::getpid()) + "_" + name);
}

/// Every archive with an ExportedProgram among the fixtures.
std::vector<fs::path> programArchives() {
  std::vector<fs::path> v;
  for (const auto& e : fs::directory_iterator(kDir)) {
    const auto ext = e.path().extension();
    if ((ext == ".pt2" || ext == ".ep") && e.path().filename().string().find("aoti") == std::string::npos)
      v.push_back(e.path());
  }
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("pt2: srepr expressions become the sympy spelling") {
  CHECK(sympyText("Symbol('s77', positive=True, integer=True)") == "s77");
  CHECK(sympyText("StrictLessThan(Symbol('u0', integer=True), Integer(100))") == "Lt(u0, 100)");
  CHECK(sympyText("Add(Symbol('s0', integer=True), Integer(-1))") == "(s0 + (-1))");
  CHECK(sympyText("u0 >= 0") == "u0 >= 0");          // str(expr) of older torch: unchanged
  CHECK(sympyText("Max(u0, 3)") == "Max(u0, 3)");
  CHECK(sympyText("Symbol('u0'") == "Symbol('u0'");  // malformed: left to the parser's message
  // integers of any size (Python ints): the digits pass through, and the parser reads them
  CHECK(sympyText("Mul(Integer(18446744073709551616), Symbol('u0', integer=True))") ==
        "(18446744073709551616*u0)");
  CHECK(sympyText("LessThan(Symbol('u0', integer=True), Integer(-99999999999999999999999))") ==
        "Le(u0, (-99999999999999999999999))");
}

TEST_CASE("pt2: the real archives and the fixtures read, and write back member for member") {
  int n = 0;
  for (const auto& path : programArchives()) {
    CAPTURE(path);
    Pt2Program p = readPt2(path.string());
    REQUIRE(p.program);
    CHECK(p.program->root->nodes().size() >= 2);
    CHECK(writeProgram(*p.program).find("ExportedProgram:") == 0);
    // nothing changed: the document is the same value
    CHECK(programJson(*p.program, p.archive) == p.archive.doc);
    const fs::path out = temp(path.filename().string());
    writePt2(*p.program, p.archive, out.string(), /*forceRewrite=*/true);
    Pt2Archive back = openPt2(out.string());
    REQUIRE(back.members.size() == p.archive.members.size());
    for (std::size_t i = 0; i < back.members.size(); ++i) {
      const ZipMember& a = p.archive.members[i];
      const ZipMember& b = back.members[i];
      CAPTURE(a.name);
      CHECK(b.name == a.name);
      CHECK(b.method == 0);
      if (a.name == p.archive.modelMember) CHECK(back.doc == p.archive.doc);
      else CHECK(b.data == a.data);
    }
    CHECK(back.layout == p.archive.layout);
    CHECK(back.root == p.archive.root);
    // unchanged and not forced: the very bytes
    writePt2(*p.program, p.archive, out.string());
    CHECK(slurp(out) == slurp(path));
    fs::remove(out);
    ++n;
  }
  CHECK(n == 15);  // 3 real archives, 4 models x (pt2, v7, v2)
}

TEST_CASE("pt2: torch's own JSON prints back byte for byte") {
  for (const char* f : {"checks_cond.pt2", "nested.pt2", "executorch_pt2_archive_linear.pt2",
                        "tensorrt_trt_76ddd668.ep"}) {
    CAPTURE(f);
    Pt2Archive a = openPt2((kDir / f).string());
    std::string original;
    for (const auto& m : a.members)
      if (m.name == a.modelMember) original = m.data;
    CHECK(dumpPython(a.doc) == original);
  }
}

TEST_CASE("pt2: layouts and roots") {
  Pt2Archive flat = openPt2((kDir / "tensorrt_trt_e6c9fa40.ep").string());
  CHECK(flat.layout == Layout::Flat);
  CHECK(flat.modelMember == "serialized_exported_program.json");
  Pt2Archive arch = openPt2((kDir / "executorch_pt2_archive_linear.pt2").string());
  CHECK(arch.layout == Layout::Archive);
  CHECK(arch.root == "linear_3/");
  CHECK(arch.modelMember == "linear_3/models/model.json");
}

TEST_CASE("pt2: an AOTInductor package is rejected with a clear message") {
  const std::string f = (kDir / "executorch_preprocess_aoti_b4277d63.pt2").string();
  try {
    (void)readPt2(f);
    FAIL("no error");
  } catch (const InputError& e) {
    const std::string m = e.what();
    CHECK(m.rfind(f + ": error: ", 0) == 0);
    CHECK(m.find("AOTInductor") != std::string::npos);
    CHECK(m.find("no ExportedProgram") != std::string::npos);
  }
}

TEST_CASE("pt2: truncated and corrupt archives give FILE: error, never a crash") {
  const std::string bytes = slurp(kDir / "checks_cond.pt2");
  int errors = 0;
  for (std::size_t len = 0; len < bytes.size(); len += 211) {
    try {
      (void)readPt2(openPt2Bytes(bytes.substr(0, len), "t.pt2"));
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).rfind("t.pt2: error: ", 0) == 0);
      ++errors;
    }
  }
  CHECK(errors > 0);
  for (std::size_t at = 0; at < bytes.size(); at += 173) {
    std::string b = bytes;
    b[at] = static_cast<char>(b[at] ^ 0x5a);
    try {
      (void)readPt2(openPt2Bytes(b, "c.pt2"));
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).rfind("c.pt2: error: ", 0) == 0);
    }
  }
}

TEST_CASE("pt2: malformed JSON names the JSON path") {
  Pt2Archive a = openPt2((kDir / "checks_cond.pt2").string());
  auto expectError = [&](const Json& doc, const std::string& text, const std::string& want) {
    const fs::path out = temp("bad.pt2");
    writeZipReplacing(a.bytes, a.modelMember, text.empty() ? dumpPython(doc) : text, out.string());
    try {
      (void)readPt2(out.string());
      FAIL("no error for " << want);
    } catch (const InputError& e) {
      CAPTURE(e.what());
      CHECK(std::string(e.what()).rfind(out.string() + ": error: ", 0) == 0);
      CHECK(std::string(e.what()).find(want) != std::string::npos);
    }
    fs::remove(out);
  };
  Json d = a.doc;
  d["graph_module"]["graph"]["nodes"][3]["inputs"][0]["arg"] = 5;
  expectError(d, "", "graph_module.graph.nodes[3].inputs[0].arg");
  d = a.doc;
  d["graph_module"]["graph"]["nodes"][1].erase("target");
  expectError(d, "", "graph_module.graph.nodes[1]: missing field 'target'");
  d = a.doc;
  d["graph_module"]["graph"]["nodes"][2]["inputs"][0]["arg"] = Json::object({{"as_tensor", nullptr}, {"as_int", nullptr}});
  expectError(d, "", "union with every member null");
  d = a.doc;
  d["graph_module"].erase("graph");
  expectError(d, "", "graph_module: missing field 'graph'");
  d = a.doc;
  d["range_constraints"]["u0"]["min_val"] = "x";
  expectError(d, "", "range_constraints.u0.min_val");
  expectError(a.doc, "{\"graph_module\": [", "malformed JSON");
  expectError(a.doc, "[]", "expected a JSON object");
}

TEST_CASE("pt2: schema 2 and 7 unions, kinds and storage offsets read as the current schema") {
  for (const char* m : {"checks_cond", "nested", "multi_out", "cond_false"}) {
    CAPTURE(m);
    Pt2Program now = readPt2((kDir / (std::string(m) + ".pt2")).string());
    for (const char* v : {".v7.ep", ".v2.ep"}) {
      Pt2Program old = readPt2((kDir / (std::string(m) + v)).string());
      CHECK(old.archive.layout == Layout::Flat);
      // the same statements, but for the cond's output handling (no `is_hop_single_tensor_return`
      // before schema 8: a one-output cond is its output, as torch's deserializer reads it)
      const auto& a = now.program->root->nodes();
      const auto& b = old.program->root->nodes();
      CHECK(b.size() + 2 >= a.size());
      CHECK(b.size() <= a.size());
    }
  }
}
