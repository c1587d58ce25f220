// tests/support/gen_main.cpp — `symrange-gen`: writes random programs for campaigns, batch runs
// and benchmarks. Usage: symrange-gen [--seed N] [--count K] [--statements S] [--symbols U]
//                                     [--depth D] [--passing P] [--points R] [--reference]
//                                     [--op-semantics] [--out DIR]
// No --out: one program to stdout. --passing: GenOptions::passingChecks (percent of checks built
// to hold at the reference points); --points: GenOptions::referencePoints; --reference: print
// each program's reference inputs to stderr.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/support/ProgramGenerator.h"

int main(int argc, char** argv) {
  symrange::testing::GenOptions o;
  int count = 1;
  std::string out;
  bool showReference = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "symrange-gen: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--seed") o.seed = std::stoull(next());
    else if (a == "--count") count = std::stoi(next());
    else if (a == "--statements") o.statements = std::stoi(next());
    else if (a == "--symbols") o.symbols = std::stoi(next());
    else if (a == "--depth") o.maxCondDepth = std::stoi(next());
    else if (a == "--passing") o.passingChecks = std::stoi(next());
    else if (a == "--points") o.referencePoints = std::stoi(next());
    else if (a == "--reference") showReference = true;
    else if (a == "--op-semantics") o.opSemantics = true;  // issue 13's constructs
    else if (a == "--out") out = next();
    else {
      std::cerr << "symrange-gen: unknown option " << a << "\n";
      return 2;
    }
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
