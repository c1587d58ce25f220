// examples/prune_checks_pass.cpp — a compiler pass built on the engine's library API: reads an
// exported program, asks which run-time checks can be dropped and why, applies the rewrite and
// prints the optimized program. Usage: prune_checks_pass FILE
#include <iostream>

#include "engine/Engine.h"
#include "ir/Diagnostic.h"

int main(int argc, char** argv) {
  using namespace symrange;
  if (argc != 2) {
    std::cerr << "usage: prune_checks_pass FILE\n";
    return 2;
  }
  try {
    engine::Engine e = engine::Engine::fromFile(argv[1]);
    const engine::AnalysisResult& a = e.analyze();
    for (const engine::CheckResult& c : a.checks)
      std::cout << "# " << e.explain(c.name, c.graph) << "\n";
    for (const auto& [symbol, range] : a.ranges) {
      std::cout << "# range " << symbol->name() << ": [";
      std::cout << (range.lo ? std::to_string(*range.lo) : "-inf") << ", "
                << (range.hi ? std::to_string(*range.hi) : "inf") << "]\n";
    }
    const engine::RewriteSummary& s = e.optimize();
    std::cout << "# removed " << s.checksRemoved << " checks, pruned " << s.branchesPruned
              << " branches, nodes " << a.nodesIn << " -> " << s.nodesOut << "\n";
    std::cout << e.print();
    return a.anyFails() ? 1 : 0;
  } catch (const ir::InputError& err) {
    std::cerr << err.what() << "\n";
    return 2;
  }
}
