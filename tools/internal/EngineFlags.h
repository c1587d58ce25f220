// tools/internal/EngineFlags.h — the options every analysing sub-command takes (BRIEF section 4):
// `--inputs`, `--constraint-semantics`, `--budget`, `--ops`, registered once, parsed by CLI11
// straight into the engine's enums, and turned into the one options struct every front end
// builds (engine::EngineOptions: `analyze`, `explain`, `verify` through tools/Batch, the
// installed API and the Python module), so no command can lose a flag another has.
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "engine/Engine.h"

namespace symrange::tools {

struct EngineFlags {
  std::uint64_t budget = 0;  // Z3 rlimit per query; 0 = the engine's default
  engine::ConstraintSemantics constraintSemantics = engine::ConstraintSemantics::Aten;
  engine::InputModel inputs = engine::InputModel::Unchecked;
  std::string ops;  // a custom-op semantics file (docs/custom-ops.md); "" = none
};

/// A CLI11 validator: a whole decimal number >= `min` (no sign, no spaces); CLI11's own
/// conversion of "-3" to an unsigned option would wrap it around instead of rejecting it.
[[nodiscard]] CLI::Validator wholeNumber(std::uint64_t min);

/// Registers the flags on `cmd`, validated by CLI11 (bad values are usage errors, exit 2).
void addEngineFlags(CLI::App& cmd, EngineFlags& flags);

/// The engine options the flags ask for. Throws ir::InputError when the `--ops` file is bad.
[[nodiscard]] engine::EngineOptions engineOptions(const EngineFlags& flags);

/// For a run whose outputs show no evidence and no per-symbol ranges (no report, SARIF or
/// view): verdicts alone, the same ones, without evidence or ranges. The printed program's
/// range entries are still computed by the rewrite for the symbols it names, and a check that
/// always fails still comes with its facts and witness: the prover decides such a goal again
/// with evidence (solver::Budget::evidence).
void verdictsOnly(engine::EngineOptions& options);

}  // namespace symrange::tools
