// fuzz/fuzz_pt2.cpp — libFuzzer target for `.pt2` archives: bytes that look like a zip are read
// as an archive, anything else as the ExportedProgram JSON of one. Reading may only throw
// ir::InputError; a program read must also write back (programJson) without any other failure.
// Seeds: tests/fixtures/pt2/*.pt2 and their models/*.json.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "ir/Diagnostic.h"
#include "ir/pt2/ProgramText.h"
#include "ir/pt2/Pt2.h"
#include "ir/text/Reader.h"

namespace {

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "\nfuzz_pt2: %s\n", what.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace symrange::ir;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    if (pt2::looksLikeZip(bytes)) {
      pt2::Pt2Program p = pt2::readPt2(pt2::openPt2Bytes(bytes, "fuzz.pt2"));
      (void)pt2::programJson(*p.program, p.archive);
    } else {
      pt2::Json doc = pt2::parseJson(bytes, "fuzz.json", "model.json");
      if (!doc.is_object()) return 0;
      pt2::ProgramText t = pt2::programText(doc, "fuzz.json");
      (void)readProgram(t.text, "fuzz.json");
    }
  } catch (const InputError& e) {
    if (std::string(e.what()).find(": error: ") == std::string::npos) finding("bad message: " + std::string(e.what()));
  } catch (const std::exception& e) {
    finding(std::string("unexpected exception: ") + e.what());
  }
  return 0;
}
