// examples/prune_checks_pass.cpp — a compiler pass built on the installed library API
// (<symrange/symrange.h>): reads an exported program, asks which run-time checks can be dropped
// and why, applies the rewrite and prints the optimized program.
// Usage: prune_checks_pass FILE [OPS.json]   (OPS.json: semantics of custom ops, docs/custom-ops.md)
#include <iostream>

#include <symrange/symrange.h>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: prune_checks_pass FILE [OPS.json]\n";
    return 2;
  }
  try {
    symrange::Options options;
    if (argc == 3) options.customOps = symrange::loadOpSemantics(argv[2]);
    symrange::Program p = symrange::Program::load(argv[1], options);
    for (const symrange::Check& c : p.checks()) std::cout << "# " << p.explain(c.node) << "\n";
    for (const symrange::SymbolRange& r : p.ranges())
      std::cout << "# range " << r.symbol << ": [" << (r.lo ? std::to_string(*r.lo) : "-inf")
                << ", " << (r.hi ? std::to_string(*r.hi) : "inf") << "]\n";
    const symrange::Rewrite s = p.optimize();
    std::cout << "# removed " << s.checksRemoved << " checks, pruned " << s.branchesPruned
              << " branches, nodes " << s.nodesIn << " -> " << s.nodesOut << "\n";
    std::cout << p.text();
    return p.anyFails() ? 1 : 0;
  } catch (const symrange::Error& err) {
    std::cerr << err.what() << "\n";
    return 2;
  }
}
