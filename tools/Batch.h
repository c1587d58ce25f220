// tools/Batch.h — batch verification over many files (`symrange verify`): collecting and
// sharding the inputs, analysing them on a worker pool (one Engine, hence one Prover and one Z3
// context, per file and worker), and the batch report (JSON, JUnit XML, summary table, merge).
// The library symrange_batch: the CLI and the Python module (`symrange.batch`, a run on a Dask
// cluster, docs/distributed.md) analyse files and build the report from per-file results through
// the same functions, so a cluster run writes the bytes a local run writes.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <ostream>
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

/// The result of a file that could not be analysed: {"file", "error": message}, counted as
/// malformed (a reader's error, or a file whose analysis kept killing its cluster workers).
[[nodiscard]] FileResult failedFile(const std::string& file, const std::string& message);

/// Analyses one file: what each thread of runBatch and each task of a cluster run does.
[[nodiscard]] FileResult analyseFile(const std::string& file, const BatchOptions& options);

/// A done FileResult as JSON ({"file", "malformed", "fails", "object", "findings"}) and back:
/// how a result travels from a cluster worker to the driver. resultFromJson throws
/// (std::exception) on anything else.
[[nodiscard]] nlohmann::ordered_json resultToJson(const FileResult& result);
[[nodiscard]] FileResult resultFromJson(const nlohmann::ordered_json& wire);

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
/// A finished (or interrupted) run, built from its per-file results alone.
struct BatchOutcome {
  nlohmann::ordered_json report;
  std::vector<Finding> findings;  // of every file, in report order (for SARIF)
  bool bad = false;               // a malformed file or a check that always fails
  bool complete = true;
  /// 0 all good, 1 a malformed file or a `fails` check, 130 interrupted.
  [[nodiscard]] int exitCode() const { return !complete ? 130 : bad ? 1 : 0; }
};

/// The outcome of `results` (those not done are left out); prints the errors of files with a
/// check that always fails (with their notes and source lines) to `errors`. A shard total > 1
/// is recorded as summary.shard "K/N".
[[nodiscard]] BatchOutcome finishBatch(std::vector<FileResult> results, bool complete,
                                       unsigned shardIndex, unsigned shardTotal, std::ostream& errors);

/// Where a run writes its outputs ("" = not written).
struct BatchOutputs {
  std::string report, junit, sarif;
};
/// Writes the report (JSON), JUnit XML and SARIF log asked for; false, after a message on
/// stderr, when one cannot be written (exit 2).
[[nodiscard]] bool writeBatchOutputs(const BatchOutcome& outcome, const BatchOutputs& outputs);
/// `symrange verify[ (interrupted)]:` and the summary table, as printed at the end of a run.
[[nodiscard]] std::string closingSummary(const BatchOutcome& outcome);

/// JUnit XML: one test case per file, failing for a malformed file or a `fails` check.
[[nodiscard]] std::string junitXml(const nlohmann::ordered_json& report);
/// The human-readable summary table.
[[nodiscard]] std::string summaryTable(const nlohmann::ordered_json& report);

}  // namespace symrange::tools
