// ir/internal/CharClass.h — the character classes the readers share (ASCII digits, blanks, Python
// identifier characters; bytes >= 0x80 count as identifier characters, as UTF-8 names do).
#pragma once

namespace symrange::ir {

[[nodiscard]] inline bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

/// The blanks of a printed line: space, tab, newline, carriage return, form feed.
[[nodiscard]] inline bool isBlankChar(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

[[nodiscard]] inline bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
[[nodiscard]] inline bool isIdentChar(char c) { return isIdentStart(c) || isAsciiDigit(c); }

}  // namespace symrange::ir
