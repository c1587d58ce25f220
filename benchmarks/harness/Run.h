// benchmarks/harness/Run.h — one measured run: a workload analysed in one mode, in a forked
// child process so that its peak memory is its own and a crash cannot take the harness down.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "benchmarks/harness/Modes.h"
#include "testing/workload/Workload.h"

namespace symrange::bench {

struct RunMetrics {
  std::string mix, mode;
  std::size_t requestedNodes = 0;
  std::size_t nodes = 0;  // as the reader counts them
  std::size_t checks = 0, conds = 0;
  double generateMs = 0, parseMs = 0, analyzeMs = 0;
  double checkP50Us = 0, checkP99Us = 0;  // time to decide one check
  std::size_t checksWithoutSmt = 0;       // decided by constants, intervals or the cache
  std::size_t smtQueries = 0, cacheHits = 0;
  std::size_t unknowns = 0;   // checks and conds left undecided
  std::size_t removable = 0;  // checks the rewrite removes
  std::size_t condsDecided = 0;
  double peakRssMiB = 0;
  /// "graph/node" -> verdict, checks then conds, in program order (for the agreement check).
  std::vector<std::pair<std::string, std::string>> verdicts;
  bool ok = true;
  std::string error;  // when !ok: what went wrong in the child

  [[nodiscard]] double microsPerNode() const {
    return nodes ? analyzeMs * 1000.0 / static_cast<double>(nodes) : 0.0;
  }
};

/// Generates `spec`'s workload and analyses it in `mode`, in a child process.
[[nodiscard]] RunMetrics runIsolated(const WorkloadSpec& spec, const Mode& mode);

[[nodiscard]] nlohmann::ordered_json toJson(const RunMetrics& r, bool withVerdicts);
[[nodiscard]] RunMetrics metricsFromJson(const nlohmann::json& j);

}  // namespace symrange::bench
