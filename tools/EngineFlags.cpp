// tools/EngineFlags.cpp — see EngineFlags.h.
#include "tools/internal/EngineFlags.h"

#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/ops/CustomOps.h"

namespace symrange::tools {

CLI::Validator wholeNumber(std::uint64_t min) {
  return CLI::Validator(
      [min](std::string& text) -> std::string {
        std::uint64_t v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || p != end || text[0] == '+')
          return "'" + text + "' is not a whole number";
        if (v < min) return "'" + text + "' is less than " + std::to_string(min);
        return {};
      },
      "INT>=" + std::to_string(min));
}

namespace {

/// A CLI11 transformer for an enum option: the word `parse` accepts becomes the enum's number
/// (what CLI11 converts an enum option from); any other word is a usage error naming `words`.
template <typename Enum>
CLI::Validator enumWord(std::optional<Enum> (*parse)(std::string_view), std::string words) {
  return CLI::Validator(
      [parse, words](std::string& text) -> std::string {
        const std::optional<Enum> v = parse(text);
        if (!v) return "'" + text + "' is not one of " + words;
        text = std::to_string(static_cast<int>(*v));
        return {};
      },
      words);
}

}  // namespace

void addEngineFlags(CLI::App& cmd, EngineFlags& flags) {
  cmd.add_option("--inputs", flags.inputs,
                 "what the inputs guarantee on entry: unchecked (default; sound for every "
                 "consumer: sizes >= 0, nothing more) or checked (run through ep.module(): what "
                 "ExportedProgram's entry check enforces); docs/input-model.md")
      ->transform(enumWord(&engine::parseInputModel, "unchecked|checked"));
  cmd.add_option("--constraint-semantics", flags.constraintSemantics,
                 "aten (default): sym_constrain_range_for_size raises when max <= 2, as ATen's "
                 "kernel does; range: it raises only outside [min, max]")
      ->transform(enumWord(&engine::parseConstraintSemantics, "aten|range"));
  cmd.add_option("--budget", flags.budget, "solver resource limit per query (Z3 rlimit, >= 1)")
      ->check(wholeNumber(1));
  cmd.add_option("--ops", flags.ops,
                 "JSON file giving the semantics of custom ops the engine does not know "
                 "(what they return, guarantee, require; docs/custom-ops.md)")
      ->check(CLI::ExistingFile);
}

engine::EngineOptions engineOptions(const EngineFlags& flags) {
  engine::EngineOptions options;
  if (flags.budget > 0) options.budget.rlimit = flags.budget;
  options.semantics.constraints = flags.constraintSemantics;
  options.semantics.inputs = flags.inputs;
  if (!flags.ops.empty())
    options.semantics.customOps =
        std::make_shared<engine::CustomOpTable>(engine::readCustomOpsFile(flags.ops));
  return options;
}

void verdictsOnly(engine::EngineOptions& options) {
  options.budget.evidence = false;
  options.ranges = false;
}

}  // namespace symrange::tools
