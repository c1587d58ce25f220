// tools/HtmlView.cpp — `--html`: the report as one self-contained page, and the index page of a
// batch (see Views.h). The pages are written here in full (the program, the tables, the markers);
// the inline script only fills the details panel and sorts the index table, so a page without
// script still shows every verdict.
#include <map>
#include <sstream>

#include "tools/internal/HtmlAssets.h"
#include "tools/internal/Markup.h"
#include "tools/internal/ViewSupport.h"
#include "tools/internal/Views.h"

namespace symrange::tools {

namespace {

using nlohmann::ordered_json;

std::string esc(std::string_view s) { return markupEscape(s); }

/// JSON inside <script type="application/json">: a `<` (only ever inside a string) is written
/// as \u003c so no `</script>` or `<!--` can end or change the block.
std::string scriptJson(const ordered_json& j) {
  std::string s = j.dump();
  std::string out;
  out.reserve(s.size());
  for (char c : s) out += c == '<' ? std::string("\\u003c") : std::string(1, c);
  return out;
}

/// The sign beside a verdict word (so colour is never the only signal).
const char* signOf(const std::string& verdict) {
  if (verdict == "redundant") return "&#10003;";     // check mark
  if (verdict == "required") return "&#9679;";       // dot
  if (verdict == "fails") return "&#10007;";         // cross
  if (verdict == "unreachable") return "&#8856;";    // circled slash
  return "?";
}

std::string countOf(const ordered_json& summary, const char* key) {
  auto it = summary.find(key);
  return it == summary.end() ? std::string("0") : it->dump();
}

std::string head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>" +
         esc(title) + "</title>\n<style>\n" + std::string(kViewCss) + "</style>\n</head>\n";
}

/// The per-check data the details panel shows (the report's entry, facts with their lines).
ordered_json checkData(const ViewIndex& index, const ViewCheck& c) {
  ordered_json j;
  j["node"] = c.node;
  j["graph"] = c.graph;
  j["kind"] = c.kind;
  j["expr"] = c.expr;
  j["verdict"] = c.verdict;
  j["method"] = c.method;
  j["removed"] = c.removed;
  ordered_json facts = ordered_json::array();
  for (const std::string& f : c.because) facts.push_back({{"name", f}, {"line", index.lineOf(f)}});
  j["because"] = std::move(facts);
  ordered_json w = ordered_json::object();
  for (const auto& [k, v] : c.witness) w[k] = v;
  j["witness"] = std::move(w);
  if (!c.keptBecause.empty()) j["kept_because"] = c.keptBecause;
  j["line"] = index.lineOf(c.node);
  return j;
}

void summaryLine(std::ostringstream& o, const ordered_json& s) {
  o << "<p class=\"summary\">" << countOf(s, "checks") << " checks: " << countOf(s, "redundant")
    << " redundant (" << countOf(s, "removed_checks") << " removed), " << countOf(s, "required")
    << " required, " << countOf(s, "fails") << " fail, " << countOf(s, "unknown") << " unknown, "
    << countOf(s, "unreachable") << " unreachable; " << countOf(s, "branches") << " branches, "
    << countOf(s, "pruned") << " pruned.</p>\n";
}

void legend(std::ostringstream& o) {
  o << "<p class=\"legend\">";
  for (const char* v : {"redundant", "required", "fails", "unknown", "unreachable"})
    o << "<span class=\"mark v-" << v << "\">" << signOf(v) << " " << v << "</span> ";
  o << "</p>\n";
}

}  // namespace

std::string htmlPage(const ir::Program& program, const ordered_json& report, std::string_view source) {
  const ViewIndex index(program, report);
  const std::string file = report.value("file", program.file);
  std::map<int, std::vector<std::size_t>> checksOnLine;
  ordered_json data = ordered_json::array();
  for (std::size_t i = 0; i < index.checks().size(); ++i) {
    const ViewCheck& c = index.checks()[i];
    data.push_back(checkData(index, c));
    checksOnLine[index.lineOf(c.node)].push_back(i);
  }

  std::ostringstream o;
  o << head("symrange: " + file) << "<body>\n<header>\n<h1>symrange report: <code>" << esc(file)
    << "</code></h1>\n";
  summaryLine(o, report.value("summary", ordered_json::object()));
  legend(o);
  o << "</header>\n<main>\n<section class=\"program\" aria-labelledby=\"h-program\">\n"
    << "<h2 id=\"h-program\">Program</h2>\n"
    << "<p class=\"hint\">Each check carries its verdict; select one (click, or Tab then Enter) "
       "to see why.</p>\n<ol class=\"code\">\n";
  int line = 0;
  std::size_t start = 0;
  while (start <= source.size()) {
    std::size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    std::string_view text = source.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    ++line;
    if (end == source.size() && text.empty()) break;
    auto it = checksOnLine.find(line);
    o << "<li id=\"L" << line << "\"" << (it != checksOnLine.end() ? " class=\"has-check\"" : "")
      << "><code>" << esc(text) << "</code>";
    if (it != checksOnLine.end())
      for (std::size_t i : it->second) {
        const ViewCheck& c = index.checks()[i];
        const std::string word = c.verdict + (c.removed ? ", removed" : "");
        o << " <button type=\"button\" class=\"mark v-" << esc(c.verdict) << "\" data-check=\"" << i
          << "\" aria-label=\"" << esc(c.node + ": " + word) << "\">" << signOf(c.verdict) << " "
          << esc(word) << "</button>";
      }
    o << "</li>\n";
    start = end + 1;
  }
  o << "</ol>\n</section>\n"
    << "<aside id=\"details\" class=\"details\" tabindex=\"-1\" aria-live=\"polite\" "
       "aria-labelledby=\"h-details\">\n<h2 id=\"h-details\">Why</h2>\n"
       "<p class=\"hint\">Select a check to see the facts that decide it or the witness that "
       "breaks it.</p>\n</aside>\n";

  // checks not on any line of the text (e.g. a program built in memory) are listed as well
  if (auto it = checksOnLine.find(0); it != checksOnLine.end()) {
    o << "<section aria-labelledby=\"h-unplaced\"><h2 id=\"h-unplaced\">Checks without a line</h2><ul>\n";
    for (std::size_t i : it->second) {
      const ViewCheck& c = index.checks()[i];
      o << "<li><button type=\"button\" class=\"mark v-" << esc(c.verdict) << "\" data-check=\"" << i
        << "\">" << signOf(c.verdict) << " " << esc(c.node + ": " + c.verdict) << "</button></li>\n";
    }
    o << "</ul></section>\n";
  }

  o << "<section aria-labelledby=\"h-branches\">\n<h2 id=\"h-branches\">Branches</h2>\n";
  if (index.branches().empty()) {
    o << "<p>No <code>cond</code>.</p>\n";
  } else {
    o << "<table>\n<thead><tr><th scope=\"col\">cond</th><th scope=\"col\">line</th><th scope=\"col\">"
         "predicate</th><th scope=\"col\">verdict</th><th scope=\"col\">live arm</th><th scope=\"col\">"
         "why</th></tr></thead>\n<tbody>\n";
    for (const ViewBranch& b : index.branches()) {
      const int at = index.lineOf(b.node);
      o << "<tr><td><code>" << esc(b.node) << "</code></td><td>";
      if (at > 0) o << "<a href=\"#L" << at << "\">" << at << "</a>";
      o << "</td><td><code>" << esc(b.predicate) << "</code></td><td>" << esc(b.verdict)
        << (b.pruned ? " (pruned)" : "") << "</td><td>" << esc(b.liveArm) << "</td><td><pre>"
        << esc(index.evidenceText(b)) << "</pre></td></tr>\n";
    }
    o << "</tbody>\n</table>\n";
  }
  o << "</section>\n<section aria-labelledby=\"h-ranges\">\n<h2 id=\"h-ranges\">Symbol ranges</h2>\n";
  const ordered_json ranges = report.value("ranges", ordered_json::object());
  if (ranges.empty()) {
    o << "<p>No symbol.</p>\n";
  } else {
    o << "<table>\n<thead><tr><th scope=\"col\">symbol</th><th scope=\"col\">low</th>"
         "<th scope=\"col\">high</th></tr></thead>\n<tbody>\n";
    for (const auto& [sym, r] : ranges.items()) {
      auto bound = [](const ordered_json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
      o << "<tr><td><code>" << esc(sym) << "</code></td><td>"
        << esc(r.is_array() && r.size() == 2 ? bound(r[0]) : r.dump()) << "</td><td>"
        << esc(r.is_array() && r.size() == 2 ? bound(r[1]) : "") << "</td></tr>\n";
    }
    o << "</tbody>\n</table>\n";
  }
  o << "</section>\n</main>\n<script type=\"application/json\" id=\"checks\">" << scriptJson(data)
    << "</script>\n<script>\n" << kPageScript << "</script>\n</body>\n</html>\n";
  return o.str();
}

std::string htmlIndex(const std::vector<IndexRow>& rows, const ordered_json& summary) {
  std::ostringstream o;
  o << head("symrange verify") << "<body>\n<header>\n<h1>symrange verify: " << rows.size()
    << " files</h1>\n";
  summaryLine(o, summary);
  legend(o);
  o << "</header>\n<main>\n<section aria-labelledby=\"h-chart\">\n<h2 id=\"h-chart\">Verdicts over "
       "the run</h2>\n";
  // a horizontal bar per verdict, its count written beside it
  const char* verdicts[] = {"redundant", "required", "fails", "unknown", "unreachable"};
  long total = 0;
  for (const char* v : verdicts) total += summary.value(v, 0L);
  const int barHeight = 22, width = 420;
  o << "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" width=\"" << width + 260
    << "\" height=\"" << barHeight * 5 + 10 << "\" viewBox=\"0 0 " << width + 260 << " "
    << barHeight * 5 + 10 << "\">\n<title id=\"chart-title\">Checks by verdict</title>\n";
  int y = 4;
  for (const char* v : verdicts) {
    const long n = summary.value(v, 0L);
    const long w = total > 0 ? n * width / total : 0;
    o << "<g class=\"v-" << v << "\"><text x=\"0\" y=\"" << y + 15 << "\">" << v << "</text><rect x=\"110\" y=\""
      << y << "\" width=\"" << w << "\" height=\"" << barHeight - 6 << "\"></rect><text x=\"" << 116 + w
      << "\" y=\"" << y + 15 << "\">" << n << "</text></g>\n";
    y += barHeight;
  }
  o << "</svg>\n</section>\n<section aria-labelledby=\"h-files\">\n<h2 id=\"h-files\">Files</h2>\n"
    << "<p class=\"hint\">Sort by a column with its header button.</p>\n<table id=\"files\">\n<thead><tr>";
  const char* columns[] = {"file", "status", "checks", "redundant", "required", "fails", "unknown",
                           "branches", "pruned"};
  for (int c = 0; c < 9; ++c)
    o << "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" data-col=\"" << c << "\">"
      << columns[c] << "</button></th>";
  o << "</tr></thead>\n<tbody>\n";
  for (const IndexRow& r : rows) {
    const ordered_json& j = *r.report;
    const std::string file = j.value("file", std::string());
    const bool bad = j.contains("error");
    const ordered_json s = j.value("summary", ordered_json::object());
    const bool fails = !bad && s.value("fails", 0L) > 0;
    o << "<tr><td>";
    if (!r.page.empty()) o << "<a href=\"" << esc(r.page) << "\">" << esc(file) << "</a>";
    else o << esc(file);
    if (bad) o << "<pre class=\"error\">" << esc(j.value("error", std::string())) << "</pre>";
    o << "</td><td class=\"" << (bad ? "v-fails\">&#10007; error" : fails ? "v-fails\">&#10007; fails" : "v-redundant\">&#10003; ok")
      << "</td>";
    for (const char* k : {"checks", "redundant", "required", "fails", "unknown", "branches", "pruned"})
      o << "<td>" << (bad ? std::string("") : countOf(s, k)) << "</td>";
    o << "</tr>\n";
  }
  o << "</tbody>\n</table>\n</section>\n</main>\n<script>\n" << kIndexScript << "</script>\n</body>\n</html>\n";
  return o.str();
}

std::string viewFileName(std::size_t index, const std::string& path, std::string_view extension) {
  std::string n = std::to_string(index);
  std::string out = std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n + "-";
  for (char c : path) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    out += keep ? c : '_';
  }
  return out + std::string(extension);
}

}  // namespace symrange::tools
