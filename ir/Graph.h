// ir/Graph.h — the program: FX-style graphs of nodes, their arguments and annotations, nested
// sub-graphs (cond branches, wrap bodies) and the ExportedProgram trailers.
//
// Names are kept exactly as in the input. Node order is program order. A Graph owns its nodes
// and its sub-graphs; a Program owns the root graph, the trailers and the ExprContext every
// annotation expression lives in.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "ir/Diagnostic.h"
#include "ir/Expr.h"

namespace symrange::ir {

class Node;
class Graph;

/// One argument of a call. Anything the readers keep but do not interpret (a dtype, a device,
/// a `slice(...)`, a layout) is a Raw argument holding its exact text.
struct Argument {
  struct None {};
  struct Raw {
    std::string text;  // verbatim, e.g. "torch.float32", "device(type='cpu')"
    /// Nodes named inside the text (`slice(None, item, None)` names `item`), in text order,
    /// with the names as spelled in `text`; the writer re-spells them if a node is renamed.
    std::vector<Node*> refs = {};
    std::vector<std::string> refNames = {};
  };
  struct List {
    std::vector<Argument> items;
    bool tuple = false;  // (a, b) rather than [a, b]
  };
  std::variant<None, Node*, std::int64_t, double, bool, std::string, Raw, List> value;

  [[nodiscard]] Node* node() const {
    auto* p = std::get_if<Node*>(&value);
    return p ? *p : nullptr;
  }
  [[nodiscard]] std::optional<std::int64_t> intValue() const {
    if (auto* p = std::get_if<std::int64_t>(&value)) return *p;
    return std::nullopt;
  }
  [[nodiscard]] const List* list() const { return std::get_if<List>(&value); }
  [[nodiscard]] bool isNone() const { return std::holds_alternative<None>(value); }
};

/// What the printed annotation of a node says (`f32[s0, 3]`, `Sym(u0 >= 0)`).
struct Annotation {
  enum class Kind : std::uint8_t { Tensor, Sym, Other };
  Kind kind = Kind::Other;
  std::string dtype;           // Tensor: "f32", "i64", "b8", ...
  std::vector<ExprRef> shape;  // Tensor: one expression per dim
  ExprRef sym = nullptr;       // Sym: the expression
  std::string text;            // verbatim text as read (without quotes)
  /// Reader-private: what `text` denotes. The writer prints `text` only while `sym`/`shape`
  /// still equal these (so an annotation changed through `sym`/`shape` is re-printed).
  ExprRef textSym = nullptr;
  std::vector<ExprRef> textShape = {};
};

enum class NodeOp : std::uint8_t {
  Placeholder,
  CallFunction,
  CallMethod,
  CallModule,
  GetAttr,
  Output,
};

/// Reader/writer-private presentation details of one node (how it was spelled, blank lines
/// and comments before it, its `;  x = None` tail). The engine never reads them; nodes it
/// creates get a default style the writer fills in.
struct NodeStyle {
  std::vector<std::string> leadingLines;  // comments / blank lines printed before the node
  std::string spelling;                   // reader-specific: how the call was written
  std::string raw;                        // reader-specific: verbatim statement when needed
  int indent = -1;                        // original indentation (-1: the writer decides)
  bool hasTail = false;                   // printed a `;  x = None` tail (or a bare `;`)
  std::map<std::string, std::string> extra;  // reader-specific data
  /// The values the input's `;  a = b = None` tail named (used when FX's last-use rule does
  /// not reproduce the input's tails; the writer drops nodes that are gone or used later).
  std::vector<const Node*> tail = {};
};

class Node {
 public:
  Node(std::string name, NodeOp op, std::string target)
      : name_(std::move(name)), op_(op), target_(std::move(target)) {}

  [[nodiscard]] const std::string& name() const { return name_; }
  void setName(std::string n) { name_ = std::move(n); }
  [[nodiscard]] NodeOp op() const { return op_; }
  /// Canonical target: "torch.ops.aten.sym_size.int", "operator.ge", "torch.sym_min",
  /// a method name for CallMethod ("item", "nonzero"), an attribute for GetAttr
  /// ("true_graph_0"), a placeholder's target for Placeholder, "output" for Output.
  [[nodiscard]] const std::string& target() const { return target_; }
  void setTarget(std::string t) { target_ = std::move(t); }

  std::vector<Argument> args;
  std::vector<std::pair<std::string, Argument>> kwargs;
  std::optional<Annotation> annotation;
  NodeStyle style;
  SourceLoc loc;  // where it was read (empty file name for nodes built through the API)

  /// The keyword argument `key`, or nullptr.
  [[nodiscard]] const Argument* kwarg(std::string_view key) const {
    for (const auto& [k, v] : kwargs)
      if (k == key) return &v;
    return nullptr;
  }
  /// Every node this node's arguments refer to (in argument order, duplicates kept).
  [[nodiscard]] std::vector<Node*> inputs() const;
  /// Calls `f` on every node inputs() lists, in the same order, without allocating.
  void forEachInput(const std::function<void(Node*)>& f) const;
  /// forEachInput for hot loops: `f` inlined instead of called through a std::function.
  template <class F>
  void visitInputs(F&& f) const;
  /// Replaces every reference to `from` in the arguments (Raw texts included) by `to`;
  /// returns how many were replaced.
  std::size_t replaceInput(const Node* from, Node* to);

 private:
  std::string name_;
  NodeOp op_;
  std::string target_;
};

/// One FX graph: a `forward` of a GraphModule or of a sub-module.
class Graph {
 public:
  explicit Graph(std::string name) : name_(std::move(name)) {}

  /// "forward" for the root, the attribute name (`true_graph_0`) for sub-graphs.
  [[nodiscard]] const std::string& name() const { return name_; }
  void setName(std::string n) { name_ = std::move(n); }
  /// The class name printed for this module (`GraphModule`, `true_graph_0`, `<lambda>`).
  std::string className;

  [[nodiscard]] const std::vector<std::unique_ptr<Node>>& nodes() const { return nodes_; }
  /// Appends a node; names must be unique in the graph (checked by the readers, asserted here).
  Node& append(std::unique_ptr<Node> n);
  /// Inserts before `pos` (a node of this graph).
  Node& insertBefore(const Node* pos, std::unique_ptr<Node> n);
  /// Removes a node; no other node may still refer to it.
  void erase(const Node* n);
  [[nodiscard]] Node* find(std::string_view name) const;
  /// The nodes that use `n` as an argument, in program order. O(nodes): for many queries
  /// build a UseDef (ir/GraphAlgo.h) once.
  [[nodiscard]] std::vector<Node*> users(const Node* n) const;
  /// Makes every user of `from` refer to `to` instead; returns the number of references moved.
  std::size_t replaceAllUsesWith(const Node* from, Node* to);
  /// Removes all nodes for which `pred` holds, in one linear pass; no remaining node may refer
  /// to a removed one. Returns the number removed.
  std::size_t eraseIf(const std::function<bool(const Node&)>& pred);
  /// Many edits in one linear pass: the nodes of `before[p]` go, in order, just before node p
  /// (every key must be a node of this graph), and the nodes for which `erase` holds are
  /// removed; no remaining node may refer to a removed one. Returns the number removed.
  /// The removed nodes are freed with the graph, not here: a rewrite removes tens of thousands
  /// of nodes of a large program, and the CLI never frees a program (it exits).
  /// Example: before = {{c, [x, y]}}, erase = "is c" turns [a, c, d] into [a, x, y, d].
  std::size_t splice(std::unordered_map<const Node*, std::vector<std::unique_ptr<Node>>> before,
                     const std::function<bool(const Node&)>& erase);

  /// Sub-graphs in the order the input printed them, keyed by attribute name.
  std::vector<std::pair<std::string, std::unique_ptr<Graph>>> subgraphs;
  [[nodiscard]] Graph* subgraph(std::string_view attr) const;

  NodeStyle style;  // the `def forward(...)` line details

 private:
  std::string name_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::unique_ptr<Node>> removed_;  // by splice / eraseIf, freed with the graph
};

/// A `Range constraints` entry: `sym: VR[lo, hi]`, `RangeConstraint(min_val=.., max_val=..)` or
/// `ValueRanges(lower=.., upper=.., is_bool=False)`. Missing bounds (int_oo, oo,
/// 9223372036854775806, None) are nullopt. The key is a symbol, or (torch 2.1/2.2, a `Dim`
/// derived from another) an expression such as `s0 + 1`, kept as printed.
struct RangeEntry {
  ExprRef symbol = nullptr;  // the key: a symbol or an expression
  std::optional<std::int64_t> lo;
  std::optional<std::int64_t> hi;
  std::string loText, hiText;  // verbatim bound text, for printing unchanged entries back
  bool isBool = false;         // `is_bool=True` (ValueRanges spelling)
};

/// How the `Range constraints` entries are spelled (the era's spelling).
enum class RangeSpelling : std::uint8_t {
  VR,               // `VR[lo, hi]` (torch 2.4+), unbounded `int_oo`
  RangeConstraint,  // `RangeConstraint(min_val=lo, max_val=hi)` (torch 2.1 nightlies)
  ValueRanges,      // `ValueRanges(lower=lo, upper=hi, is_bool=False)` (torch 2.1/2.2), `oo`
};

/// An `Equality constraints` entry: (InputDim(input_name='a', dim=0), InputDim(...)).
struct DimEquality {
  std::string inputA;
  std::int64_t dimA = 0;
  std::string inputB;
  std::int64_t dimB = 0;
};

/// The printed form a program was read in; the writer prints it back the same way.
enum class Form : std::uint8_t {
  ExportedProgram,  // "ExportedProgram:" + class GraphModule + trailers
  Readable,         // class GraphModule(torch.nn.Module): ... (print_readable)
  Code,             // def forward(self, ...): without annotations
  FxGraph,          // graph(): %n : [...] = call_function[...]
};

/// The PyTorch era, which decides spellings (quoted annotations, VR vs RangeConstraint).
enum class Era : std::uint8_t {
  Torch21,  // unquoted `Sym(i4)`, RangeConstraint(min_val=, max_val=), _assert_async.msg
  Torch22,  // quoted annotations, RangeConstraint
  Torch24,  // quoted, `VR[lo, hi]`, int_oo, _assert_scalar
};

class Program {
 public:
  Program();
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  [[nodiscard]] ExprContext& exprs() { return *exprs_; }
  std::unique_ptr<Graph> root;
  Form form = Form::ExportedProgram;
  Era era = Era::Torch24;
  std::string file;  // input path, for messages

  // ExportedProgram trailers (absent in other forms).
  /// Verbatim text after `Graph signature:` (its leading blank and continuation lines too).
  std::optional<std::string> graphSignature;
  std::optional<std::vector<RangeEntry>> rangeConstraints;
  RangeSpelling rangeSpelling = RangeSpelling::VR;
  std::optional<std::vector<DimEquality>> equalityConstraints;
  std::string equalityConstraintsText;                   // verbatim text
  NodeStyle style;                                       // reader-private layout details

 private:
  std::unique_ptr<ExprContext> exprs_;
};

/// Every graph of the program, root first, then sub-graphs depth-first in printed order,
/// with its path ("forward", "true_graph_0", "wrap_body_1/wrap_body_0").
struct GraphPath {
  Graph* graph;
  std::string path;
};
[[nodiscard]] std::vector<GraphPath> allGraphs(const Program& p);

/// Calls `f` on every node reference inside `a` (lists and Raw refs included), in order.
void forEachNodeRef(const Argument& a, const std::function<void(Node*)>& f);
/// forEachNodeRef with `f` inlined.
template <class F>
void visitNodeRefs(const Argument& a, F&& f) {
  if (auto* n = std::get_if<Node*>(&a.value)) {
    if (*n) f(*n);
  } else if (auto* l = std::get_if<Argument::List>(&a.value)) {
    for (const auto& item : l->items) visitNodeRefs(item, f);
  } else if (auto* r = std::get_if<Argument::Raw>(&a.value)) {
    for (Node* ref : r->refs)
      if (ref) f(ref);
  }
}

template <class F>
void Node::visitInputs(F&& f) const {
  for (const auto& a : args) visitNodeRefs(a, f);
  for (const auto& kv : kwargs) visitNodeRefs(kv.second, f);
}
/// Lets `f` rewrite every node reference inside `a` in place (lists and Raw refs included).
void mapNodeRefs(Argument& a, const std::function<Node*(Node*)>& f);

}  // namespace symrange::ir
