// tests/support/ProgramGenerator.cpp — the random program generator (see the header).
#include "tests/support/ProgramGenerator.h"

#include <algorithm>
#include <map>
#include <random>
#include <sstream>
#include <vector>

namespace symrange::testing {
namespace {

/// A SymInt or SymBool value visible in the graph being written: its node name and the
/// sympy-style text the annotation shows.
struct Var {
  std::string name;
  std::string expr;
};

struct Tensor {
  std::string name;
  std::string dim0;  // expression text of dim 0
};

std::string paren(const std::string& e) {
  return e.find(' ') == std::string::npos && e.find('*') == std::string::npos &&
                 e.find('-') == std::string::npos
             ? e
             : "(" + e + ")";
}

class Generator {
 public:
  explicit Generator(const GenOptions& o) : opts_(o), rng_(o.seed * 0x9E3779B97F4A7C15ULL + 7) {}

  std::string run() {
    std::ostringstream sig;
    for (int i = 0; i < opts_.symbols; ++i) sig << "x" << i << ": \"i64[]\", ";
    sig << "y: \"f32[5, 5]\"";
    Scope top{"            ", {}, {}, {}};
    for (int i = 0; i < opts_.statements; ++i) statement(top, 0);
    // Keep a tensor output so the program is not empty after dead-code removal.
    std::string outs;
    for (const auto& t : top.tensors) outs += t.name + ", ";
    if (outs.empty()) outs = "y, ";
    outs.resize(outs.size() - 2);

    std::ostringstream out;
    out << "ExportedProgram:\n    class GraphModule(torch.nn.Module):\n";
    out << "        def forward(self, " << sig.str() << "):\n";
    out << top.body.str();
    out << top.indent << "return (" << outs << (top.tensors.size() > 1 ? ")\n" : ",)\n");
    for (const auto& sub : top.subs) out << sub;
    out << "Graph signature:\n";
    for (int i = 0; i < opts_.symbols; ++i) out << "    x" << i << ": USER_INPUT\n";
    out << "    y: USER_INPUT\n";
    std::string o = outs;
    for (std::size_t pos = 0; pos <= o.size();) {
      std::size_t end = o.find(", ", pos);
      if (end == std::string::npos) end = o.size();
      out << "    " << o.substr(pos, end - pos) << ": USER_OUTPUT\n";
      pos = end + 2;
    }
    out << "Range constraints: {}\n";
    return out.str();
  }

 private:
  struct Scope {
    std::string indent;
    std::vector<Var> ints;
    std::vector<Var> bools;
    std::vector<Tensor> tensors;
    std::ostringstream body;
    std::vector<std::string> subs;  // printed sub-module classes of this graph
    Scope(std::string ind, std::vector<Var> i, std::vector<Var> b, std::vector<Tensor> t)
        : indent(std::move(ind)), ints(std::move(i)), bools(std::move(b)), tensors(std::move(t)) {}
  };

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }
  int constant() { return std::uniform_int_distribution<int>(-opts_.constRange, opts_.constRange)(rng_); }
  std::string fresh(const std::string& base) {
    int& n = counters_[base];
    std::string s = n == 0 ? base : base + "_" + std::to_string(n);
    ++n;
    return s;
  }
  const Var& anyInt(Scope& s) { return s.ints[pick(static_cast<int>(s.ints.size()))]; }

  void emit(Scope& s, const std::string& line) { s.body << s.indent << line << "\n"; }

  void newItem(Scope& s) {
    if (nextInput_ >= opts_.symbols) return;
    std::string name = fresh("item");
    std::string sym = "u" + std::to_string(nextSymbol_++);
    emit(s, name + ": \"Sym(" + sym + ")\" = torch.ops.aten.item.default(x" +
                std::to_string(nextInput_++) + ")");
    s.ints.push_back({name, sym});
  }

  void arith(Scope& s) {
    const Var a = anyInt(s);
    const Var b = anyInt(s);
    int c = constant();
    std::string name, rhs, expr;
    switch (pick(9)) {
      case 0: name = fresh("add"); rhs = a.name + " + " + b.name; expr = a.expr + " + " + b.expr; break;
      case 1: name = fresh("sub"); rhs = a.name + " - " + b.name; expr = a.expr + " - " + paren(b.expr); break;
      case 2: name = fresh("add"); rhs = a.name + " + " + std::to_string(c); expr = a.expr + " + " + paren(std::to_string(c)); break;
      case 3: name = fresh("mul"); rhs = a.name + " * " + std::to_string(c); expr = paren(std::to_string(c)) + "*" + paren(a.expr); break;
      case 4:
        if (!opts_.nonlinear) return arith(s);
        name = fresh("mul"); rhs = a.name + " * " + b.name; expr = paren(a.expr) + "*" + paren(b.expr); break;
      case 5: {
        if (c == 0) c = 3;
        bool sym = opts_.divisionBySymbols && chance(20);
        name = fresh("floordiv");
        rhs = a.name + " // " + (sym ? b.name : std::to_string(c));
        expr = "(" + paren(a.expr) + "//" + paren(sym ? b.expr : std::to_string(c)) + ")";
        break;
      }
      case 6: {
        if (c == 0) c = -4;
        bool sym = opts_.divisionBySymbols && chance(20);
        name = fresh("mod");
        rhs = a.name + " % " + (sym ? b.name : std::to_string(c));
        expr = "PythonMod(" + a.expr + ", " + (sym ? b.expr : std::to_string(c)) + ")";
        break;
      }
      case 7: name = fresh("sym_max"); rhs = "torch.sym_max(" + a.name + ", " + b.name + ")"; expr = "Max(" + a.expr + ", " + b.expr + ")"; break;
      default: name = fresh("sym_min"); rhs = "torch.sym_min(" + a.name + ", " + b.name + ")"; expr = "Min(" + a.expr + ", " + b.expr + ")"; break;
    }
    emit(s, name + ": \"Sym(" + expr + ")\" = " + rhs);
    s.ints.push_back({name, expr});
  }

  Var comparison(Scope& s) {
    static const char* ops[] = {"<", "<=", ">", ">=", "==", "!="};
    static const char* names[] = {"lt", "le", "gt", "ge", "eq", "ne"};
    int k = pick(6);
    const Var a = anyInt(s);
    std::string rhs = chance(60) ? std::to_string(constant()) : anyInt(s).name;
    std::string rexpr = rhs;
    for (const auto& v : s.ints)
      if (v.name == rhs) rexpr = v.expr;
    std::string expr = k == 4   ? "Eq(" + a.expr + ", " + rexpr + ")"
                       : k == 5 ? "Ne(" + a.expr + ", " + rexpr + ")"
                                : a.expr + " " + ops[k] + " " + rexpr;
    std::string name = fresh(names[k]);
    emit(s, name + ": \"Sym(" + expr + ")\" = " + a.name + " " + ops[k] + " " + rhs);
    Var v{name, expr};
    s.bools.push_back(v);
    return v;
  }

  void check(Scope& s) {
    Var b = comparison(s);
    std::string msg = "Runtime assertion failed for expression " + b.expr + " on node '" + b.name + "'";
    switch (pick(4)) {
      case 0: {
        std::string st = fresh("scalar_tensor");
        emit(s, st + ": \"f32[]\" = torch.ops.aten.scalar_tensor.default(" + b.name + ")");
        emit(s, fresh("_assert_async") + " = torch.ops.aten._assert_async.msg(" + st + ", '" + b.name + " is false')");
        break;
      }
      case 1: emit(s, fresh("_check") + " = torch._check(" + b.name + ")"); break;
      default:
        emit(s, fresh("_assert_scalar_default") + " = torch.ops.aten._assert_scalar.default(" + b.name + ", \"" + msg + "\")");
    }
  }

  void constrain(Scope& s) {
    const Var a = anyInt(s);
    int lo = constant(), hi = constant();
    if (lo > hi) std::swap(lo, hi);
    if (chance(50)) {
      emit(s, fresh("sym_constrain_range") + " = torch.ops.aten.sym_constrain_range.default(" +
                  a.name + ", min = " + std::to_string(lo) + ", max = " + std::to_string(hi + 3) + ")");
    } else {
      emit(s, fresh("sym_constrain_range_for_size") +
                  " = torch.ops.aten.sym_constrain_range_for_size.default(" + a.name +
                  ", min = " + std::to_string(std::max(lo, 0)) + ", max = " +
                  std::to_string(std::abs(hi) + pick(20)) + ")");
    }
  }

  void tensor(Scope& s) {
    const Var a = anyInt(s);
    std::string name = fresh("full");
    emit(s, name + ": \"f32[" + a.expr + ", 5]\" = torch.ops.aten.full.default([" + a.name +
                ", 5], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False)");
    s.tensors.push_back({name, a.expr});
    std::string sz = fresh("sym_size_int");
    emit(s, sz + ": \"Sym(" + a.expr + ")\" = torch.ops.aten.sym_size.int(" + name + ", 0)");
    s.ints.push_back({sz, a.expr});
  }

  void cond(Scope& s, int depth) {
    Var pred = comparison(s);
    int id = condCounter_++;
    std::string tname = "true_graph_" + std::to_string(id), fname = "false_graph_" + std::to_string(id);
    // Operands: y and up to three SymInts.
    std::vector<Var> operands;
    for (int i = 0; i < 3 && !s.ints.empty(); ++i) {
      const Var& v = anyInt(s);
      if (std::none_of(operands.begin(), operands.end(), [&](const Var& o) { return o.name == v.name; }))
        operands.push_back(v);
    }
    std::string params = "y: \"f32[5, 5]\"", args = "y";
    for (const auto& o : operands) {
      params += ", " + o.name + ": \"Sym(" + o.expr + ")\"";
      args += ", " + o.name;
    }
    bool returnsInt = chance(50);
    std::string classIndent(8 + 4 * depth, ' ');
    std::string arms[2];
    for (int arm = 0; arm < 2; ++arm) {
      Scope b{classIndent + "        ", operands, {}, {}};
      for (int i = 0; i < opts_.branchStatements; ++i) statement(b, depth + 1);
      std::string t = fresh(arm == 0 ? "sin" : "cos");
      emit(b, t + ": \"f32[5, 5]\" = torch.ops.aten." + (arm == 0 ? "sin" : "cos") + ".default(y)");
      std::string ret = t;
      if (returnsInt) ret += ", " + anyInt(b).name;
      emit(b, "return (" + ret + (returnsInt ? ")" : ",)"));
      std::ostringstream cls;
      cls << classIndent << "class " << (arm == 0 ? tname : fname) << "(torch.nn.Module):\n";
      cls << classIndent << "    def forward(self, " << params << "):\n" << b.body.str();
      for (const auto& sub : b.subs) cls << sub;
      arms[arm] = cls.str();
    }
    s.subs.push_back(arms[0]);
    s.subs.push_back(arms[1]);
    emit(s, tname + " = self." + tname);
    emit(s, fname + " = self." + fname);
    std::string c = fresh("cond");
    emit(s, c + " = torch.ops.higher_order.cond(" + pred.name + ", " + tname + ", " + fname + ", [" + args + "])");
    std::string g = fresh("getitem");
    emit(s, g + ": \"f32[5, 5]\" = " + c + "[0]");
    if (returnsInt) {
      std::string gi = fresh("getitem");
      std::string sym = "u" + std::to_string(nextSymbol_++);
      emit(s, gi + ": \"Sym(" + sym + ")\" = " + c + "[1]");
      s.ints.push_back({gi, sym});
    }
  }

  void statement(Scope& s, int depth) {
    if (s.ints.empty() || (depth == 0 && chance(12))) {
      if (depth == 0 && nextInput_ < opts_.symbols) return newItem(s);
      if (s.ints.empty()) return;
    }
    int r = pick(100);
    if (r < 30) return arith(s);
    if (r < 62) return check(s);
    if (r < 72) return constrain(s);
    if (r < 84) return tensor(s);
    if (r < 92 && depth < opts_.maxCondDepth) return cond(s, depth);
    return arith(s);
  }

  GenOptions opts_;
  std::mt19937_64 rng_;
  std::map<std::string, int> counters_;
  int nextInput_ = 0;
  int nextSymbol_ = 0;
  int condCounter_ = 0;
};

}  // namespace

std::string generateProgram(const GenOptions& opts) { return Generator(opts).run(); }

}  // namespace symrange::testing
