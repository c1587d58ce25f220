// benchmarks/harness/Modes.h — the engine configurations the harness compares on identical
// workloads: the full engine, intervals only, the naive SMT baseline and the ablations.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/Engine.h"

namespace symrange::bench {

struct Mode {
  std::string name;
  std::string description;
  engine::EngineOptions options;
};

/// Every mode, the full engine first (the reference the others are compared with):
/// full, full+ranges, intervals, naive, no-cache, no-slicing, no-intervals.
[[nodiscard]] const std::vector<Mode>& allModes();
[[nodiscard]] const Mode* findMode(std::string_view name);

}  // namespace symrange::bench
