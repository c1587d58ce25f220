// tests/cli/CliRun.h — runs the real `symrange` binary (SYMRANGE_BINARY) and captures its exit
// status, stdout and stderr.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace symrange::testing {

struct CliResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs `symrange <args>` (each argument quoted), optionally with `stdinFile` as its input.
inline CliResult runCli(const std::vector<std::string>& args, const std::string& stdinFile = {}) {
  static int counter = 0;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       ("symrange_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::create_directories(dir);
  std::string cmd = shellQuote(SYMRANGE_BINARY);
  for (const auto& a : args) cmd += " " + shellQuote(a);
  if (!stdinFile.empty()) cmd += " < " + shellQuote(stdinFile);
  cmd += " > " + shellQuote((dir / "out").string()) + " 2> " + shellQuote((dir / "err").string());
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  fs::remove_all(dir);
  return r;
}

}  // namespace symrange::testing
