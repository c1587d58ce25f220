// testing/gen_main.cpp — `symrange-gen`: writes random programs for campaigns, batch runs
// and benchmarks. Usage: symrange-gen [--seed N] [--count K] [--statements S] [--symbols U]
//                                     [--depth D] [--passing P] [--points R] [--reference]
//                                     [--op-semantics] [--float-items] [--out DIR]
// No --out: one program to stdout. --passing: GenOptions::passingChecks (percent of checks built
// to hold at the reference points); --points: GenOptions::referencePoints; --reference: print
// each program's reference inputs to stderr.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "testing/ProgramGenerator.h"

int main(int argc, char** argv) {
  symrange::testing::GenOptions o;
  int count = 1;
  std::string out;
  bool showReference = false;
  CLI::App app{"symrange-gen: random programs for campaigns, batch runs and benchmarks"};
  app.name("symrange-gen");
  app.add_option("--seed", o.seed, "seed of the first program")->check(CLI::NonNegativeNumber);
  app.add_option("--count", count, "how many programs (with --out)")->check(CLI::Range(1, 100000000));
  app.add_option("--statements", o.statements, "statements per program")->check(CLI::Range(1, 100000000));
  app.add_option("--symbols", o.symbols, "unbacked symbols per program")->check(CLI::Range(1, 1000000));
  app.add_option("--depth", o.maxCondDepth, "deepest nesting of cond")->check(CLI::Range(0, 1000));
  app.add_option("--passing", o.passingChecks, "percent of checks built to hold at the reference points")
      ->check(CLI::Range(0, 100));
  app.add_option("--points", o.referencePoints, "reference points per program")->check(CLI::Range(1, 1000000));
  app.add_flag("--reference", showReference, "print each program's reference inputs to stderr");
  app.add_flag("--op-semantics", o.opSemantics, "issue 13's constructs");
  app.add_flag("--float-items", o.floatItems, "issue 13's float values (float inputs' item(), NaN, infinities)");
  app.add_option("--out", out, "write gen_SEED.txt files to DIR (default: one program to stdout)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  auto generate = [&]() {
    auto g = symrange::testing::generateProgramWithReference(o);
    if (showReference) {
      auto show = [](const symrange::testing::GenInput& in) {
        std::string t;
        for (const auto& [input, value] : in) t += " " + input + "=" + std::to_string(value);
        return t;
      };
      std::cerr << "seed " << o.seed << " reference:" << show(g.reference)
                << (g.referenceReachesEnd ? " (runs to the end)" : " (raises)") << "; points:";
      for (const auto& pt : g.points) std::cerr << " {" << show(pt) << " }";
      std::cerr << "\n";
    }
    return g.text;
  };
  if (out.empty()) {
    std::cout << generate();
    return 0;
  }
  std::filesystem::create_directories(out);
  const auto base = o.seed;
  for (int k = 0; k < count; ++k) {
    o.seed = base + static_cast<std::uint64_t>(k);
    std::ofstream f(out + "/gen_" + std::to_string(o.seed) + ".txt");
    f << generate();
  }
  return 0;
}
