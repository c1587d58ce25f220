// benchmarks/workload_main.cpp — `symrange-workload --mix NAME --nodes N [--seed S]`: prints a
// generated benchmark program to stdout and `nodes=… checks=…` to stderr.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include "benchmarks/workload/Workload.h"

namespace {

using symrange::bench::Mix;

/// Prints the usage (to stderr after an error, else to stdout); returns exit code 2.
int usage(const std::string& error) {
  std::ostream& out = error.empty() ? std::cout : std::cerr;
  if (!error.empty()) out << "symrange-workload: error: " << error << "\n";
  out << "usage: symrange-workload --mix NAME --nodes N [--seed S]\n  NAME:";
  for (Mix m : symrange::bench::allMixes()) out << " " << symrange::bench::toString(m);
  out << "\n";
  return 2;
}

/// Parses a whole non-negative decimal number.
bool parseNumber(std::string_view s, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

}  // namespace

int main(int argc, char** argv) {
  symrange::bench::WorkloadSpec spec;
  bool haveMix = false, haveNodes = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      (void)usage("");
      return 0;
    }
    if (arg != "--mix" && arg != "--nodes" && arg != "--seed") return usage("unknown option '" + std::string(arg) + "'");
    if (i + 1 >= argc) return usage("option " + std::string(arg) + " needs a value");
    const std::string_view value = argv[++i];
    if (arg == "--mix") {
      const auto m = symrange::bench::parseMix(value);
      if (!m) return usage("unknown mix '" + std::string(value) + "'");
      spec.mix = *m;
      haveMix = true;
      continue;
    }
    std::uint64_t n = 0;
    if (!parseNumber(value, n)) return usage("option " + std::string(arg) + " needs a non-negative integer");
    if (arg == "--nodes") {
      if (n == 0 || n > 100'000'000) return usage("--nodes must be in [1, 10^8]");
      spec.nodes = static_cast<std::size_t>(n);
      haveNodes = true;
    } else {
      spec.seed = n;
    }
  }
  if (!haveMix || !haveNodes) return usage("--mix and --nodes are required");
  const symrange::bench::Workload w = symrange::bench::generateWorkload(spec);
  std::fwrite(w.text.data(), 1, w.text.size(), stdout);
  std::cerr << "nodes=" << w.nodes << " checks=" << w.checks << "\n";
  return 0;
}
