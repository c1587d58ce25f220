// engine/Rewrite.h — applies an analysis to its program: removes redundant checks (keeping
// `sym_constrain_range_for_size`), replaces every decided `cond` by its live branch inlined
// (fresh names where they clash, `getitem` users rewired to the branch outputs), removes the
// nodes left dead by that and the sub-graphs no longer referenced, and recomputes the
// `Range constraints` trailer (only for programs that had one).
#pragma once

#include <cstddef>
#include <vector>

#include "engine/Verdicts.h"
#include "ir/Graph.h"
#include "solver/Prover.h"

namespace symrange::engine {

struct RewriteSummary {
  /// Parallel to AnalysisResult::checks / ::branches: what the rewrite did to each.
  std::vector<bool> checkRemoved;
  std::vector<bool> branchPruned;
  std::size_t checksRemoved = 0;
  std::size_t branchesPruned = 0;
  std::size_t nodesRemoved = 0;  // dead nodes removed (checks and inlined conds not counted)
  std::size_t subgraphsRemoved = 0;
  std::size_t nodesOut = 0;      // nodes of every graph after the rewrite
  bool trailerRecomputed = false;
};

/// Rewrites `p` in place. `r` must be the analysis of `p` (its node pointers are consumed here
/// and dangle afterwards: use the records' names). `prover` is the analysis' prover, still at
/// the end of `forward`, asked for the range of symbols the analysis did not list.
RewriteSummary rewriteProgram(ir::Program& p, const AnalysisResult& r, solver::Prover& prover);

}  // namespace symrange::engine
