// benchmarks/harness/Report.h — what the harness concludes from its runs: verdict agreement
// between modes, the per-run table, the speedup over the naive baseline and the scaling table
// (markdown, so that benchmarks/RESULTS.md can hold them as printed), and the JSON document.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "benchmarks/harness/Run.h"

namespace symrange::bench {

struct Disagreement {
  std::string mix;
  std::size_t nodes = 0;
  std::string mode;       // the mode compared with `full`
  std::string node;       // "graph/name"
  std::string reference;  // the full engine's verdict
  std::string got;
};

/// Two verdicts agree when they are equal, when either is unknown (undecided), or when one is
/// `unreachable` and the other a verdict that unsatisfiable facts also imply (`redundant`,
/// `fails`, `true`, `false`). Anything else means one of the two modes is wrong.
[[nodiscard]] bool compatible(const std::string& a, const std::string& b);

/// Every node whose verdict in `other` disagrees with `reference` (both runs of one workload).
[[nodiscard]] std::vector<Disagreement> compareVerdicts(const RunMetrics& reference,
                                                        const RunMetrics& other);

void printRunTable(std::ostream& os, const std::vector<RunMetrics>& runs);
/// Full engine against the naive baseline, for every workload where both ran.
void printSpeedupTable(std::ostream& os, const std::vector<RunMetrics>& runs);
/// Time per node of the full engine at each scale, and its growth between scales.
void printScalingTable(std::ostream& os, const std::vector<RunMetrics>& runs);

[[nodiscard]] nlohmann::ordered_json resultsJson(const std::vector<RunMetrics>& runs,
                                                 const std::vector<Disagreement>& disagreements,
                                                 const std::string& command);

/// A one-line description of the machine (CPU model, cores, memory, kernel).
[[nodiscard]] std::string machineDescription();

}  // namespace symrange::bench
