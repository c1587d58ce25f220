// ir/pt2/ProgramText.cpp — ExportedProgram JSON to the printed text (see ProgramText.h).
//
// The text is what `print(ep)` shows for torch ≥ 2.4 (quoted annotations, `VR[lo, hi]`): one
// statement per JSON node, `getitem` statements for multi-output nodes (as torch's deserializer
// adds them), `attr = self.attr` before a node taking a sub-graph, the sub-graphs as nested
// classes, then the graph signature and the range constraints.
#include "ir/pt2/ProgramText.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>
#include <sstream>

#include "ir/ExprParser.h"
#include "ir/ExprPrinter.h"
#include "ir/pt2/internal/SympyRepr.h"

namespace symrange::ir::pt2 {

namespace {

bool isIdent(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

bool isPyKeyword(const std::string& s) {
  static const std::set<std::string> kw = {
      "False", "None",   "True",    "and",      "as",   "assert", "async",  "await",
      "break", "class",  "continue", "def",     "del",  "elif",   "else",   "except",
      "finally", "for",  "from",    "global",   "if",   "import", "in",     "is",
      "lambda", "nonlocal", "not",  "or",       "pass", "raise",  "return", "try",
      "while", "with",   "yield"};
  return kw.count(s) != 0;
}

std::string pyFloat(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[40];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

std::string pyString(const std::string& s) {
  const bool dq = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
  const char q = dq ? '"' : '\'';
  std::string out(1, q);
  for (unsigned char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == static_cast<unsigned char>(q)) out += std::string("\\") + static_cast<char>(q);
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out + q;
}

const char* dtypeShort(std::int64_t code) {
  switch (code) {
    case 1: return "u8";
    case 2: return "i8";
    case 3: return "i16";
    case 4: return "i32";
    case 5: return "i64";
    case 6: return "f16";
    case 7: return "f32";
    case 8: return "f64";
    case 9: return "c32";
    case 10: return "c64";
    case 11: return "c128";
    case 12: return "b8";
    case 13: return "bf16";
    case 28: return "u16";
    case 29: return "f8e4m3fn";
    case 30: return "f8e5m2";
    case 31: return "f8e4m3fnuz";
    case 32: return "f8e5m2fnuz";
    case 33: return "f8e8m0fnu";
    case 34: return "u32";
    case 35: return "u64";
    default: return nullptr;
  }
}

const char* dtypeName(std::int64_t code) {
  switch (code) {
    case 1: return "torch.uint8";
    case 2: return "torch.int8";
    case 3: return "torch.int16";
    case 4: return "torch.int32";
    case 5: return "torch.int64";
    case 6: return "torch.float16";
    case 7: return "torch.float32";
    case 8: return "torch.float64";
    case 9: return "torch.complex32";
    case 10: return "torch.complex64";
    case 11: return "torch.complex128";
    case 12: return "torch.bool";
    case 13: return "torch.bfloat16";
    case 28: return "torch.uint16";
    case 29: return "torch.float8_e4m3fn";
    case 30: return "torch.float8_e5m2";
    case 31: return "torch.float8_e4m3fnuz";
    case 32: return "torch.float8_e5m2fnuz";
    case 33: return "torch.float8_e8m0fnu";
    case 34: return "torch.uint32";
    case 35: return "torch.uint64";
    default: return nullptr;
  }
}

const char* infixOf(const std::string& op) {
  static const std::pair<const char*, const char*> table[] = {
      {"add", "+"}, {"sub", "-"},  {"mul", "*"},  {"floordiv", "//"}, {"mod", "%"},
      {"truediv", "/"}, {"pow", "**"}, {"lt", "<"}, {"le", "<="}, {"gt", ">"},
      {"ge", ">="}, {"eq", "=="}, {"ne", "!="}, {"and_", "&"}, {"or_", "|"}};
  for (const auto& [k, v] : table)
    if (op == k) return v;
  return nullptr;
}

/// Arguments whose name marks them keyword-only in ATen schemas (used when `kind` is absent).
bool kwargOnlyName(const std::string& n) {
  static const std::set<std::string> names = {"dtype", "layout", "device", "pin_memory",
                                              "memory_format", "non_blocking", "generator",
                                              "out", "requires_grad"};
  return names.count(n) != 0;
}

struct Sub {
  std::string attr;
  const Json* graph;
  std::string pointer;
  std::string path;
};

class Printer {
 public:
  Printer(const Json& doc, const std::string& file) : doc_(doc), file_(file) {}

  ProgramText run() {
    const Json& gm = need(doc_, "graph_module", file_, "");
    const Json& g = need(gm, "graph", file_, "graph_module");
    out_ << "ExportedProgram:\n";
    graph(g, "/graph_module/graph", "graph_module.graph", "GraphModule", 4, result_.root, 0);
    out_ << "Graph signature: \n";
    if (const Json* sig = opt(gm, "signature")) signature(*sig);
    out_ << "Range constraints: {";
    if (const Json* rc = opt(doc_, "range_constraints")) ranges(*rc);
    out_ << "}\n";
    result_.text = out_.str();
    return std::move(result_);
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& msg) { jsonFail(file_, path, msg); }

  static std::string ind(int n) { return std::string(static_cast<std::size_t>(n), ' '); }

  std::string intText(const Json& v, const std::string& path) {
    if (v.is_number_integer()) return v.dump();
    if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
    fail(path, "expected an integer");
  }

  /// An `expr_str` in the printer's spelling, or "" when it does not parse.
  std::string exprText(const Json& e) {
    const Json* s = e.is_string() ? &e : opt(e, "expr_str");
    if (!s || !s->is_string()) return "";
    try {
      ExprRef x = parseExpr(scratch_, sympyText(s->get<std::string>()), SourceLoc{file_, 0, 0});
      return printExpr(x);
    } catch (const InputError&) {
      return "";
    }
  }

  /// A SymInt / SymBool / SymFloat union as annotation text ("" if not understood).
  std::string symText(const Json& v, const std::string& path) {
    auto [k, x] = unionOf(v, file_, path);
    if (k == "as_int" && x->is_number_integer()) return x->dump();
    if (k == "as_bool" && x->is_boolean()) return x->get<bool>() ? "True" : "False";
    if (k == "as_float" && x->is_number()) return pyFloat(x->get<double>());
    if (k == "as_expr") return exprText(*x);
    return "";
  }

  /// The annotation of value `name` in graph `g` (with its quotes and colon), or "".
  std::string annotation(const Json& g, const std::string& name, const std::string& kind,
                         const std::string& gpath) {
    auto table = [&](const char* t) -> const Json* {
      const Json* tab = opt(g, t);
      if (!tab || !tab->is_object()) return nullptr;
      auto it = tab->find(name);
      return it == tab->end() || it->is_null() ? nullptr : &*it;
    };
    if (kind == "as_tensor") {
      const Json* m = table("tensor_values");
      if (!m) return "";
      const std::string p = gpath + ".tensor_values." + name;
      const Json* dt = opt(*m, "dtype");
      const Json* sizes = opt(*m, "sizes");
      if (!dt || !dt->is_number_integer() || !sizes || !sizes->is_array()) return "";
      const char* d = dtypeShort(dt->get<std::int64_t>());
      if (!d) return "";
      std::string s = std::string(": \"") + d + "[";
      for (std::size_t i = 0; i < sizes->size(); ++i) {
        std::string t = symText((*sizes)[i], p + ".sizes[" + std::to_string(i) + "]");
        if (t.empty()) return "";
        s += (i ? ", " : "") + t;
      }
      return s + "]\"";
    }
    const char* t = kind == "as_sym_int"    ? "sym_int_values"
                    : kind == "as_sym_bool" ? "sym_bool_values"
                    : kind == "as_sym_float" ? "sym_float_values"
                                             : nullptr;
    if (!t) return "";
    const Json* m = table(t);
    if (!m) return "";
    std::string x = symText(*m, gpath + "." + t + "." + name);
    return x.empty() ? "" : ": \"Sym(" + x + ")\"";
  }

  /// The name a SymInt/SymBool/SymFloat argument refers to ("" for a literal) and its text.
  std::string symArg(const Json& v, const std::string& path, const std::string& rel,
                     std::vector<std::string>& refs) {
    auto [k, x] = unionOf(v, file_, path);
    if (k == "as_name") {
      if (!x->is_string()) fail(path, "expected a name");
      refs.push_back(rel + "/as_name");
      return x->get<std::string>();
    }
    if (k == "as_int") return intText(*x, path);
    if (k == "as_bool" && x->is_boolean()) return x->get<bool>() ? "True" : "False";
    if (k == "as_float") return floatText(*x, path);
    fail(path, "unsupported symbolic argument '" + k + "'");
  }

  std::string floatText(const Json& v, const std::string& path) {
    if (v.is_number()) return pyFloat(v.get<double>());
    if (v.is_string()) {
      const auto& s = v.get_ref<const std::string&>();
      if (s == "Infinity") return "inf";
      if (s == "-Infinity") return "-inf";
      if (s == "NaN") return "nan";
    }
    fail(path, "expected a float");
  }

  std::string tensorName(const Json& v, const std::string& path, const std::string& rel,
                         std::vector<std::string>& refs) {
    const Json& n = need(v, "name", file_, path);
    if (!n.is_string()) fail(path + ".name", "expected a string");
    refs.push_back(rel + "/name");
    return n.get<std::string>();
  }

  template <class F>
  std::string list(const Json& v, const std::string& path, const std::string& rel, F&& item) {
    if (!v.is_array()) fail(path, "expected a list");
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
      s += (i ? ", " : "") + item(v[i], path + "[" + std::to_string(i) + "]", rel + "/" + std::to_string(i));
    return s + "]";
  }

  /// One Argument union as Python text; appends the pointers of the names it references.
  std::string argument(const Json& a, const std::string& path, const std::string& rel,
                       std::vector<std::string>& refs, std::vector<Sub>& subs,
                       const std::string& nodePointer) {
    auto [k, vp] = unionOf(a, file_, path);
    const Json& v = *vp;
    const std::string p = path + "." + k;
    const std::string r = rel + "/" + k;
    auto tensor = [&](const Json& x, const std::string& xp, const std::string& xr) {
      return tensorName(x, xp, xr, refs);
    };
    auto optTensor = [&](const Json& x, const std::string& xp, const std::string& xr) {
      auto [ok, ov] = unionOf(x, file_, xp);
      if (ok == "as_none") return std::string("None");
      if (ok == "as_tensor") return tensorName(*ov, xp + ".as_tensor", xr + "/as_tensor", refs);
      fail(xp, "unsupported optional tensor '" + ok + "'");
    };
    auto sym = [&](const Json& x, const std::string& xp, const std::string& xr) {
      return symArg(x, xp, xr, refs);
    };
    auto integer = [&](const Json& x, const std::string& xp, const std::string&) { return intText(x, xp); };
    auto flt = [&](const Json& x, const std::string& xp, const std::string&) { return floatText(x, xp); };
    auto str = [&](const Json& x, const std::string& xp, const std::string&) {
      if (!x.is_string()) fail(xp, "expected a string");
      return pyString(x.get<std::string>());
    };
    auto boolean = [&](const Json& x, const std::string& xp, const std::string&) {
      if (!x.is_boolean()) fail(xp, "expected a bool");
      return std::string(x.get<bool>() ? "True" : "False");
    };
    if (k == "as_none") return "None";
    if (k == "as_tensor") return tensor(v, p, r);
    if (k == "as_tensors") return list(v, p, r, tensor);
    if (k == "as_optional_tensor") return optTensor(v, p, r);
    if (k == "as_optional_tensors") return list(v, p, r, optTensor);
    if (k == "as_int") return intText(v, p);
    if (k == "as_ints") return list(v, p, r, integer);
    if (k == "as_int_lists")
      return list(v, p, r, [&](const Json& x, const std::string& xp, const std::string& xr) {
        return list(x, xp, xr, integer);
      });
    if (k == "as_float") return floatText(v, p);
    if (k == "as_floats") return list(v, p, r, flt);
    if (k == "as_string") return str(v, p, r);
    if (k == "as_strings") return list(v, p, r, str);
    if (k == "as_bool") return boolean(v, p, r);
    if (k == "as_bools") return list(v, p, r, boolean);
    if (k == "as_sym_int" || k == "as_sym_bool" || k == "as_sym_float") return sym(v, p, r);
    if (k == "as_sym_ints" || k == "as_sym_bools" || k == "as_sym_floats") return list(v, p, r, sym);
    if (k == "as_scalar_type" && v.is_number_integer()) {
      const char* n = dtypeName(v.get<std::int64_t>());
      if (n) return n;
    }
    if (k == "as_memory_format" && v.is_number_integer()) {
      static const char* mf[] = {nullptr, "torch.contiguous_format", "torch.channels_last",
                                 "torch.channels_last_3d", "torch.preserve_format"};
      auto i = v.get<std::int64_t>();
      if (i >= 1 && i <= 4) return mf[i];
    }
    if (k == "as_layout" && v.is_number_integer()) {
      static const char* ly[] = {nullptr, "torch.sparse_coo", "torch.sparse_csr", "torch.sparse_csc",
                                 "torch.sparse_bsr", "torch.sparse_bsc", "torch._mkldnn", "torch.strided"};
      auto i = v.get<std::int64_t>();
      if (i >= 1 && i <= 7) return ly[i];
    }
    if (k == "as_device" && v.is_object()) {
      const Json* t = opt(v, "type");
      const Json* i = opt(v, "index");
      if (t && t->is_string()) {
        std::string s = "device(type=" + pyString(t->get<std::string>());
        if (i && i->is_number_integer()) s += ", index=" + i->dump();
        return s + ")";
      }
    }
    if (k == "as_graph") {
      const Json& n = need(v, "name", file_, p);
      const Json& g = need(v, "graph", file_, p);
      if (!n.is_string() || !isIdent(n.get<std::string>())) fail(p + ".name", "expected an identifier");
      refs.push_back(r + "/name");
      subs.push_back({n.get<std::string>(), &g, nodePointer + r + "/graph", p + ".graph"});
      return n.get<std::string>();
    }
    if (k == "as_custom_obj") return tensor(v, p, r);
    if (k == "as_operator" && v.is_string()) return v.get<std::string>();
    // kept but not interpreted: the op that takes it is opaque to the analysis
    return pyString("<" + k + ">");
  }

  /// The name of the value one output Argument defines, with its kind; "" for none.
  std::pair<std::string, std::string> singleOutput(const Json& o, const std::string& path,
                                                   std::string& rel) {
    auto [k, v] = unionOf(o, file_, path);
    if (k == "as_tensor" || k == "as_custom_obj") {
      const Json& n = need(*v, "name", file_, path + "." + k);
      if (!n.is_string()) fail(path + "." + k + ".name", "expected a string");
      rel += "/" + k + "/name";
      return {n.get<std::string>(), k == "as_tensor" ? k : ""};
    }
    if (k == "as_sym_int" || k == "as_sym_bool" || k == "as_sym_float") {
      auto [k2, v2] = unionOf(*v, file_, path + "." + k);
      if (k2 != "as_name" || !v2->is_string()) return {"", ""};
      rel += "/" + k + "/as_name";
      return {v2->get<std::string>(), k};
    }
    return {"", ""};
  }

  std::string freshName(std::string base, std::set<std::string>& names) {
    for (char& c : base)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) c = '_';
    if (base.empty() || std::isdigit(static_cast<unsigned char>(base[0]))) base = "_" + base;
    std::string n = base;
    for (int i = 1; names.count(n) || isPyKeyword(n); ++i) n = base + "_" + std::to_string(i);
    names.insert(n);
    return n;
  }

  void graph(const Json& g, const std::string& ptr, const std::string& path, const std::string& cls,
             int indent, GraphOrigins& o, int depth) {
    if (depth > 64) fail(path, "sub-graphs nested too deeply");
    o.pointer = ptr;
    const Json& inputs = need(g, "inputs", file_, path);
    const Json& nodes = need(g, "nodes", file_, path);
    const Json& outputs = need(g, "outputs", file_, path);
    if (!inputs.is_array() || !nodes.is_array() || !outputs.is_array())
      fail(path, "inputs, nodes and outputs must be lists");
    std::set<std::string> names;  // every name defined in this graph
    std::ostringstream body;
    const std::string bi = ind(indent + 8);
    // inputs
    std::string params;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::string ip = path + ".inputs[" + std::to_string(i) + "]";
      std::string rel;
      auto [name, kind] = singleOutput(inputs[i], ip, rel);
      if (name.empty()) {
        auto [k, v] = unionOf(inputs[i], file_, ip);
        if (k == "as_token" || k == "as_custom_obj") {
          const Json& n = need(*v, "name", file_, ip);
          if (n.is_string()) name = n.get<std::string>();
        }
        if (name.empty()) fail(ip, "unsupported graph input '" + k + "'");
      }
      if (!isIdent(name) || !names.insert(name).second) fail(ip, "bad or repeated name '" + name + "'");
      params += ", " + name + annotation(g, name, kind, path);
    }
    // collect the names the nodes define first (generated names must avoid them)
    for (const auto& n : nodes)
      if (const Json* outs = opt(n, "outputs"); outs && outs->is_array())
        for (const auto& x : *outs) collectNames(x, names);
    std::vector<Sub> subs;
    std::set<std::string> attrs;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const Json& n = nodes[i];
      const std::string np = path + ".nodes[" + std::to_string(i) + "]";
      const std::string nptr = ptr + "/nodes/" + std::to_string(i);
      const Json& targetJ = need(n, "target", file_, np);
      if (!targetJ.is_string()) fail(np + ".target", "expected a string");
      std::string target = targetJ.get<std::string>();
      const Json& ins = need(n, "inputs", file_, np);
      const Json& outs = need(n, "outputs", file_, np);
      if (!ins.is_array() || !outs.is_array()) fail(np, "inputs and outputs must be lists");
      // arguments
      const bool hop = target.rfind("torch.ops.higher_order.", 0) == 0;
      const bool atenLike = !hop && target.rfind("torch.ops.", 0) == 0;
      std::vector<std::string> args, argRefs, kwRefs;
      std::vector<std::pair<std::string, std::string>> kwargs;
      std::vector<Sub> nodeSubs;
      for (std::size_t j = 0; j < ins.size(); ++j) {
        const std::string ap = np + ".inputs[" + std::to_string(j) + "]";
        const std::string ar = "/inputs/" + std::to_string(j);
        const Json& in = ins[j];
        const Json* nameJ = opt(in, "name");
        const std::string aname = nameJ && nameJ->is_string() ? nameJ->get<std::string>() : "";
        const Json* kindJ = opt(in, "kind");
        const std::int64_t kind = kindJ && kindJ->is_number_integer() ? kindJ->get<std::int64_t>() : 0;
        bool positional = true;
        if (hop) positional = kind == 1 || aname.empty();
        else if (atenLike) positional = kind == 1 || (kind != 2 && !kwargOnlyName(aname));
        if (!positional && (!isIdent(aname) || isPyKeyword(aname))) positional = true;
        std::vector<std::string> refs;
        std::string text = argument(need(in, "arg", file_, ap), ap + ".arg", ar + "/arg", refs,
                                    nodeSubs, "");
        if (positional) {
          if (!kwargs.empty()) {  // a positional after keywords: keep Python's order valid
            kwargs.emplace_back(aname.empty() ? "arg" + std::to_string(j) : aname, text);
            kwRefs.insert(kwRefs.end(), refs.begin(), refs.end());
            continue;
          }
          args.push_back(text);
          argRefs.insert(argRefs.end(), refs.begin(), refs.end());
        } else {
          kwargs.emplace_back(aname, text);
          kwRefs.insert(kwRefs.end(), refs.begin(), refs.end());
        }
      }
      // sub-graphs: `attr = self.attr` lines, then the classes after forward
      for (auto& s : nodeSubs) {
        s.pointer = nptr + s.pointer;
        if (!attrs.insert(s.attr).second) fail(s.path, "sub-graph name '" + s.attr + "' used twice");
        if (names.count(s.attr)) fail(s.path, "sub-graph name '" + s.attr + "' is also a value");
        names.insert(s.attr);
        body << bi << s.attr << " = self." << s.attr << "\n";
        subs.push_back(s);
      }
      // the call
      std::string call;
      std::string canon = target;
      if (canon.rfind("_operator.", 0) == 0) canon = canon.substr(1);
      const char* infix = canon.rfind("operator.", 0) == 0 ? infixOf(canon.substr(9)) : nullptr;
      if (infix && args.size() == 2 && kwargs.empty()) {
        call = args[0] + " " + infix + " " + args[1];
      } else {
        if (!isDotted(canon)) fail(np + ".target", "unsupported target '" + target + "'");
        call = canon + "(";
        bool first = true;
        for (std::size_t j = 0; j < args.size(); ++j) {
          std::string a = args[j];
          if (hop && j == 3 && a.size() >= 2 && a.front() == '[')  // cond operands: a tuple
            a = "(" + a.substr(1, a.size() - 2) + (a.size() > 2 ? ",)" : ")");
          call += (first ? "" : ", ") + a;
          first = false;
        }
        for (const auto& [k, v] : kwargs) {
          call += (first ? "" : ", ") + k + " = " + v;
          first = false;
        }
        call += ")";
      }
      // outputs
      NodeOrigin origin;
      origin.pointer = nptr;
      origin.graphPointer = ptr;
      origin.refs = argRefs;
      origin.refs.insert(origin.refs.end(), kwRefs.begin(), kwRefs.end());
      std::string name, kind;
      bool multi = false;
      const Json* hopSingle = opt(n, "is_hop_single_tensor_return");
      if (outs.size() == 1 && hop && hopSingle && hopSingle->is_boolean() && !hopSingle->get<bool>() &&
          unionOf(outs[0], file_, np + ".outputs[0]").first != "as_none") {
        multi = true;  // a higher-order op returning a one-element tuple (torch's deserializer)
      } else if (outs.size() == 1) {
        std::string rel = "/outputs/0";
        std::tie(name, kind) = singleOutput(outs[0], np + ".outputs[0]", rel);
        if (!name.empty()) origin.output = rel;
        if (name.empty()) multi = unionOf(outs[0], file_, np + ".outputs[0]").first != "as_none";
      } else if (outs.size() > 1) {
        multi = true;
      }
      if (name.empty()) {
        const Json* nn = opt(n, "name");
        std::string want = nn && nn->is_string() ? nn->get<std::string>() : "";
        if (want.empty() || names.count(want)) want = defaultName(target);
        name = freshName(want, names);
      } else if (!isIdent(name)) {
        fail(np + ".outputs", "bad name '" + name + "'");
      }
      origin.name = name;
      body << bi << name << annotation(g, name, kind, path) << " = " << call << "\n";
      o.nodes[name] = origin;
      if (multi) getitems(g, n, np, name, names, body, bi, o, path);
    }
    // return
    NodeOrigin ret;
    ret.pointer = ptr;
    ret.graphPointer = ptr;
    std::string items;
    std::vector<Sub> none;
    for (std::size_t i = 0; i < outputs.size(); ++i)
      items += (i ? ", " : "") + argument(outputs[i], path + ".outputs[" + std::to_string(i) + "]",
                                          "/outputs/" + std::to_string(i), ret.refs, none, "");
    if (!none.empty()) fail(path + ".outputs", "a sub-graph as an output is not supported");
    o.nodes["output"] = ret;
    out_ << ind(indent) << "class " << cls << "(torch.nn.Module):\n";
    out_ << ind(indent + 4) << "def forward(self" << params << "):\n";
    out_ << body.str();
    out_ << bi << "return (" << items << (outputs.size() == 1 ? ",)" : ")") << "\n";
    for (const auto& s : subs) {
      out_ << ind(indent + 8) << "\n";
      graph(*s.graph, s.pointer, s.path, s.attr, indent + 4, o.subgraphs[s.attr], depth + 1);
    }
    out_ << ind(indent) << "\n";
  }

  static bool isDotted(const std::string& t) {
    std::size_t b = 0;
    for (;;) {
      auto d = t.find('.', b);
      if (!isIdent(t.substr(b, d == std::string::npos ? std::string::npos : d - b))) return false;
      if (d == std::string::npos) return true;
      b = d + 1;
    }
  }

  static std::string defaultName(const std::string& target) {
    std::string t = target;
    if (t.rfind("torch.ops.", 0) == 0) {
      t = t.substr(10);
      auto d = t.find('.');
      if (d != std::string::npos) t = t.substr(d + 1);
    } else {
      auto d = t.rfind('.');
      if (d != std::string::npos) t = t.substr(d + 1);
    }
    return t;
  }

  void collectNames(const Json& o, std::set<std::string>& names) {
    if (o.is_object()) {
      for (auto it = o.begin(); it != o.end(); ++it) {
        if ((it.key() == "name" || it.key() == "as_name") && it->is_string())
          names.insert(it->get<std::string>());
        else collectNames(*it, names);
      }
    } else if (o.is_array()) {
      for (const auto& x : o) collectNames(x, names);
    }
  }

  /// `x = node[k]` for every value a multi-output node defines (nested lists: one level more).
  void getitems(const Json& g, const Json& n, const std::string& np, const std::string& parent,
                std::set<std::string>& names, std::ostringstream& body, const std::string& bi,
                GraphOrigins& o, const std::string& gpath) {
    const Json& outs = n.at("outputs");
    struct Item {
      const Json* arg;      // an Argument union, or a TensorArgument when `bare`
      std::string path, rel;
      bool bare;
    };
    std::vector<Item> items;
    if (outs.size() == 1 && !unionOf(outs[0], file_, np + ".outputs[0]").second->is_array()) {
      items.push_back({&outs[0], np + ".outputs[0]", "/outputs/0", false});
    } else if (outs.size() == 1) {
      auto [k, v] = unionOf(outs[0], file_, np + ".outputs[0]");
      for (std::size_t i = 0; i < v->size(); ++i)
        items.push_back({&(*v)[i], np + ".outputs[0]." + k + "[" + std::to_string(i) + "]",
                         "/outputs/0/" + k + "/" + std::to_string(i), k == "as_tensors"});
    } else {
      for (std::size_t i = 0; i < outs.size(); ++i)
        items.push_back({&outs[i], np + ".outputs[" + std::to_string(i) + "]",
                         "/outputs/" + std::to_string(i), false});
    }
    // `name = from[index]`, a node torch's loader would create, with its JSON origin `rel`
    auto emitGetitem = [&](const std::string& name, const std::string& kind, const std::string& from,
                           std::size_t index, const std::string& rel, const std::string& path) {
      if (!isIdent(name)) fail(path, "bad name '" + name + "'");
      body << bi << name << annotation(g, name, kind, gpath) << " = " << from << "[" << index << "]\n";
      NodeOrigin origin;
      origin.synthetic = true;
      origin.name = name;
      origin.getitem = rel;
      o.nodes[name] = origin;
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      std::string name, kind, rel = it.rel;
      if (it.bare) {
        const Json& nm = need(*it.arg, "name", file_, it.path);
        if (!nm.is_string()) fail(it.path, "expected a name");
        name = nm.get<std::string>();
        kind = "as_tensor";
        rel += "/name";
      } else {
        std::tie(name, kind) = singleOutput(*it.arg, it.path, rel);
        if (name.empty()) {
          auto [k, v] = unionOf(*it.arg, file_, it.path);
          if (k == "as_none") continue;
          if (!v->is_array()) continue;  // a literal: never referenced by name
          std::string listName = freshName("getitem", names);
          body << bi << listName << " = " << parent << "[" << i << "]\n";
          NodeOrigin lo;
          lo.synthetic = true;
          lo.name = listName;
          o.nodes[listName] = lo;
          for (std::size_t j = 0; j < v->size(); ++j) {
            const Json& e = (*v)[j];
            std::string en;
            std::string erel = it.rel + "/" + k + "/" + std::to_string(j);
            std::string ekind = k == "as_tensors" ? "as_tensor" : k == "as_sym_ints" ? "as_sym_int" : "";
            if (k == "as_tensors" && opt(e, "name") && e["name"].is_string()) {
              en = e["name"].get<std::string>();
              erel += "/name";
            } else if (ekind == "as_sym_int") {
              auto [k3, v3] = unionOf(e, file_, it.path);
              if (k3 != "as_name" || !v3->is_string()) continue;
              en = v3->get<std::string>();
              erel += "/as_name";
            } else {
              continue;
            }
            emitGetitem(en, ekind, listName, j, erel, it.path);
          }
          continue;
        }
      }
      emitGetitem(name, kind, parent, i, rel, it.path);
    }
  }

  void signature(const Json& sig) {
    auto argName = [&](const Json& spec) -> std::string {
      const Json* a = opt(spec, "arg");
      if (!a) {
        if (const Json* n = opt(spec, "name"); n && n->is_string()) return n->get<std::string>();
        return "?";
      }
      if (const Json* n = opt(*a, "name"); n && n->is_string()) return n->get<std::string>();
      try {
        auto [k, v] = unionOf(*a, file_, "");
        if (const Json* n = opt(*v, "name"); n && n->is_string()) return n->get<std::string>();
        if (v->is_object() && v->size() == 1 && v->begin()->is_string()) return v->begin()->get<std::string>();
        return v->dump();
      } catch (const InputError&) {
        return "?";
      }
    };
    auto section = [&](const char* title, const char* key) {
      out_ << "    # " << title << "\n";
      const Json* specs = opt(sig, key);
      if (specs && specs->is_array()) {
        for (const auto& s : *specs) {
          if (!s.is_object() || s.empty()) continue;
          std::string k;
          const Json* v = nullptr;
          try {
            auto u = unionOf(s, file_, "");
            k = u.first;
            v = u.second;
          } catch (const InputError&) {
            continue;
          }
          std::string kind = k;
          for (char& c : kind) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          if (kind == "TENSOR_CONSTANT") kind = "CONSTANT_TENSOR";
          out_ << "    " << argName(*v) << ": " << kind;
          for (const char* t : {"parameter_name", "buffer_name", "tensor_constant_name",
                                "custom_obj_name", "user_input_name"})
            if (const Json* x = opt(*v, t); x && x->is_string()) out_ << " target=" << pyString(x->get<std::string>());
          if (const Json* p = opt(*v, "persistent"); p && p->is_boolean())
            out_ << " persistent=" << (p->get<bool>() ? "True" : "False");
          out_ << "\n";
        }
      }
      out_ << "    \n";
    };
    section("inputs", "input_specs");
    section("outputs", "output_specs");
  }

  void ranges(const Json& rc) {
    if (!rc.is_object()) fail("range_constraints", "expected an object");
    bool first = true;
    for (auto it = rc.begin(); it != rc.end(); ++it) {
      const std::string p = "range_constraints." + it.key();
      std::string sym = sympyText(it.key());
      if (!isIdent(sym)) continue;  // a constraint on an expression: not a symbol range
      auto bound = [&](const char* k, bool upper) -> std::string {
        const Json* b = opt(*it, k);
        if (!b) return upper ? "int_oo" : "-int_oo";
        if (b->is_number_integer()) {
          if (b->is_number_unsigned() && b->get<std::uint64_t>() >= 9223372036854775806ull) return "int_oo";
          auto x = b->get<std::int64_t>();
          if (x >= std::numeric_limits<std::int64_t>::max() - 1) return "int_oo";
          if (x <= std::numeric_limits<std::int64_t>::min() + 1) return "-int_oo";
          return b->dump();
        }
        if (b->is_number_float()) {
          double d = b->get<double>();
          if (std::isinf(d)) return d > 0 ? "int_oo" : "-int_oo";
        }
        if (b->is_string()) {
          const auto& s = b->get_ref<const std::string&>();
          if (s == "Infinity") return "int_oo";
          if (s == "-Infinity") return "-int_oo";
        }
        fail(p + "." + k, "expected an integer bound");
      };
      out_ << (first ? "" : ", ") << sym << ": VR[" << bound("min_val", false) << ", "
           << bound("max_val", true) << "]";
      first = false;
    }
  }

  const Json& doc_;
  std::string file_;
  ExprContext scratch_;
  std::ostringstream out_;
  ProgramText result_;
};

}  // namespace

ProgramText programText(const Json& doc, const std::string& file) {
  return Printer(doc, file).run();
}

}  // namespace symrange::ir::pt2
