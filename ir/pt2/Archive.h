// ir/pt2/Archive.h — a `.pt2` file (torch.export.save) opened: its members, which layout it
// has and where its ExportedProgram JSON is.
//
// Layouts (docs/pt2.md): flat (torch ≤ 2.7: `serialized_exported_program.json` + `version`),
// the PT2 archive (torch ≥ 2.8: `archive_format`, `models/<name>.json`, everything under one
// root folder), and AOTInductor packages (rejected: they hold compiled code, no program).
#pragma once

#include <string>
#include <vector>

#include "ir/pt2/Json.h"
#include "ir/pt2/Zip.h"

namespace symrange::ir::pt2 {

enum class Layout { Flat, Archive };

struct Pt2Archive {
  std::string path;                // as given, for messages
  std::string bytes;               // the file as read
  std::vector<ZipMember> members;  // in archive order
  Layout layout = Layout::Flat;
  std::string root;                // common first folder stripped ("linear_3/"), may be empty
  std::string modelMember;         // full member name of the ExportedProgram JSON
  Json doc;                        // that JSON, field order kept
};

/// Opens `path`. Throws InputError (`FILE: error: ...`) on an unreadable or corrupt zip, an
/// archive without an ExportedProgram (AOTInductor packages included) or malformed JSON.
[[nodiscard]] Pt2Archive openPt2(const std::string& path);
/// The same from bytes already read.
[[nodiscard]] Pt2Archive openPt2Bytes(std::string bytes, const std::string& path);

/// True when `path` names a zip file (by its first bytes; `-` and unreadable files are not).
[[nodiscard]] bool isPt2File(const std::string& path);

}  // namespace symrange::ir::pt2
