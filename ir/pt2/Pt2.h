// ir/pt2/Pt2.h — `.pt2` archives (torch.export.save) in and out.
//
// In: the archive's ExportedProgram JSON is printed as the text `print(ep)` shows and read by
// the text reader, so the IR, its facts and its verdicts are those of the printed program; every
// node remembers where it came from in the JSON (NodeStyle::extra, keys `pt2.*`).
// Out: the original JSON document is edited, never regenerated: nodes the rewrite removed are
// deleted (with their value-table entries), inlined `cond` branches move into the parent graph
// (their nodes, renamed where the rewrite renamed them, and their value-table entries), every
// reference follows the IR; every other member of the archive is copied unchanged.
#pragma once

#include <memory>
#include <string>

#include "ir/Graph.h"
#include "ir/pt2/Archive.h"

namespace symrange::ir::pt2 {

struct Pt2Program {
  Pt2Archive archive;
  std::string text;                  // the program as printed text
  std::unique_ptr<Program> program;  // read from `text`; its file is the archive's path
};

/// Reads `path`. Throws InputError (`FILE: error: JSON.PATH: ...`) on anything malformed.
[[nodiscard]] Pt2Program readPt2(const std::string& path);
/// The same for an archive already opened.
[[nodiscard]] Pt2Program readPt2(Pt2Archive archive);

/// The ExportedProgram JSON of `p` (read from `a`, maybe rewritten since) as a document.
/// Throws InputError when the IR holds something the JSON cannot say.
[[nodiscard]] Json programJson(const Program& p, const Pt2Archive& a);

/// Writes `p` as an archive of `a`'s layout to `dst`: `a`'s bytes when the program is unchanged
/// (unless `forceRewrite`), else `a` with the model member replaced by programJson(p, a) printed
/// as Python's json.dumps prints it.
void writePt2(const Program& p, const Pt2Archive& a, const std::string& dst, bool forceRewrite = false);

}  // namespace symrange::ir::pt2
