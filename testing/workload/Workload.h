// testing/workload/Workload.h — seeded benchmark workloads: printed torch.export programs
// (the torch 2.5 form the readers accept) of a requested size in one of five mixes, about a
// third of the nodes being checks. Used by the `symrange-bench` harness, the
// `symrange-workload` dumper and tests/engine/test_workload.cpp.
//
// Programs are built from small independent groups of statements (fresh item() symbols per
// group, relations only inside a group), so the slice of facts a check depends on stays bounded
// however large the program is: that is the shape of real exports (each data-dependent value
// has its own few guards), and it is what makes near-linear scaling possible.
//
// Usage:
//   bench::Workload w = bench::generateWorkload({bench::Mix::Relational, 10'000, /*seed=*/1});
//   // w.text: the program; w.nodes ≈ 10'000; w.reference: an input that passes every check
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace symrange::bench {

enum class Mix : std::uint8_t {
  Interval,    // checks decided by interval bounds of constrained symbols
  Relational,  // checks that follow from relations between symbols (u <= v, u + v <= n)
  Nonlinear,   // products of symbols, floor division, modulo and divisibility facts
  Conds,       // nested torch.cond with symbolic predicates and checks inside the branches
  Realistic,   // the shape of the samples: item(), size-like constraints, sym_size, bound checks
};

/// All mixes, in the order above.
[[nodiscard]] const std::vector<Mix>& allMixes();
[[nodiscard]] const char* toString(Mix m);  // "interval", "relational", ...
[[nodiscard]] std::optional<Mix> parseMix(std::string_view name);

struct WorkloadSpec {
  Mix mix = Mix::Realistic;
  std::size_t nodes = 1000;  // target number of graph nodes, all graphs included (±10%)
  std::uint64_t seed = 1;
};

struct Workload {
  std::string text;
  std::size_t nodes = 0;   // graph nodes written (placeholders, outputs, sub-graph nodes too)
  std::size_t checks = 0;  // check and range-constraint nodes written
  /// Placeholder name -> scalar that its item() reads: an input on which the program runs to
  /// the end without any check firing (so no workload is dominated by unreachable code).
  std::map<std::string, std::int64_t> reference;
};

/// Deterministic: the same spec gives the same bytes.
[[nodiscard]] Workload generateWorkload(const WorkloadSpec& spec);

}  // namespace symrange::bench
