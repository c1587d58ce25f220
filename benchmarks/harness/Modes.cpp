// benchmarks/harness/Modes.cpp — the mode table. Every mode computes the same verdicts (checks
// and conds); only `full+ranges` also computes every symbol's range, as `symrange analyze` does.
#include "benchmarks/harness/Modes.h"

namespace symrange::bench {

namespace {

Mode make(std::string name, std::string description, void (*tweak)(engine::EngineOptions&)) {
  Mode m{std::move(name), std::move(description), {}};
  m.options.ranges = false;
  tweak(m.options);
  return m;
}

}  // namespace

const std::vector<Mode>& allModes() {
  static const std::vector<Mode> modes = {
      make("full", "all tiers: constants, intervals, linear, sliced and cached Z3", [](engine::EngineOptions&) {}),
      make("full+ranges", "full, plus the tightest range of every symbol (what `analyze` does)",
           [](engine::EngineOptions& o) { o.ranges = true; }),
      make("intervals", "constants, intervals and the linear tier only; the rest stays unknown",
           [](engine::EngineOptions& o) { o.budget.useSmt = false; }),
      make("naive", "a fresh Z3 solver per query with every fact; no slicing, cache or intervals",
           [](engine::EngineOptions& o) {
             o.budget.naive = true;
             o.budget.useIntervals = false;
             o.budget.useSlicing = false;
             o.budget.useCache = false;
           }),
      make("no-cache", "full without the answer cache",
           [](engine::EngineOptions& o) { o.budget.useCache = false; }),
      make("no-slicing", "full, but every query sees every fact",
           [](engine::EngineOptions& o) { o.budget.useSlicing = false; }),
      make("no-intervals", "full without the interval and linear tiers (constants, then Z3)",
           [](engine::EngineOptions& o) { o.budget.useIntervals = false; }),
      make("no-linear", "full without the linear tier (intervals, then Z3)",
           [](engine::EngineOptions& o) { o.budget.useLinear = false; }),
  };
  return modes;
}

const Mode* findMode(std::string_view name) {
  for (const Mode& m : allModes())
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace symrange::bench
