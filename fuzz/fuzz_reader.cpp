// fuzz/fuzz_reader.cpp — libFuzzer target for the readers and the writer: on any bytes,
// readProgram may only throw ir::InputError, and what writeProgram prints must read back and
// print identically (a fixed point after one round trip). Anything else aborts: a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "ir/Diagnostic.h"
#include "ir/text/Reader.h"
#include "ir/text/Writer.h"

namespace {

using symrange::ir::InputError;
using symrange::ir::Program;

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "\nfuzz_reader: %s\n", what.c_str());
  std::abort();
}

/// Reads `text`: nullptr on InputError (when `mayFail`), abort on any other outcome.
std::unique_ptr<Program> read(std::string_view text, const std::string& file, bool mayFail) {
  try {
    return symrange::ir::readProgram(text, file);
  } catch (const InputError& e) {
    if (mayFail) return nullptr;
    finding(std::string("the writer's output does not read back: ") + e.what() +
            "\n--- printed program ---\n" + std::string(text) + "--- end ---");
  } catch (const std::exception& e) {
    finding(std::string("readProgram threw a non-InputError exception: ") + e.what());
  } catch (...) {
    finding("readProgram threw a non-std::exception");
  }
}

std::string write(const Program& p, const char* which) {
  try {
    return symrange::ir::writeProgram(p);
  } catch (const std::exception& e) {
    finding(std::string("writeProgram threw on the ") + which + " program: " + e.what());
  } catch (...) {
    finding(std::string("writeProgram threw a non-std::exception on the ") + which + " program");
  }
}

/// The first line where `a` and `b` differ, both versions shown.
std::string firstDifference(const std::string& a, const std::string& b) {
  std::size_t i = 0, line = 1, lineStart = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) {
    if (a[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
    ++i;
  }
  auto lineAt = [lineStart](const std::string& s) {
    std::size_t end = s.find('\n', lineStart);
    if (lineStart >= s.size()) return std::string("<end of text>");
    return s.substr(lineStart, end == std::string::npos ? end : end - lineStart);
  };
  return "line " + std::to_string(line) + ":\n  first print:  " + lineAt(a) +
         "\n  second print: " + lineAt(b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<Program> first = read(input, "fuzz.txt", /*mayFail=*/true);
  if (!first) return 0;
  std::string printed = write(*first, "input");
  std::unique_ptr<Program> second = read(printed, "printed.txt", /*mayFail=*/false);
  std::string reprinted = write(*second, "re-read");
  if (printed != reprinted) {
    finding("write(read(write(read(input)))) differs from write(read(input)) at " +
            firstDifference(printed, reprinted));
  }
  return 0;
}
