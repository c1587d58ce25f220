// tools/internal/Sarif.h — `--sarif PATH` of `analyze` and `verify`: the findings
// (tools/Diagnostics.h) as a SARIF 2.1.0 log for code-scanning dashboards: one run, the tool
// `symrange` with its version and rules, one result per finding (ruleId, level, message, the file
// and position, the notes as related locations).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/Diagnostics.h"

namespace symrange::tools {

/// The SARIF log of `findings` (of any number of files).
[[nodiscard]] nlohmann::ordered_json sarifLog(const std::vector<Finding>& findings);

/// A file path as a SARIF artifact URI: relative paths stay relative (percent-encoded),
/// absolute ones become `file://` URIs.
[[nodiscard]] std::string artifactUri(const std::string& path);

}  // namespace symrange::tools
