// engine/Report.h — the JSON report of one analysed file (BRIEF section 5): a verdict for every
// check, range constraint and `cond`, the facts behind each removal, witnesses, the range of
// every symbol, a summary and the prover's statistics. Field names are a contract.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "engine/Rewrite.h"
#include "engine/Verdicts.h"

namespace symrange::engine {

/// The version of the report's schema (docs/schema/report.schema.json, docs/report.md): a new
/// minor adds fields, a new major changes or removes one.
inline constexpr const char* kReportSchemaVersion = "1.1";

/// The report object. `rewrite` may be null (analysis only: nothing removed, `nodes_out`
/// equals `nodes_in`). Keys keep the order of BRIEF section 5; unbounded range ends are null.
[[nodiscard]] nlohmann::ordered_json makeReport(const std::string& file, const AnalysisResult& a,
                                                const RewriteSummary* rewrite);

/// Symbol `name` / expression `e` as the report shows them: a symbol the analysis invented under
/// PyTorch's name or its source (AnalysisResult::displayNames), every other symbol as it is.
[[nodiscard]] std::string shownName(const AnalysisResult& a, const std::string& name);
[[nodiscard]] std::string shownExpr(const AnalysisResult& a, ir::ExprRef e);

/// The one-line summary `symrange analyze` prints on stderr.
[[nodiscard]] std::string summaryLine(const std::string& file, const AnalysisResult& a,
                                      const RewriteSummary* rewrite);

}  // namespace symrange::engine
