// tools/ViewOutput.cpp — see ViewOutput.h.
#include "tools/internal/ViewOutput.h"

#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "ir/Diagnostic.h"
#include "ir/pt2/Pt2.h"
#include "ir/text/Reader.h"
#include "tools/internal/Output.h"
#include "tools/internal/Views.h"

namespace symrange::tools {

namespace {

bool makeDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    std::cerr << dir << ": error: cannot create the directory: " << (ec ? ec.message() : "not a directory") << "\n";
    return false;
  }
  return true;
}

std::string inDirectory(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

}  // namespace

ViewSource loadViewSource(const std::string& path) {
  ViewSource s;
  if (ir::pt2::isPt2File(path)) {
    ir::pt2::Pt2Program p = ir::pt2::readPt2(path);
    s.program = std::move(p.program);
    s.text = std::move(p.text);  // the lines the program's nodes were read from
    return s;
  }
  std::string error;
  if (!readInput(path, s.text, error)) throw ir::InputError(ir::SourceLoc{path, 1, 1}, "cannot read: " + error);
  s.program = ir::readProgram(s.text, path);
  return s;
}

ViewSource viewSourceFromText(std::string text, const std::string& shownName) {
  ViewSource s;
  s.program = ir::readProgram(text, shownName);
  s.text = std::move(text);
  return s;
}

bool writeFileViews(const ViewSource& source, const nlohmann::ordered_json& report,
                    const std::string& dotPath, const std::string& dotFocus, const std::string& htmlPath) {
  if (!dotPath.empty()) {
    std::string dot;
    try {
      dot = dotView(*source.program, report, dotFocus);
    } catch (const std::invalid_argument& e) {
      std::cerr << "symrange: error: " << e.what() << "\n";
      return false;
    }
    if (!writeOutput(dotPath, dot, "DOT view")) return false;
  }
  if (!htmlPath.empty() && !writeOutput(htmlPath, htmlPage(*source.program, report, source.text), "HTML page"))
    return false;
  return true;
}

bool writeBatchViews(const nlohmann::ordered_json& report, const std::string& dotDir,
                     const std::string& htmlDir) {
  if (!dotDir.empty() && !makeDirectory(dotDir)) return false;
  if (!htmlDir.empty() && !makeDirectory(htmlDir)) return false;
  const auto& files = report.at("files");
  std::vector<IndexRow> rows;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& f = files[i];
    IndexRow row{&f, {}};
    const std::string file = f.value("file", std::string());
    if (!f.contains("error")) {
      try {
        const ViewSource source = loadViewSource(file);
        if (!dotDir.empty() &&
            !writeOutput(inDirectory(dotDir, viewFileName(i, file, ".dot")), dotView(*source.program, f), "DOT view"))
          return false;
        if (!htmlDir.empty()) {
          row.page = viewFileName(i, file, ".html");
          if (!writeOutput(inDirectory(htmlDir, row.page), htmlPage(*source.program, f, source.text), "HTML page"))
            return false;
        }
      } catch (const ir::InputError& e) {
        std::cerr << e.what() << "\n";  // changed since the analysis: the index still lists it
      }
    }
    rows.push_back(std::move(row));
  }
  if (!htmlDir.empty() &&
      !writeOutput(inDirectory(htmlDir, "index.html"), htmlIndex(rows, report.value("summary", nlohmann::ordered_json::object())), "HTML index"))
    return false;
  return true;
}

}  // namespace symrange::tools
