// tests/cli/test_print.cpp — `symrange print` through the real binary: the round trip of every
// sample, seed and corpus program (output == input modulo trailing white space), standard
// input, and one malformed fixture per error path (exit 2, `FILE:LINE:COL: error: ...`).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/CliRun.h"

using symrange::testing::runCli;
using symrange::testing::slurp;
namespace fs = std::filesystem;

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

std::vector<fs::path> txtFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

const fs::path kSource = SYMRANGE_SOURCE_DIR;
const fs::path kShared = fs::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures";  // the corpus copy

}  // namespace

TEST_CASE("cli print: every sample and seed program round-trips") {
  auto files = txtFiles(kSource / "tests/fixtures/samples");
  CHECK(files.size() == 32);  // 17 examples (E15 twice), the seed's two programs, D01-D05, T01-T07
  for (const auto& f : files) {
    CAPTURE(f.string());
    auto r = runCli({"print", f.string()});
    CHECK(r.exitCode == 0);
    CHECK(r.err.empty());
    CHECK(normalized(r.out) == normalized(slurp(f)));
  }
}

TEST_CASE("cli print: every corpus program round-trips") {
  std::vector<fs::path> files = txtFiles(kShared / "corpus/medium");
  auto large = txtFiles(kShared / "corpus/large");
  files.insert(files.end(), large.begin(), large.end());
  CHECK(files.size() == 70);
  for (const auto& f : files) {
    CAPTURE(f.string());
    auto r = runCli({"print", f.string()});
    CHECK(r.exitCode == 0);
    CHECK(normalized(r.out) == normalized(slurp(f)));
  }
}

TEST_CASE("cli print: every program torch 2.13 exported (tests/real) prints back byte for byte") {
  // Exact bytes, not normalized: `.code` and `str(graph)` end without a final newline.
  std::size_t n = 0;
  for (const auto& dir : fs::directory_iterator(kSource / "tests/real")) {
    if (!dir.is_directory()) continue;
    for (const char* form : {"ep.txt", "readable.txt", "code.py", "graph.txt"}) {
      const fs::path f = dir.path() / form;
      if (!fs::exists(f)) continue;
      CAPTURE(f.string());
      auto r = runCli({"print", f.string()});
      CHECK(r.exitCode == 0);
      CHECK(r.out == slurp(f));
      ++n;
    }
  }
  CHECK(n >= 4 * 90);
}

TEST_CASE("cli print: '-' reads standard input") {
  fs::path f = kSource / "tests/fixtures/samples/E14.txt";
  auto r = runCli({"print", "-"}, f.string());
  CHECK(r.exitCode == 0);
  CHECK(normalized(r.out) == normalized(slurp(f)));
}

TEST_CASE("cli print: malformed inputs exit 2 with FILE:LINE:COL: error:") {
  struct Case {
    std::string file;
    int line, col;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"empty.txt", 1, 1, "empty input"},
      {"blank_only.txt", 1, 1, "empty input"},
      {"truncated_call.txt", 4, 58, "unclosed '(' at end of input"},
      {"truncated_no_return.txt", 3, 9, "no 'return' statement"},
      {"truncated_class.txt", 2, 5, "has no 'def forward'"},
      {"nul_byte.txt", 4, 62, "NUL byte"},
      {"control_byte.txt", 4, 46, "control byte 0x01"},
      {"non_utf8.txt", 4, 69, "invalid UTF-8 byte 0xE9"},
      {"unbalanced_bracket.txt", 4, 61, "']' does not match '('"},
      {"unmatched_close.txt", 4, 62, "unmatched ')'"},
      {"outside_def.txt", 8, 9, "statement outside any def"},
      {"top_level_junk.txt", 1, 1, "statement outside any def"},
      {"statement_after_return.txt", 8, 13, "statement after 'return'"},
      {"undefined_name.txt", 4, 59, "undefined name 'x9'"},
      {"tail_undefined.txt", 4, 65, "undefined name 'nothere'"},
      {"duplicate_name.txt", 5, 13, "duplicate node name 'item'"},
      {"bad_annotation.txt", 4, 20, "unknown annotation syntax 'q32{u0}'"},
      {"bad_sym_expr.txt", 5, 27, ""},
      {"unterminated_string.txt", 5, 82, "unterminated string"},
      {"bad_range.txt", 8, 31, "malformed range bound 'lots'"},
      {"bad_value_ranges.txt", 6, 63, "expected 'is_bool=True' or 'is_bool=False'"},
      {"fx_undefined.txt", 3, 73, "undefined name '%z'"},
      {"fx_bad_op.txt", 3, 26, "unknown node kind 'call_something'"},
  };
  const fs::path dir = kSource / "tests/fixtures/bad";
  CHECK(txtFiles(dir).size() == cases.size());  // every fixture has a row
  for (const auto& c : cases) {
    CAPTURE(c.file);
    const std::string path = (dir / c.file).string();
    auto r = runCli({"print", path});
    CAPTURE(r.err);
    CHECK(r.exitCode == 2);
    CHECK(r.out.empty());
    const std::string prefix =
        path + ":" + std::to_string(c.line) + ":" + std::to_string(c.col) + ": error: ";
    CHECK(r.err.starts_with(prefix));
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  auto missing = runCli({"print", (dir / "does_not_exist.txt").string()});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.find("error: cannot open") != std::string::npos);
}
