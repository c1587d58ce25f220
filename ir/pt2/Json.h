// ir/pt2/Json.h — the ExportedProgram JSON as an ordered document (field order kept),
// walked with JSON paths for messages (`graph_module.graph.nodes[3].inputs[0]`), schema unions in
// both spellings, and printed back the way Python's json.dumps prints it.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace symrange::ir::pt2 {

using Json = nlohmann::ordered_json;

/// Throws InputError `FILE: error: PATH: MESSAGE`.
[[noreturn]] void jsonFail(const std::string& file, const std::string& path, const std::string& msg);

/// Parses `text` (member `member` of `file`). Throws InputError on malformed JSON.
[[nodiscard]] Json parseJson(const std::string& text, const std::string& file, const std::string& member);

/// The member `key` of object `j` (must be present and not null).
const Json& need(const Json& j, const char* key, const std::string& file, const std::string& path);
/// The member `key` of `j`, or nullptr when `j` is not an object, the key is absent or null.
const Json* opt(const Json& j, const char* key);

/// A schema union: `{"as_tensor": {...}}` (one key), or the old form with every member present
/// and all but one null. Returns the member's name and value.
std::pair<std::string, const Json*> unionOf(const Json& j, const std::string& file,
                                            const std::string& path);

/// `j` as Python's `json.dumps(obj)` prints it: `", "` and `": "` separators, non-ASCII as
/// `\uXXXX`, floats in their shortest round-trip form.
[[nodiscard]] std::string dumpPython(const Json& j);

}  // namespace symrange::ir::pt2
