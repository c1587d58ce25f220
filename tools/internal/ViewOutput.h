// tools/internal/ViewOutput.h — writing the views of tools/internal/Views.h for the CLI: `analyze
// --dot/--html` (one file each) and `verify --dot DIR/--html DIR` (one file per input plus the HTML
// index). Every write is checked (tools/internal/Output.h); a false result means a message was
// printed.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "ir/Graph.h"

namespace symrange::tools {

/// The program as the views draw it (read again, before any rewrite) and its printed text
/// (the file's own text; a `.pt2` archive's program as printed).
struct ViewSource {
  std::unique_ptr<ir::Program> program;
  std::string text;
};

/// Reads `path` for the views ("-" is not allowed here: pass the text). Throws ir::InputError.
[[nodiscard]] ViewSource loadViewSource(const std::string& path);
/// The same from text already read (standard input).
[[nodiscard]] ViewSource viewSourceFromText(std::string text, const std::string& shownName);

/// `--dot PATH [--dot-focus NODE]` and `--html PATH` of `analyze` (an empty path: not asked).
[[nodiscard]] bool writeFileViews(const ViewSource& source, const nlohmann::ordered_json& report,
                                  const std::string& dotPath, const std::string& dotFocus,
                                  const std::string& htmlPath);

/// `--dot DIR` and `--html DIR` of `verify`: `report` is the batch report ({"files": [...],
/// "summary": {...}}); each file is read again for its view (a file that cannot be read gets a
/// row in the index and no page).
[[nodiscard]] bool writeBatchViews(const nlohmann::ordered_json& report, const std::string& dotDir,
                                   const std::string& htmlDir);

}  // namespace symrange::tools
