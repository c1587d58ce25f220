// tools/internal/Output.h — every write of the CLI, checked: a file that cannot be opened, written
// or closed (a full disk, /dev/full, a directory without write permission) gives `PATH: error:
// cannot write the WHAT: <strerror>` on stderr and a false result, which the commands turn into
// exit 2; standard output is flushed and checked before the process exits.
#pragma once

#include <string>

namespace symrange::tools {

/// Writes `text` to the file `path` ("-": standard output, flushed at once). `what` names the
/// content in the message ("report", "program", "JUnit XML").
[[nodiscard]] bool writeOutput(const std::string& path, const std::string& text, const char* what);

/// Flushes standard output; false (with a message) if any write to it failed.
[[nodiscard]] bool finishStdout();

/// Reads the whole file `path`; false with `error` set to strerror on failure (a directory too).
[[nodiscard]] bool readInput(const std::string& path, std::string& text, std::string& error);

}  // namespace symrange::tools
