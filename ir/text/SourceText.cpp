// ir/text/SourceText.cpp — byte validation, line splitting and locations of an input file.
#include "ir/text/internal/SourceText.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace symrange::ir {

namespace {

std::string hexByte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(c));
  return buf;
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

/// Whether the 8 bytes at `p` are all printable ASCII (0x20..0x7E). A false answer may be
/// wrong (a borrow or carry across bytes): the caller then checks byte by byte.
bool printableAscii8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::uint64_t below20 = (w - 0x20 * kOnes) & ~w & kHigh;  // some byte < 0x20
  const std::uint64_t from7F = ((w + kOnes) | w) & kHigh;          // some byte >= 0x7F
  return (below20 | from7F) == 0;
}

}  // namespace

SourceText::SourceText(std::string_view text, std::string file)
    : text_(text), file_(std::move(file)) {
  // Line starts first, so that byte errors get a line and column.
  std::size_t start = 0;
  while (true) {
    const void* nl =
        start < text_.size() ? std::memchr(text_.data() + start, '\n', text_.size() - start) : nullptr;
    const std::size_t i =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) : text_.size();
    if (i == text_.size() && start == i && !lines_.empty()) break;  // final newline
    Line l;
    l.begin = start;
    l.end = i;
    if (l.end > l.begin && text_[l.end - 1] == '\r') --l.end;
    lines_.push_back(l);
    if (i == text_.size()) break;
    start = i + 1;
  }
  for (std::size_t i = 0; i < text_.size();) {
    if (i + 8 <= text_.size() && printableAscii8(text_.data() + i)) {  // most of any input
      i += 8;
      continue;
    }
    auto c = static_cast<unsigned char>(text_[i]);
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    if (c == 0) fail(i, "NUL byte in input (binary file?)");
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F)
      fail(i, "control byte " + hexByte(c) + " in input (binary file?)");
    std::size_t len = utf8Length(text_, i);
    if (len == 0) fail(i, "invalid UTF-8 byte " + hexByte(c));
    i += len;
  }
  bool allBlank = true;
  for (auto& l : lines_) {
    int width = 0;
    std::size_t p = l.begin;
    while (p < l.end && (text_[p] == ' ' || text_[p] == '\t' || text_[p] == '\f' || text_[p] == '\v')) {
      width = text_[p] == '\t' ? (width / 8 + 1) * 8 : width + 1;
      ++p;
    }
    l.content = p;
    l.width = width;
    if (!l.blank()) allBlank = false;
  }
  if (allBlank) fail(0, "empty input: no program found");
}

std::size_t SourceText::lineOf(std::size_t offset) const {
  auto it = std::upper_bound(lines_.begin(), lines_.end(), offset,
                             [](std::size_t off, const Line& l) { return off < l.begin; });
  if (it == lines_.begin()) return 0;
  return static_cast<std::size_t>(it - lines_.begin()) - 1;
}

SourceLoc SourceText::loc(std::size_t offset) const {
  SourceLoc l;
  l.file = file_;
  if (lines_.empty()) return l;
  std::size_t i = lineOf(offset);
  l.line = static_cast<int>(i) + 1;
  l.col = static_cast<int>(offset - lines_[i].begin) + 1;
  return l;
}

void SourceText::fail(std::size_t offset, const std::string& message) const {
  throw InputError(loc(offset), message);
}

}  // namespace symrange::ir
