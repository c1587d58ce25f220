// tests/support/FileText.h — the whole content of a file, for the tests of every layer.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace symrange::testing {

/// The bytes of `p` ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace symrange::testing
