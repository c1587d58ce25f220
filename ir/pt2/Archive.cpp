// ir/pt2/Archive.cpp — see Archive.h.
#include "ir/pt2/Archive.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include "ir/Diagnostic.h"

namespace symrange::ir::pt2 {

namespace {

/// The first path component shared by every member ("" if there is none).
std::string commonRoot(const std::vector<ZipMember>& ms) {
  if (ms.empty()) return "";
  auto slash = ms[0].name.find('/');
  if (slash == std::string::npos) return "";
  std::string root = ms[0].name.substr(0, slash + 1);
  for (const auto& m : ms)
    if (m.name.rfind(root, 0) != 0) return "";
  return root;
}

}  // namespace

bool isPt2File(const std::string& path) {
  if (path == "-") return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string head(4, '\0');
  in.read(head.data(), 4);
  return in.gcount() == 4 && looksLikeZip(head);
}

Pt2Archive openPt2(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) failFile(path, "cannot open file");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return openPt2Bytes(std::move(bytes), path);
}

Pt2Archive openPt2Bytes(std::string bytes, const std::string& path) {
  Pt2Archive a;
  a.path = path;
  a.bytes = std::move(bytes);
  a.members = readZip(a.bytes, path);
  a.root = commonRoot(a.members);
  auto find = [&](const std::string& rel) -> const ZipMember* {
    for (const auto& m : a.members)
      if (m.name == a.root + rel) return &m;
    return nullptr;
  };
  const ZipMember* model = nullptr;
  if (find("archive_format")) {
    a.layout = Layout::Archive;
    std::vector<const ZipMember*> models;
    for (const auto& m : a.members) {
      const std::string rel = m.name.substr(a.root.size());
      if (rel.rfind("models/", 0) == 0 && rel.size() > 12 && rel.ends_with(".json") &&
          rel.find('/', 7) == std::string::npos)
        models.push_back(&m);
    }
    if (models.empty()) {
      bool aoti = false;
      for (const auto& m : a.members)
        aoti = aoti || m.name.find("data/aotinductor/") != std::string::npos;
      if (aoti)
        failFile(path, "an AOTInductor package (data/aotinductor/...): it holds compiled code and no "
                   "ExportedProgram; symrange reads archives written by torch.export.save");
      failFile(path, "a PT2 archive without models/*.json: it holds no ExportedProgram");
    }
    if (models.size() > 1) {
      model = find("models/model.json");
      if (!model)
        failFile(path, "a PT2 archive with " + std::to_string(models.size()) +
                       " models and none named 'model': only archives with one program are supported");
    } else {
      model = models[0];
    }
  } else if ((model = find("serialized_exported_program.json"))) {
    a.layout = Layout::Flat;
  } else {
    failFile(path, "not a torch.export archive: no models/*.json and no serialized_exported_program.json");
  }
  a.modelMember = model->name;
  a.doc = parseJson(model->data, path, model->name);
  if (!a.doc.is_object()) failFile(path, model->name + ": expected a JSON object (an ExportedProgram)");
  return a;
}

}  // namespace symrange::ir::pt2
