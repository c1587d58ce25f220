// ir/text/Reader.cpp — readProgram: recognises the printed form (ExportedProgram text, readable
// class, code form, FX dump), reads the ExportedProgram trailers, and decides the era and the
// rule the input's `;  x = None` tails followed.
#include "ir/text/Reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "ir/text/internal/PyArgs.h"
#include "ir/text/internal/ReaderSupport.h"
#include "ir/text/internal/StyleData.h"
#include "ir/text/internal/Tails.h"
#include "ir/text/internal/Trailers.h"

namespace symrange::ir {

namespace {

bool startsWithWord(std::string_view content, std::string_view word) {
  return content.starts_with(word) &&
         (content.size() == word.size() || content[word.size()] == ' ' ||
          content[word.size()] == '\t');
}

/// Some line break, and every one a CRLF.
bool allLinesEndInCrlf(std::string_view text) {
  std::size_t breaks = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    if (i == 0 || text[i - 1] != '\r') return false;
    ++breaks;
  }
  return breaks > 0;
}

bool restBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// The lines of a trailer: its first line, any lines its brackets span, and the lines indented
// deeper than it that follow (blank or comment lines between them included). Returns the end
// offset and moves the cursor past it.
std::size_t trailerEnd(LineCursor& cur) {
  const SourceText& src = cur.src;
  const SourceText::Line first = cur.current();
  std::size_t end = statementEnd(src, first.content, Dialect::Python);
  cur.moveAfter(end);
  std::size_t j = cur.line;
  const auto& lines = src.lines();
  while (j < lines.size()) {
    const auto& l = lines[j];
    if (l.blank()) {
      ++j;
      continue;
    }
    if (l.width <= first.width) break;
    end = statementEnd(src, l.content, Dialect::Python);
    j = src.lineOf(end) + 1;
    cur.line = j;
  }
  return end;
}

void readTrailers(LineCursor& cur, Program& prog) {
  const SourceText& src = cur.src;
  std::string_view text = src.text();
  auto& extra = prog.style.extra;
  while (true) {
    cur.collectLeading();
    if (cur.done()) break;
    const SourceText::Line line = cur.current();
    std::string_view content = cur.content();
    if (content.starts_with("Graph signature:")) {
      if (prog.graphSignature) src.fail(line.content, "second 'Graph signature:'");
      style::setLines(prog.style, style::kSigLead, cur.takePending());
      style::setInt(prog.style, style::kSigIndent, indentChars(line));
      std::size_t b = line.content + 16;
      std::size_t e = trailerEnd(cur);
      prog.graphSignature = std::string(text.substr(b, e - b));
    } else if (content.starts_with("Range constraints:")) {
      if (prog.rangeConstraints) src.fail(line.content, "second 'Range constraints:'");
      style::setLines(prog.style, style::kRangeLead, cur.takePending());
      style::setInt(prog.style, style::kRangeIndent, indentChars(line));
      std::size_t b = line.content + 18;
      std::size_t e = statementEnd(src, line.content, Dialect::Python);
      prog.rangeConstraints = parseRangeConstraints(prog.exprs(), src, b, e, prog.rangeSpelling);
      cur.moveAfter(e);
    } else if (content.starts_with("Equality constraints:")) {
      if (prog.equalityConstraints) src.fail(line.content, "second 'Equality constraints:'");
      style::setLines(prog.style, style::kEqLead, cur.takePending());
      style::setInt(prog.style, style::kEqIndent, indentChars(line));
      std::size_t b = line.content + 21;
      std::size_t e = statementEnd(src, line.content, Dialect::Python);
      prog.equalityConstraints = parseEqualityConstraints(src, b, e);
      std::size_t tb = b;
      while (tb < e && text[tb] == ' ') ++tb;
      prog.equalityConstraintsText = std::string(text.substr(tb, e - tb));
      extra[style::kEqCanon] = printEqualityConstraints(*prog.equalityConstraints);
      cur.moveAfter(e);
    } else {
      src.fail(line.content, "statement outside any def");
    }
  }
}

bool anyTarget(const Program& p, std::string_view needle) {
  for (const auto& gp : allGraphs(p))
    for (const auto& n : gp.graph->nodes())
      if (n->target().find(needle) != std::string::npos) return true;
  return false;
}

Era detectEra(const Program& p) {
  bool ranges = p.rangeConstraints && !p.rangeConstraints->empty();
  std::string quoted = style::get(p.style, style::kQuoted);
  if ((ranges && p.rangeSpelling == RangeSpelling::VR) || anyTarget(p, "_assert_scalar")) return Era::Torch24;
  if (ranges) return quoted == "1" ? Era::Torch22 : Era::Torch21;
  if (quoted == "0") return Era::Torch21;
  if (anyTarget(p, "_assert_async")) return Era::Torch22;
  return Era::Torch24;
}

TailRule detectTailRule(const Program& p) {
  bool any = false;
  for (const auto& gp : allGraphs(p))
    for (const auto& n : gp.graph->nodes())
      any = any || n->style.hasTail;
  if (!any) return TailRule::None;
  bool lastUse = true, lastUseAndUnused = true;
  for (const auto& gp : allGraphs(p)) {
    FxFrees frees = fxFrees(*gp.graph);
    const auto& nodes = gp.graph->nodes();
    for (std::size_t i = 0; i < nodes.size() && (lastUse || lastUseAndUnused); ++i) {
      const NodeStyle& st = nodes[i]->style;
      for (TailRule rule : {TailRule::LastUse, TailRule::LastUseAndUnused}) {
        bool& ok = rule == TailRule::LastUse ? lastUse : lastUseAndUnused;
        if (!ok) continue;
        auto tail = fxTail(*gp.graph, frees, i, rule);
        ok = st.hasTail == !tail.empty() && st.tail == tail;
      }
    }
  }
  bool newer = p.era == Era::Torch24;
  if (lastUseAndUnused && (newer || !lastUse)) return TailRule::LastUseAndUnused;
  if (lastUse) return TailRule::LastUse;
  return TailRule::Stored;
}

}  // namespace

std::unique_ptr<Program> readProgram(std::string_view text, const std::string& file) {
  // A UTF-8 byte order mark and CRLF line ends (files saved by Windows editors) are read past
  // and printed back (Writer.cpp); positions in messages count neither.
  const bool bom = text.starts_with("\xEF\xBB\xBF");
  if (bom) text.remove_prefix(3);
  std::string lf;
  const bool crlf = allLinesEndInCrlf(text);
  if (crlf) {
    lf.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
      if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) lf += text[i];
    text = lf;
  }
  SourceText src(text, file);
  auto prog = std::make_unique<Program>();
  if (bom) prog->style.extra[style::kBom] = "1";
  if (crlf) prog->style.extra[style::kCrlf] = "1";
  prog->file = file;
  LineCursor cur(src);
  cur.collectLeading();
  if (cur.done()) src.fail(0, "no program found (only blank and comment lines)");
  std::string_view content = cur.content();
  const SourceText::Line first = cur.current();
  if (content.starts_with("ExportedProgram:") && restBlank(content.substr(16))) {
    prog->form = Form::ExportedProgram;
    style::setLines(prog->style, style::kHeaderLead, cur.takePending());
    style::setInt(prog->style, style::kHeaderIndent, indentChars(first));
    ++cur.line;
    cur.collectLeading();
    // torch 2.2's docs print the class at the header's own column, 2.1 and 2.4+ indent it
    if (cur.done() || !startsWithWord(cur.content(), "class") || cur.current().width < first.width)
      src.fail(cur.done() ? first.end : cur.current().content,
               "expected 'class GraphModule(torch.nn.Module):' after 'ExportedProgram:'");
    prog->root = readClass(cur, *prog);
  } else if (startsWithWord(content, "class")) {
    prog->form = Form::Readable;
    prog->root = readClass(cur, *prog);
  } else if (startsWithWord(content, "def")) {
    prog->form = Form::Code;
    prog->root = std::make_unique<Graph>("forward");
    readDef(cur, *prog, *prog->root);
  } else if (content.starts_with("graph(")) {
    prog->form = Form::FxGraph;
    prog->root = std::make_unique<Graph>("forward");
    readFxGraph(cur, *prog, *prog->root);
  } else {
    src.fail(first.content,
             "statement outside any def (expected 'ExportedProgram:', 'class', 'def' or "
             "'graph():')");
  }
  prog->root->setName("forward");
  readTrailers(cur, *prog);
  style::setLines(prog->style, style::kTrailing, cur.takePending());
  // `gm.code` and `str(graph)` end without a line break
  if (!text.empty() && text.back() != '\n') prog->style.extra[style::kNoFinalNewline] = "1";
  prog->era = detectEra(*prog);
  if (!prog->rangeConstraints)
    prog->rangeSpelling = prog->era == Era::Torch24 ? RangeSpelling::VR : RangeSpelling::RangeConstraint;
  prog->style.extra[style::kTails] = tailRuleName(detectTailRule(*prog));
  return prog;
}

std::unique_ptr<Program> readProgramFile(const std::string& path) {
  std::string data;
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    data = ss.str();
    return readProgram(data, "<stdin>");
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(SourceLoc{path, 1, 1}, "cannot read: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLoc{path, 1, 1}, std::string("cannot open: ") + std::strerror(errno));
  // in one read when the size is known (a regular file), else through the stream buffer
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size >= 0 && in.seekg(0, std::ios::beg)) {
    data.resize(static_cast<std::size_t>(size));
    in.read(data.data(), static_cast<std::streamsize>(size));
    data.resize(static_cast<std::size_t>(in.gcount()));
    if (in) data.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    in.clear();
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (in.bad()) throw InputError(SourceLoc{path, 1, 1}, "read error");
  return readProgram(data, path);
}

}  // namespace symrange::ir
