// ir/text/internal/AnnotationText.h — the printed annotations of nodes (`Sym(u0 >= 0)`,
// `f32[s0, 3]`, `i64[u0, 1][1, 1]cpu`, a type name) read into an Annotation and printed back.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ir/Graph.h"
#include "ir/text/internal/SourceText.h"

namespace symrange::ir {

/// Parses annotation `text` (quotes removed) found at byte `offset` of `src`. Throws
/// InputError on unknown annotation syntax or a malformed expression.
[[nodiscard]] Annotation parseAnnotation(ExprContext& ctx, const SourceText& src,
                                         std::size_t offset, std::string_view text);

/// The annotation as printed: its verbatim text while its expressions are unchanged,
/// otherwise rebuilt from them (`Sym(` printExpr `)`, dtype `[` dims `]`).
[[nodiscard]] std::string annotationText(const Annotation& a);

}  // namespace symrange::ir
