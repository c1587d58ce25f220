// tests/cli/CliRun.h — runs the real `symrange` binary (SYMRANGE_BINARY) and captures its exit
// status, stdout and stderr.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "tests/support/FileText.h"

namespace symrange::testing {

struct CliResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};


/// The printed samples of tests/fixtures/samples.
inline const std::filesystem::path kSamples =
    std::filesystem::path(SYMRANGE_SOURCE_DIR) / "tests/fixtures/samples";

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A fresh directory under the system's temporary one, removed (with whatever permissions a test
/// took away restored) when the test ends.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("symrange_test_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path, ec);
  }
};

inline std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// A tool built next to `symrange` (symrange-gen, symrange-workload).
inline std::string siblingBinary(const std::string& name) {
  return (std::filesystem::path(SYMRANGE_BINARY).parent_path() / name).string();
}

/// Runs `symrange <args>` (each argument quoted), optionally with `stdinFile` as its input and
/// standard output sent to `stdoutFile` instead of being captured (e.g. "/dev/full").
inline CliResult runCli(const std::vector<std::string>& args, const std::string& stdinFile = {},
                        const std::string& stdoutFile = {}, const std::string& binary = {}) {
  static int counter = 0;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       ("symrange_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::create_directories(dir);
  std::string cmd = shellQuote(binary.empty() ? std::string(SYMRANGE_BINARY) : binary);
  for (const auto& a : args) cmd += " " + shellQuote(a);
  if (!stdinFile.empty()) cmd += " < " + shellQuote(stdinFile);
  cmd += " > " + shellQuote(stdoutFile.empty() ? (dir / "out").string() : stdoutFile) + " 2> " +
         shellQuote((dir / "err").string());
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  fs::remove_all(dir);
  return r;
}

}  // namespace symrange::testing
