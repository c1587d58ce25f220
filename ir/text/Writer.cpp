// ir/text/Writer.cpp — writeProgram: the header, the graphs in the form they were read in, and the
// ExportedProgram trailers (Range constraints re-printed from their entries).
#include "ir/text/Writer.h"

#include "ir/text/internal/StyleData.h"
#include "ir/text/internal/Trailers.h"
#include "ir/text/internal/WriterSupport.h"

namespace symrange::ir {

std::string writeProgram(const Program& p) {
  std::string out;
  LineOut lo(out);
  int headerIndent = style::getInt(p.style, style::kHeaderIndent, 0);
  if (p.form == Form::ExportedProgram) {
    lo.verbatim(style::getLines(p.style, style::kHeaderLead));
    lo.line(headerIndent, "ExportedProgram:");
  }
  if (p.form == Form::FxGraph) writeFxGraph(p, out);
  else writePythonForms(p, out);

  if (p.graphSignature) {
    lo.verbatim(style::getLines(p.style, style::kSigLead));
    lo.line(style::getInt(p.style, style::kSigIndent, headerIndent),
            "Graph signature:" + *p.graphSignature);
  }
  if (p.rangeConstraints) {
    lo.verbatim(style::getLines(p.style, style::kRangeLead));
    lo.line(style::getInt(p.style, style::kRangeIndent, headerIndent),
            "Range constraints: " + printRangeConstraints(*p.rangeConstraints, p.rangeSpelling));
  }
  if (p.equalityConstraints) {
    lo.verbatim(style::getLines(p.style, style::kEqLead));
    std::string now = printEqualityConstraints(*p.equalityConstraints);
    std::string text = now == style::get(p.style, style::kEqCanon) && !p.equalityConstraintsText.empty()
                           ? p.equalityConstraintsText
                           : now;
    lo.line(style::getInt(p.style, style::kEqIndent, headerIndent), "Equality constraints: " + text);
  }
  lo.verbatim(style::getLines(p.style, style::kTrailing));
  if (style::has(p.style, style::kNoFinalNewline) && !out.empty() && out.back() == '\n') out.pop_back();
  if (style::has(p.style, style::kCrlf)) {
    std::string crlf;
    crlf.reserve(out.size() + out.size() / 32);
    for (char c : out) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    out = std::move(crlf);
  }
  if (style::has(p.style, style::kBom)) out.insert(0, "\xEF\xBB\xBF");
  return out;
}

}  // namespace symrange::ir
