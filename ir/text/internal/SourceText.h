// ir/text/internal/SourceText.h — an input file as the readers see it: validated bytes (UTF-8, no
// NUL or other binary control bytes), its lines with their indentation, and the location of any
// byte offset for diagnostics.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Diagnostic.h"

namespace symrange::ir {

class SourceText {
 public:
  struct Line {
    std::size_t begin = 0;    // offset of the first byte
    std::size_t end = 0;      // offset past the last byte, line break (and a '\r') excluded
    std::size_t content = 0;  // offset of the first non-blank byte (== end for blank lines)
    int width = 0;            // indentation width, tabs advancing to the next multiple of 8
    [[nodiscard]] bool blank() const { return content == end; }
  };

  /// Checks the bytes and splits the lines; throws InputError on an empty input, a NUL or
  /// other binary control byte, or invalid UTF-8.
  SourceText(std::string_view text, std::string file);

  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::vector<Line>& lines() const { return lines_; }
  [[nodiscard]] std::string_view lineText(std::size_t i) const {
    return text_.substr(lines_[i].begin, lines_[i].end - lines_[i].begin);
  }
  /// The line holding byte `offset` (the last line for offsets at the end).
  [[nodiscard]] std::size_t lineOf(std::size_t offset) const;
  /// 1-based line and column (in bytes) of `offset`.
  [[nodiscard]] SourceLoc loc(std::size_t offset) const;
  [[noreturn]] void fail(std::size_t offset, const std::string& message) const;

 private:
  std::string_view text_;
  std::string file_;
  std::vector<Line> lines_;
};

}  // namespace symrange::ir
