// tools/Batch.h — batch verification over many files (`symrange verify`): collecting and
// sharding the inputs, analysing them on a worker pool (one Engine, hence one Prover and one Z3
// context, per file and worker), and the batch report (JSON, JUnit XML, summary table, merge).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/Engine.h"
#include "tools/Diagnostics.h"

namespace symrange::tools {

/// Files named by `paths`, directories walked recursively; a directory contributes the regular
/// files whose name ends in one of `extensions` (explicitly named files are always taken).
/// Sorted by path and deduplicated. Unreadable paths are returned too (they fail later, as
/// bad files). Throws std::runtime_error when a named path does not exist.
[[nodiscard]] std::vector<std::string> collectFiles(const std::vector<std::string>& paths,
                                                    const std::vector<std::string>& extensions);

/// The shard (0..total-1) of a file: a hash of its path string only (FNV-1a 64).
[[nodiscard]] unsigned shardOf(const std::string& path, unsigned total);

struct BatchOptions {
  unsigned jobs = 1;
  engine::EngineOptions engine;        // the same options `analyze` takes
  std::uintmax_t maxFileBytes = 64u << 20;
  const std::atomic<bool>* stop = nullptr;  // set asynchronously (Ctrl-C): finish early
};

/// One analysed file: the engine's report object (BRIEF section 5), or {"file", "error"} for a
/// malformed or unreadable file.
struct FileResult {
  nlohmann::ordered_json json;
  bool malformed = false;
  bool fails = false;
  bool done = false;  // false when the run stopped before reaching it
  std::vector<Finding> findings;  // the diagnostics (tools/Diagnostics.h), for text and SARIF
};

/// Analyses `files` on `jobs` threads. `progress(doneCount, result)` is called (serialised)
/// after each file. Results are in the order of `files`, whatever the scheduling.
[[nodiscard]] std::vector<FileResult> runBatch(
    const std::vector<std::string>& files, const BatchOptions& options,
    const std::function<void(std::size_t, const FileResult&)>& progress);

/// `{"files": [...], "summary": {...}}` from per-file objects (sorted by file name).
[[nodiscard]] nlohmann::ordered_json batchReport(std::vector<nlohmann::ordered_json> files,
                                                 bool complete);
/// The same report without timing fields, for byte-identical comparisons.
[[nodiscard]] nlohmann::ordered_json withoutTimings(nlohmann::ordered_json report);
/// JUnit XML: one test case per file, failing for a malformed file or a `fails` check.
[[nodiscard]] std::string junitXml(const nlohmann::ordered_json& report);
/// The human-readable summary table.
[[nodiscard]] std::string summaryTable(const nlohmann::ordered_json& report);

}  // namespace symrange::tools
