// ir/pt2/Pt2.cpp — see Pt2.h.
#include "ir/pt2/Pt2.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ir/Diagnostic.h"
#include "ir/pt2/ProgramText.h"
#include "ir/text/Reader.h"

namespace symrange::ir::pt2 {

namespace {

constexpr const char* kNode = "pt2.node";
constexpr const char* kGraph = "pt2.graph";
constexpr const char* kName = "pt2.name";
constexpr const char* kOutput = "pt2.output";
constexpr const char* kRefs = "pt2.refs";
constexpr const char* kGetitem = "pt2.getitem";
constexpr const char* kSynthetic = "pt2.synthetic";

std::string joinLines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

std::vector<std::string> splitLines(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

void attach(Graph& g, const GraphOrigins& o) {
  for (const auto& n : g.nodes()) {
    if (n->op() == NodeOp::Placeholder || n->op() == NodeOp::GetAttr) continue;
    auto it = o.nodes.find(n->op() == NodeOp::Output ? std::string("output") : n->name());
    if (it == o.nodes.end()) continue;
    const NodeOrigin& og = it->second;
    auto& x = n->style.extra;
    x[kName] = og.name;
    x[kRefs] = joinLines(og.refs);
    x[kGraph] = og.graphPointer;
    if (og.synthetic) {
      x[kSynthetic] = "1";
      x[kGetitem] = og.getitem;
    } else {
      x[kNode] = og.pointer;
      x[kOutput] = og.output;
    }
  }
  for (auto& [attr, sub] : g.subgraphs) {
    auto it = o.subgraphs.find(attr);
    if (sub && it != o.subgraphs.end()) attach(*sub, it->second);
  }
}

const std::string& extra(const Node& n, const char* key) {
  static const std::string empty;
  auto it = n.style.extra.find(key);
  return it == n.style.extra.end() ? empty : it->second;
}

std::string refName(const Node* n) { return n->op() == NodeOp::GetAttr ? n->target() : n->name(); }

void collectDefined(const Json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if ((it.key() == "name" || it.key() == "as_name") && it->is_string()) out.push_back(it->get<std::string>());
      else collectDefined(*it, out);
    }
  } else if (j.is_array()) {
    for (const auto& x : j) collectDefined(x, out);
  }
}

constexpr const char* kTables[] = {"tensor_values", "sym_int_values", "sym_bool_values",
                                   "sym_float_values", "custom_obj_values"};

class JsonWriter {
 public:
  JsonWriter(const Pt2Archive& a) : a_(a) {}

  Json run(const Program& p) {
    Json doc = a_.doc;
    const std::string gp = "/graph_module/graph";
    std::map<std::string, std::string> renames;
    doc["graph_module"]["graph"] = graph(*p.root, a_.doc.at(Json::json_pointer(gp)), gp, &renames);
    if (!renames.empty()) {
      Json& gm = doc["graph_module"];
      if (gm.contains("signature") && gm["signature"].contains("output_specs")) rename(gm["signature"]["output_specs"], renames);
      if (gm.contains("module_call_graph")) rename(gm["module_call_graph"], renames);
    }
    return doc;
  }

 private:
  [[noreturn]] void fail(const std::string& msg) {
    throw InputError(SourceLoc{a_.path, 0, 0}, "cannot write the program as .pt2: " + msg);
  }

  static void rename(Json& j, const std::map<std::string, std::string>& r) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if ((it.key() == "name" || it.key() == "as_name") && it->is_string()) {
          auto f = r.find(it->get<std::string>());
          if (f != r.end()) *it = f->second;
        } else {
          rename(*it, r);
        }
      }
    } else if (j.is_array()) {
      for (auto& x : j) rename(x, r);
    }
  }

  /// Points the references of `j` (pointers `refs`, relative to it) at `n`'s inputs.
  void patchRefs(const Node& n, Json& j, std::map<std::string, std::string>* renames) {
    const std::vector<std::string> refs = splitLines(extra(n, kRefs));
    const std::vector<Node*> ins = n.inputs();
    if (refs.size() != ins.size())
      fail("node '" + n.name() + "' now takes a constant where the archive has a name");
    for (std::size_t i = 0; i < refs.size(); ++i) {
      Json& slot = j.at(Json::json_pointer(refs[i]));
      std::string now = refName(ins[i]);
      if (slot.is_string() && slot.get<std::string>() != now) {
        if (renames) (*renames)[slot.get<std::string>()] = now;
        slot = now;
      }
    }
  }

  Json graph(const Graph& g, const Json& tmpl, const std::string& gptr,
             std::map<std::string, std::string>* renames) {
    if (++depth_ > 64) fail("sub-graphs nested too deeply");
    Json out = tmpl;
    Json nodes = Json::array();
    // getitems the rewrite renamed (an inlined branch's) rename their producer's outputs
    std::map<const Node*, std::vector<std::pair<std::string, std::string>>> outRenames;
    for (const auto& n : g.nodes()) {
      if (extra(*n, kSynthetic).empty() || extra(*n, kGetitem).empty() || n->args.empty()) continue;
      if (const Node* parent = n->args[0].node())
        outRenames[parent].emplace_back(extra(*n, kGetitem), n->name());
    }
    std::vector<std::string> finalNames;
    if (out.contains("inputs")) collectDefined(out["inputs"], finalNames);
    for (const auto& up : g.nodes()) {
      const Node& n = *up;
      if (n.op() == NodeOp::Placeholder || n.op() == NodeOp::GetAttr) continue;
      if (n.op() == NodeOp::Output) {
        if (extra(n, kRefs).empty() && !n.inputs().empty()) fail("graph '" + g.name() + "' has no origin");
        patchRefs(n, out, renames);
        continue;
      }
      if (!extra(n, kSynthetic).empty()) continue;
      const std::string& ptr = extra(n, kNode);
      if (ptr.empty()) fail("node '" + n.name() + "' has no origin in the archive");
      const Json& orig = a_.doc.at(Json::json_pointer(ptr));
      Json nj = orig;
      patchRefs(n, nj, nullptr);
      if (n.name() != extra(n, kName)) {
        if (!extra(n, kOutput).empty()) nj.at(Json::json_pointer(extra(n, kOutput))) = n.name();
        if (nj.contains("name") && nj["name"].is_string()) nj["name"] = n.name();
      }
      if (auto it = outRenames.find(&n); it != outRenames.end())
        for (const auto& [rel, name] : it->second) nj.at(Json::json_pointer(rel)) = name;
      // sub-graphs of the node (a kept cond): written from their IR graphs
      for (const std::string& rel : splitLines(extra(n, kRefs))) {
        const std::string suffix = "/as_graph/name";
        if (rel.size() < suffix.size() || rel.compare(rel.size() - suffix.size(), suffix.size(), suffix) != 0)
          continue;
        const std::string attr = nj.at(Json::json_pointer(rel)).get<std::string>();
        const Graph* sub = g.subgraph(attr);
        if (!sub) fail("sub-graph '" + attr + "' of node '" + n.name() + "' is missing");
        const std::string relGraph = rel.substr(0, rel.size() - 5) + "/graph";
        const std::string subPtr = ptr + relGraph;
        nj.at(Json::json_pointer(relGraph)) = graph(*sub, a_.doc.at(Json::json_pointer(subPtr)), subPtr, nullptr);
      }
      // value-table entries of nodes moved here from a branch
      std::vector<std::string> before, after;
      if (orig.contains("outputs")) collectDefined(orig["outputs"], before);
      if (nj.contains("outputs")) collectDefined(nj["outputs"], after);
      if (extra(n, kGraph) != gptr && before.size() == after.size()) {
        const Json& from = a_.doc.at(Json::json_pointer(extra(n, kGraph)));
        for (std::size_t i = 0; i < before.size(); ++i)
          for (const char* t : kTables)
            if (from.contains(t) && from[t].is_object() && from[t].contains(before[i])) {
              if (!out.contains(t) || !out[t].is_object()) out[t] = Json::object();
              out[t][after[i]] = from[t][before[i]];
            }
      }
      finalNames.insert(finalNames.end(), after.begin(), after.end());
      nodes.push_back(std::move(nj));
    }
    // entries of names no node defines any more
    std::vector<std::string> origNames;
    if (tmpl.contains("nodes")) {
      for (const auto& n : tmpl["nodes"])
        if (n.contains("outputs")) collectDefined(n["outputs"], origNames);
    }
    const std::set<std::string> keep(finalNames.begin(), finalNames.end());
    for (const auto& name : origNames) {
      if (keep.count(name)) continue;
      for (const char* t : kTables)
        if (out.contains(t) && out[t].is_object()) out[t].erase(name);
    }
    out["nodes"] = std::move(nodes);
    --depth_;
    return out;
  }

  const Pt2Archive& a_;
  int depth_ = 0;
};

}  // namespace

Pt2Program readPt2(const std::string& path) { return readPt2(openPt2(path)); }

Pt2Program readPt2(Pt2Archive archive) {
  Pt2Program r;
  ProgramText t = programText(archive.doc, archive.path);
  try {
    r.program = readProgram(t.text, archive.path + " (" + archive.modelMember + " as text)");
  } catch (const InputError& e) {
    throw InputError(SourceLoc{archive.path, 0, 0},
                     archive.modelMember + ": unsupported program: " + e.what());
  }
  r.program->file = archive.path;
  attach(*r.program->root, t.root);
  r.text = std::move(t.text);
  r.archive = std::move(archive);
  return r;
}

Json programJson(const Program& p, const Pt2Archive& a) { return JsonWriter(a).run(p); }

void writePt2(const Program& p, const Pt2Archive& a, const std::string& dst, bool forceRewrite) {
  Json doc = programJson(p, a);
  if (doc == a.doc && !forceRewrite) {
    std::ofstream o(dst, std::ios::binary | std::ios::trunc);
    o.write(a.bytes.data(), static_cast<std::streamsize>(a.bytes.size()));
    if (!o) throw InputError(SourceLoc{dst, 0, 0}, "cannot write the archive");
    return;
  }
  writeZipReplacing(a.bytes, a.modelMember, dumpPython(doc), dst);
}

}  // namespace symrange::ir::pt2
