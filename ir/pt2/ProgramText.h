// ir/pt2/ProgramText.h — an ExportedProgram JSON printed as the text `print(ep)` shows, so that
// the text readers turn it into the IR (the same facts and verdicts as the printed program), and
// where every node of that text came from in the JSON (for the writer).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/pt2/Json.h"

namespace symrange::ir::pt2 {

/// Where one node of the text came from.
struct NodeOrigin {
  std::string pointer;       // JSON pointer of the node ("/graph_module/graph/nodes/3"); "" for getitems
  std::string graphPointer;  // JSON pointer of its graph
  std::string name;          // its name in the JSON (output name, `name` field or generated)
  std::string output;        // pointer (relative to the node) of the name it defines, if one
  /// JSON pointers (relative to the node; for the output node, to the graph) of every name it
  /// references, in the order the IR lists the node's inputs.
  std::vector<std::string> refs;
  /// getitem nodes: the pointer (relative to the producing node) of the name they define.
  std::string getitem;
  bool synthetic = false;    // a getitem FX adds for a multi-output node
};

struct GraphOrigins {
  std::string pointer;                       // the graph's JSON pointer
  std::map<std::string, NodeOrigin> nodes;   // by node name; "output" for the return
  std::map<std::string, GraphOrigins> subgraphs;  // by attribute name
};

struct ProgramText {
  std::string text;
  GraphOrigins root;
};

/// Prints `doc` (from `file`). Throws InputError naming the JSON path of anything malformed.
[[nodiscard]] ProgramText programText(const Json& doc, const std::string& file);

}  // namespace symrange::ir::pt2
