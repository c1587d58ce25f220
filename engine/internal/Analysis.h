// engine/internal/Analysis.h — fact collection and verdicts (BRIEF sections 2 and 3): walks the
// program in order with one solver::Prover, evaluating every node through the op-semantics
// registry, adding exactly the facts section 2 allows, and asking the prover about every check,
// range constraint and `cond` predicate at its point.
//
// Facts at a node: input guarantees (the input model, Semantics::inputs, docs/input-model.md:
// sizes >= 0 under `unchecked`; what ExportedProgram's entry check enforces under `checked`),
// every check executed earlier on the path (labelled with the
// check's node name), preconditions and guarantees of ops executed earlier, and the `cond`
// semantics: a branch starts from the facts at the `cond` plus `pred` (or `not pred`) with its
// placeholders bound to the operands; after an undecided `cond`, `(pred ∧ facts of the true
// branch ∧ outputs = true outputs) ∨ (¬pred ∧ ... false ...)`, with fresh symbols for outputs
// that differ. A decided `cond` runs only its live branch; the other branch's checks are
// `unreachable`.
#pragma once

#include "engine/Verdicts.h"
#include "engine/ops/OpSemantics.h"
#include "ir/Graph.h"
#include "solver/Prover.h"

namespace symrange::engine {

/// Analyses `p` with `prover` (which must have no facts yet). On return the prover is left in
/// the state at the end of `forward` (every root-level fact still in place), so callers may ask
/// it further questions (`range`) about the end of the program. `computeRanges` false leaves
/// `AnalysisResult::ranges` empty (the benchmark harness times verdicts alone).
[[nodiscard]] AnalysisResult analyzeProgram(ir::Program& p, solver::Prover& prover,
                                            Semantics semantics = {}, bool computeRanges = true);

}  // namespace symrange::engine
