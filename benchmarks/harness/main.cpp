// benchmarks/harness/main.cpp — `symrange-bench`: generates the workloads, runs every mode on
// each (one child process per run, one run at a time), checks that the modes agree, and prints
// the run, speedup and scaling tables (markdown) plus an optional JSON document.
// Exit status: 0; 1 when a run failed or two modes disagree on a verdict; 2 on bad usage.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "benchmarks/harness/Modes.h"
#include "benchmarks/harness/Report.h"
#include "benchmarks/harness/Run.h"
#include "testing/workload/Workload.h"

using namespace symrange;
using namespace symrange::bench;

namespace {

struct Options {
  std::vector<std::size_t> scales{100, 1000, 10000, 100000};
  std::vector<std::string> mixes;
  std::vector<std::string> modes;
  std::uint64_t seed = 1;
  std::size_t slowMaxNodes = 10000;
  std::string json;
  bool quick = false;
};

/// Modes whose cost is quadratic in the program (every query sees every fact) or that send every
/// check to Z3: they stop at --slow-max-nodes.
bool slowMode(const std::string& mode) {
  return mode == "naive" || mode == "no-slicing" || mode == "no-intervals";
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"symrange-bench: the benchmark harness (benchmarks/RESULTS.md says how to read it)"};
  app.add_option("--scales", o.scales, "workload sizes in nodes")->delimiter(',');
  app.add_option("--mixes", o.mixes, "mixes (default all: interval, relational, nonlinear, conds, realistic)")
      ->delimiter(',');
  app.add_option("--modes", o.modes,
                 "modes (default all: full, full+ranges, intervals, naive, no-cache, no-slicing, no-intervals, no-linear)")
      ->delimiter(',');
  app.add_option("--seed", o.seed, "workload seed");
  app.add_option("--slow-max-nodes", o.slowMaxNodes,
                 "largest workload the naive, no-slicing and no-intervals modes run on");
  app.add_option("--json", o.json, "also write the results (every run's metrics) to this file");
  app.add_flag("--quick", o.quick, "scales 100 and 1000 only (a smoke run)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (o.quick) o.scales = {100, 1000};
  std::vector<Mix> mixes;
  if (o.mixes.empty()) mixes = allMixes();
  for (const std::string& name : o.mixes) {
    auto m = parseMix(name);
    if (!m) {
      std::cerr << "symrange-bench: unknown mix '" << name << "'\n";
      return 2;
    }
    mixes.push_back(*m);
  }
  std::vector<const Mode*> modes;
  if (o.modes.empty())
    for (const Mode& m : allModes()) modes.push_back(&m);
  for (const std::string& name : o.modes) {
    const Mode* m = findMode(name);
    if (!m) {
      std::cerr << "symrange-bench: unknown mode '" << name << "'\n";
      return 2;
    }
    modes.push_back(m);
  }
  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(argv[i]);

  std::vector<RunMetrics> runs;
  std::vector<Disagreement> disagreements;
  bool failed = false;
  for (std::size_t nodes : o.scales) {
    for (Mix mix : mixes) {
      const WorkloadSpec spec{mix, nodes, o.seed};
      const RunMetrics* reference = nullptr;
      const std::size_t first = runs.size();
      for (const Mode* mode : modes) {
        if (slowMode(mode->name) && nodes > o.slowMaxNodes) continue;
        std::fprintf(stderr, "bench: %-10s %7zu nodes  %-12s ", toString(mix), nodes, mode->name.c_str());
        runs.push_back(runIsolated(spec, *mode));
        const RunMetrics& r = runs.back();
        if (!r.ok) {
          failed = true;
          std::fprintf(stderr, "FAILED: %s\n", r.error.c_str());
          continue;
        }
        std::fprintf(stderr, "%9.3f s  %6.0f MiB\n", r.analyzeMs / 1000.0, r.peakRssMiB);
      }
      for (std::size_t i = first; i < runs.size(); ++i)
        if (runs[i].ok && runs[i].mode == "full") reference = &runs[i];
      if (!reference) continue;
      for (std::size_t i = first; i < runs.size(); ++i) {
        if (!runs[i].ok || &runs[i] == reference) continue;
        for (Disagreement& d : compareVerdicts(*reference, runs[i])) disagreements.push_back(std::move(d));
      }
    }
  }

  std::cout << "Machine: " << machineDescription() << "\n\nCommand: `" << command << "`\n\n";
  std::cout << "### Runs\n\n";
  printRunTable(std::cout, runs);
  std::cout << "\n### Full engine against the naive SMT baseline\n\n";
  printSpeedupTable(std::cout, runs);
  std::cout << "\n### Scaling\n\n";
  printScalingTable(std::cout, runs);
  std::cout << "\n### Verdict agreement\n\n"
            << (disagreements.empty() ? "Every mode agrees with the full engine wherever both decide.\n"
                                      : std::to_string(disagreements.size()) + " DISAGREEMENTS (a bug).\n");
  for (const Disagreement& d : disagreements) {
    std::cerr << "bench: DISAGREEMENT " << d.mix << "@" << d.nodes << " " << d.node << ": full says "
              << d.reference << ", " << d.mode << " says " << d.got << "\n";
  }
  if (!o.json.empty()) {
    std::ofstream out(o.json);
    out << resultsJson(runs, disagreements, command).dump(2) << "\n";
    if (!out) {
      std::cerr << "symrange-bench: cannot write " << o.json << "\n";
      return 2;
    }
  }
  return failed || !disagreements.empty() ? 1 : 0;
}
