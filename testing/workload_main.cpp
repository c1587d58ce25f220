// testing/workload_main.cpp — `symrange-workload --mix NAME --nodes N [--seed S]`: prints a
// generated benchmark program to stdout and `nodes=… checks=…` to stderr. Options parsed by
// CLI11 (`--help`; a bad value is a usage error, exit 2).
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "testing/workload/Workload.h"

int main(int argc, char** argv) {
  symrange::bench::WorkloadSpec spec;
  std::map<std::string, symrange::bench::Mix> mixes;
  for (symrange::bench::Mix m : symrange::bench::allMixes()) mixes.emplace(symrange::bench::toString(m), m);
  CLI::App app{"symrange-workload: prints a generated benchmark program to stdout and "
               "`nodes=... checks=...` to stderr"};
  app.name("symrange-workload");
  app.add_option("--mix", spec.mix, "the mix of operations")
      ->required()
      ->transform(CLI::CheckedTransformer(mixes, CLI::ignore_case));
  app.add_option("--nodes", spec.nodes, "program size in nodes")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  app.add_option("--seed", spec.seed, "generator seed")->check(CLI::NonNegativeNumber);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  const symrange::bench::Workload w = symrange::bench::generateWorkload(spec);
  std::fwrite(w.text.data(), 1, w.text.size(), stdout);
  std::cerr << "nodes=" << w.nodes << " checks=" << w.checks << "\n";
  return 0;
}
