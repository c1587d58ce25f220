// tools/internal/Views.h — the pictures of a report (docs/views.md): a Graphviz DOT view of the
// program (`analyze --dot`, `verify --dot DIR`) and a self-contained HTML page (`analyze --html`,
// `verify --html DIR`, with an index page over the files). Both are drawn from the program as read
// (before the rewrite) and the JSON report (BRIEF section 5), so they show exactly what the report
// says: nothing here decides a verdict.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/Graph.h"

namespace symrange::tools {

/// The DOT text of `program` coloured by `report`: one vertex per node, an edge from each node
/// to each node using it, each sub-graph (a `cond` arm, a wrapped body) a cluster, dead arms
/// greyed, checks coloured and labelled by verdict with their evidence as tooltip. A non-empty
/// `focus` keeps only that node and what it depends on: its inputs, transitively, and the facts
/// that decide it. Throws std::invalid_argument when `focus` names no node.
[[nodiscard]] std::string dotView(const ir::Program& program, const nlohmann::ordered_json& report,
                                  std::string_view focus = {});

/// One self-contained page (inline CSS and script, no network): the program text with every
/// check marked by its verdict, the evidence of a check on click or Enter, the branches, the
/// symbol ranges and the summary. `source` is the program as printed (the input file's text).
[[nodiscard]] std::string htmlPage(const ir::Program& program, const nlohmann::ordered_json& report,
                                   std::string_view source);

/// A row of the index page of `verify --html`: the file's report (or its error) and the page
/// written for it (relative to the index; empty for a file without a page).
struct IndexRow {
  const nlohmann::ordered_json* report;
  std::string page;
};

/// The index page of `verify --html DIR`: a sortable table with a row per file (verdict counts,
/// a link to its page) and a bar chart of the verdicts over the run.
[[nodiscard]] std::string htmlIndex(const std::vector<IndexRow>& rows,
                                    const nlohmann::ordered_json& summary);

/// The file name of the page or DOT file of the `index`-th input `path` of a run inside an output
/// directory: `index` on four digits, `-`, the path with every character other than letters,
/// digits, `.`, `-` and `_` replaced by `_`, then `extension` (the number keeps two paths that
/// differ only in replaced characters apart).
[[nodiscard]] std::string viewFileName(std::size_t index, const std::string& path,
                                       std::string_view extension);

}  // namespace symrange::tools
