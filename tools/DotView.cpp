// tools/DotView.cpp — `--dot`: the program as a Boost.Graph subgraph tree written by
// write_graphviz (see Views.h).
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/subgraph.hpp>

#include "ir/GraphAlgo.h"
#include "tools/internal/ViewSupport.h"
#include "tools/internal/Views.h"

namespace symrange::tools {

namespace {

using Attrs = std::map<std::string, std::string>;
using DotGraph = boost::subgraph<boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::property<boost::vertex_attribute_t, Attrs>,
    boost::property<boost::edge_index_t, int, boost::property<boost::edge_attribute_t, Attrs>>,
    boost::property<boost::graph_name_t, std::string,
                    boost::property<boost::graph_graph_attribute_t, Attrs,
                                    boost::property<boost::graph_vertex_attribute_t, Attrs,
                                                    boost::property<boost::graph_edge_attribute_t, Attrs>>>>>>;

/// Graphviz escapes inside a quoted string: a backslash is `\\`, a line break `\n` (write_graphviz
/// quotes the value and escapes its `"`).
std::string dotText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

/// The fill colour of a verdict (the label carries the word too: colour is never the only sign).
const char* fillOf(const ViewCheck& c) {
  if (c.verdict == "fails") return "#f4a6a6";
  if (c.verdict == "required") return "#ffd59e";
  if (c.verdict == "unknown") return "#e0e0e0";
  if (c.verdict == "unreachable") return "#c6dbef";
  return c.removed ? "#b7e1b0" : "#e5f5e0";  // redundant: removed, or kept (size-like)
}

/// Every node `focus` depends on: its inputs and the facts deciding it, transitively.
std::set<const ir::Node*> sliceOf(const ir::Program& program, const ViewIndex& index,
                                  const ir::Node* focus) {
  const ir::Node* const roots[] = {focus};
  const std::vector<const ir::Node*> slice = ir::dependencySlice(
      program, roots, [&](const ir::Node* n, const std::function<void(const ir::Node*)>& dep) {
        if (const ViewCheck* c = index.checkAt(n))
          for (const std::string& fact : c->because)
            if (const ir::Node* f = index.node(fact)) dep(f);
      });
  return {slice.begin(), slice.end()};
}

}  // namespace

std::string dotView(const ir::Program& program, const nlohmann::ordered_json& report,
                    std::string_view focus) {
  const ViewIndex index(program, report);
  std::set<const ir::Node*> keep;
  if (!focus.empty()) {
    const ir::Node* f = index.node(focus);
    if (!f) throw std::invalid_argument("--dot-focus: no node named '" + std::string(focus) + "'");
    keep = sliceOf(program, index, f);
  }
  auto shown = [&](const ir::Node* n) { return focus.empty() || keep.count(n) > 0; };

  std::vector<const ir::Node*> nodes;
  std::unordered_map<const ir::Node*, std::size_t> vertexOf;
  for (const ir::GraphPath& gp : ir::allGraphs(program))
    for (const auto& n : gp.graph->nodes())
      if (shown(n.get())) {
        vertexOf.emplace(n.get(), nodes.size());
        nodes.push_back(n.get());
      }

  DotGraph root(nodes.size());
  boost::get_property(root, boost::graph_name) = "symrange";
  Attrs& rootAttrs = boost::get_property(root, boost::graph_graph_attribute);
  rootAttrs["label"] = dotText(program.file.empty() ? std::string("program") : program.file);
  rootAttrs["labelloc"] = "t";
  rootAttrs["rankdir"] = "TB";
  boost::get_property(root, boost::graph_vertex_attribute)["fontname"] = "Helvetica";
  boost::get_property(root, boost::graph_vertex_attribute)["shape"] = "ellipse";
  boost::get_property(root, boost::graph_edge_attribute)["color"] = "#555555";

  // one cluster per graph path; nested paths ("wrap_body_1/wrap_body_0") nest
  std::map<std::string, DotGraph*> clusters;
  for (const ir::GraphPath& gp : ir::allGraphs(program)) {
    DotGraph* parent = &root;
    const auto slash = gp.path.rfind('/');
    if (slash != std::string::npos) parent = clusters.at(gp.path.substr(0, slash));
    DotGraph& g = parent->create_subgraph();
    clusters[gp.path] = &g;
    boost::get_property(g, boost::graph_name) = "cluster_" + std::to_string(clusters.size());
    Attrs& a = boost::get_property(g, boost::graph_graph_attribute);
    std::string label = gp.path;
    const std::string arm = index.armState(gp.graph->name());
    if (!arm.empty()) label += " (" + arm + ")";
    a["label"] = dotText(label);
    if (arm == "dead") {
      a["style"] = "filled,dashed";
      a["fillcolor"] = "#eeeeee";
      a["fontcolor"] = "#777777";
    }
    for (const auto& n : gp.graph->nodes())
      if (auto it = vertexOf.find(n.get()); it != vertexOf.end()) boost::add_vertex(it->second, g);
  }

  for (const ir::Node* n : nodes) {
    Attrs& a = boost::get(boost::vertex_attribute, root)[vertexOf.at(n)];
    const ViewCheck* c = index.checkAt(n);
    const ViewBranch* b = index.branchAt(n);
    std::string label = n->name();
    if (c) {
      label += "\n" + c->expr + "\n" + c->verdict + (c->removed ? ", removed" : "");
      a["shape"] = "box";
      a["style"] = "filled";
      a["fillcolor"] = fillOf(*c);
      if (c->verdict == "fails") a["peripheries"] = "2";
      a["tooltip"] = dotText(index.evidenceText(*c));
    } else if (b) {
      label += "\n" + b->predicate + "\n" + b->verdict;
      a["shape"] = "diamond";
      a["tooltip"] = dotText(index.evidenceText(*b));
    } else {
      if (const std::string op = shortTarget(*n); op != n->name()) label += "\n" + op;
      if (n->loc.line > 0) a["tooltip"] = "line " + std::to_string(n->loc.line);
    }
    a["label"] = dotText(label);
  }
  for (const ir::Node* n : nodes) {
    std::set<std::size_t> from;  // a node used twice by one user is one edge
    n->forEachInput([&](ir::Node* m) {
      if (auto it = vertexOf.find(m); it != vertexOf.end()) from.insert(it->second);
    });
    for (std::size_t u : from) boost::add_edge(u, vertexOf.at(n), root);
  }

  std::ostringstream out;
  boost::write_graphviz(out, root);
  return out.str();
}

}  // namespace symrange::tools

