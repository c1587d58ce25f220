// tools/internal/Commands.h — the sub-commands of the `symrange` CLI. Each registers itself on the
// app and stores its exit status in `exitCode` when it runs.
#pragma once

#include <CLI/CLI.hpp>

namespace symrange::tools {

void registerPrintCommand(CLI::App& app, int& exitCode);
void registerAnalyzeCommand(CLI::App& app, int& exitCode);
void registerVerifyCommand(CLI::App& app, int& exitCode);  // also `merge`
void registerExplainCommand(CLI::App& app, int& exitCode);

}  // namespace symrange::tools
