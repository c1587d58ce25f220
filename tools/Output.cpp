// tools/Output.cpp — see Output.h.
#include "tools/internal/Output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace symrange::tools {

namespace {

bool gStdoutFailed = false;  // a failed write to stdout was reported already

bool fail(const std::string& path, const char* what, int err) {
  std::cerr << path << ": error: cannot write the " << what << ": "
            << std::strerror(err ? err : EIO) << "\n";
  return false;
}

/// fwrite + fflush, keeping the errno of the first failure.
int put(std::FILE* f, const std::string& text) {
  errno = 0;
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), f) != text.size()) return errno ? errno : EIO;
  if (std::fflush(f) != 0) return errno ? errno : EIO;
  return 0;
}

}  // namespace

bool writeOutput(const std::string& path, const std::string& text, const char* what) {
  if (path == "-") {
    std::cout.flush();  // keep the order of anything already written through std::cout
    if (int err = put(stdout, text)) {
      gStdoutFailed = true;
      std::cerr << "symrange: error: cannot write the " << what
                << " to standard output: " << std::strerror(err) << "\n";
      return false;
    }
    return true;
  }
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return fail(path, what, errno);
  int err = put(f, text);
  errno = 0;
  if (std::fclose(f) != 0 && !err) err = errno ? errno : EIO;
  return err ? fail(path, what, err) : true;
}

bool finishStdout() {
  errno = 0;
  std::cout.flush();
  int err = errno;
  const bool streamOk = static_cast<bool>(std::cout);
  errno = 0;
  if (std::fflush(stdout) != 0 && !err) err = errno;
  if (streamOk && !std::ferror(stdout) && !err) return true;
  if (gStdoutFailed) return false;
  std::cerr << "symrange: error: cannot write to standard output: " << std::strerror(err ? err : EIO)
            << "\n";
  return false;
}

bool readInput(const std::string& path, std::string& text, std::string& error) {
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = std::strerror(errno ? errno : EIO);
    return false;
  }
  char buf[1 << 16];
  std::size_t n = 0;
  errno = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  const bool ok = !std::ferror(f);
  if (!ok) error = std::strerror(errno ? errno : EIO);
  std::fclose(f);
  return ok;
}

}  // namespace symrange::tools
