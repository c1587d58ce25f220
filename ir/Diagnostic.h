// ir/Diagnostic.h — errors in the user's input: a location and a message, printed as
// `FILE:LINE:COL: error: MESSAGE`. Broken invariants of our own are not diagnostics: they use
// SYMRANGE_ASSERT, which stays on in release builds.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace symrange::ir {

/// A 1-based position in an input file.
struct SourceLoc {
  std::string file;
  int line = 1;
  int col = 1;
};

/// Thrown by readers (and only for bad input). what() is the full formatted message.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLoc loc, const std::string& message)
      : std::runtime_error(format(loc, message)), loc_(std::move(loc)), message_(message) {}
  [[nodiscard]] const SourceLoc& loc() const { return loc_; }
  [[nodiscard]] const std::string& message() const { return message_; }

  /// `FILE:LINE:COL: error: MESSAGE`; a line of 0 (inputs without lines, such as a `.pt2`
  /// archive, whose messages name a JSON path instead) prints `FILE: error: MESSAGE`.
  static std::string format(const SourceLoc& loc, const std::string& message) {
    if (loc.line <= 0) return loc.file + ": error: " + message;
    return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
           ": error: " + message;
  }

 private:
  SourceLoc loc_;
  std::string message_;
};

/// Throws the InputError of a whole file, without a line (`FILE: error: MESSAGE`).
[[noreturn]] inline void failFile(const std::string& file, const std::string& message) {
  throw InputError(SourceLoc{file, 0, 0}, message);
}

[[noreturn]] inline void assertionFailed(const char* cond, const char* file, int line) {
  std::fprintf(stderr, "symrange: internal error: %s (%s:%d)\n", cond, file, line);
  std::abort();
}

}  // namespace symrange::ir

/// An invariant of ours; stays on in release builds.
#define SYMRANGE_ASSERT(cond) \
  ((cond) ? (void)0 : ::symrange::ir::assertionFailed(#cond, __FILE__, __LINE__))
