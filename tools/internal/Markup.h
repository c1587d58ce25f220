// tools/internal/Markup.h — escaping text for XML and HTML output (the JUnit file, the HTML views):
// the five markup characters become entities, control characters other than tab and newline
// (invalid in both) become '?'.
#pragma once

#include <string>
#include <string_view>

namespace symrange::tools {

[[nodiscard]] inline std::string markupEscape(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') o += '?';
        else o += c;
    }
  }
  return o;
}

}  // namespace symrange::tools
