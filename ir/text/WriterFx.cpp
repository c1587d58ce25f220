// ir/text/WriterFx.cpp — prints a graph as FX's `graph():` dump: one `%name : [num_users=N] =
// op[target=T](args = (...), kwargs = {...})` line per node (user counts recomputed), or the
// torch 2.1 `%name := op[...](...)` spelling the node was read in.
#include "ir/GraphAlgo.h"
#include "ir/text/internal/AnnotationText.h"
#include "ir/text/internal/StyleData.h"
#include "ir/text/internal/WriterSupport.h"

namespace symrange::ir {

namespace {

const char* opName(NodeOp op) {
  switch (op) {
    case NodeOp::Placeholder: return "placeholder";
    case NodeOp::CallFunction: return "call_function";
    case NodeOp::CallMethod: return "call_method";
    case NodeOp::CallModule: return "call_module";
    case NodeOp::GetAttr: return "get_attr";
    case NodeOp::Output: return "output";
  }
  return "call_function";
}

std::string nodeLine(const Node& n, const UseDef& ud) {
  const NodeStyle& st = n.style;
  if (n.op() == NodeOp::Output) {
    ValueFormatter f(Dialect::Python, &st, &ud);
    return "return " + (n.args.empty() ? std::string("None") : f.value(n.args[0]));
  }
  std::size_t users = ud.users(&n).size();
  ValueFormatter f(Dialect::Fx, &st, &ud);
  bool walrus = st.spelling == style::kSpellWalrus;
  std::string s = "%" + n.name();
  if (walrus) {
    s += " := ";
  } else {
    s += " : ";
    if (n.annotation) s += annotationText(*n.annotation) + " ";
    s += "[" + style::get(st, style::kUsersKey, "num_users") + "=" + std::to_string(users) + "] = ";
  }
  s += std::string(opName(n.op())) + "[target=" + n.target() + "]";
  if (n.op() == NodeOp::Placeholder || n.op() == NodeOp::GetAttr) {
    if (style::has(st, style::kDefault))
      s += "(" + style::get(st, style::kWsOpen) + "default=" + style::get(st, style::kDefault) +
           style::get(st, style::kWsClose) + ")";
    return s;
  }
  bool showArgs = !walrus || style::has(st, style::kHasArgs) || !n.args.empty();
  bool showKwargs = !walrus || style::has(st, style::kHasKwargs) || !n.kwargs.empty();
  s += "(" + style::get(st, style::kWsOpen);
  if (showArgs) {
    s += "args = (";
    for (std::size_t i = 0; i < n.args.size(); ++i) {
      if (i) s += ", ";
      s += f.value(n.args[i]);
    }
    if (n.args.size() == 1) s += ",";
    s += ")";
  }
  if (showKwargs) {
    if (showArgs) s += "," + style::get(st, style::kWsKwargs, " ");
    s += "kwargs = {";
    bool first = true;
    for (const auto& [k, v] : n.kwargs) {
      if (!first) s += ", ";
      first = false;
      s += k + ": " + f.value(v);
    }
    s += "}";
  }
  s += style::get(st, style::kWsClose) + ")";
  return s;
}

}  // namespace

void writeFxGraph(const Program& p, std::string& out) {
  if (!p.root) return;
  const Graph& g = *p.root;
  LineOut lo(out);
  lo.verbatim(style::getLines(g.style, style::kDefLead));
  int gi = style::getInt(g.style, style::kDefIndent, 0);
  int bi = style::getInt(g.style, style::kBodyIndent, gi + 4);
  lo.line(gi, "graph(" + style::get(g.style, style::kPytreeArgs) + "):");
  UseDef ud(g);
  for (const auto& n : g.nodes()) {
    lo.verbatim(n->style.leadingLines);
    lo.line(n->style, bi, nodeLine(*n, ud));
  }
}

}  // namespace symrange::ir
