// testing/ProgramGenerator.cpp — the random program generator (see the header).
// Every SymInt/SymBool carries its value at each reference point (nullopt where the point has
// no value: a zero divisor, an int64 overflow). A scope knows which points execute it; checks
// made to pass choose their operator or constant from those points' values, cond predicates
// split them, and each point dies (stops executing) where the program raises for it.
#include "testing/ProgramGenerator.h"
#include "testing/emit/Spelling.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

#include "ir/BigInt.h"
#include "ir/ExprEval.h"

namespace symrange::testing {
namespace {

using Ref = std::optional<std::int64_t>;
using Refs = std::vector<Ref>;  // one value per reference point
using FRef = std::optional<double>;
using FRefs = std::vector<FRef>;  // a float's value per reference point

/// A float comparison written: its operator index, operands (node names and texts), values.
struct FComparisonText {
  int k = 0;
  std::string lhs, lexpr, rhs, rexpr;
  std::vector<std::optional<double>> lrefs, rrefs;  // the operands' values
};

/// A float value visible in the graph: node name, sympy-style text, value at each point.
struct FVar {
  std::string name;
  std::string expr;
  FRefs refs;
};

/// A SymInt or SymBool value visible in the graph being written: its node name, the
/// sympy-style text the annotation shows and its values at the reference points.
struct Var {
  std::string name;
  std::string expr;
  Refs refs;
};

struct Tensor {
  std::string name;
  std::string dim0;  // expression text of dim 0
  Refs refs;         // dim 0 at each point
};

std::string paren(const std::string& e) {
  return e.find(' ') == std::string::npos && e.find('*') == std::string::npos &&
                 e.find('-') == std::string::npos
             ? e
             : "(" + e + ")";
}

/// Values small enough that a constant chosen around them stays far from overflow.
bool usable(const Ref& r) { return r && *r > -(std::int64_t{1} << 60) && *r < (std::int64_t{1} << 60); }

/// `f` point by point; nullopt where an operand has none (or `f` gives none: the op raised).
Refs lift(const Refs& a, const Refs& b, const std::function<Ref(std::int64_t, std::int64_t)>& f) {
  Refs r(a.size());
  for (std::size_t p = 0; p < a.size(); ++p)
    if (a[p] && b[p]) r[p] = f(*a[p], *b[p]);
  return r;
}

/// `x OP y` for the operator index k of < <= > >= == != (in that order).
bool compare(int k, std::int64_t x, std::int64_t y) {
  return k == 0 ? x < y : k == 1 ? x <= y : k == 2 ? x > y : k == 3 ? x >= y : k == 4 ? x == y : x != y;
}

class Generator {
 public:
  explicit Generator(const GenOptions& o)
      : opts_(o), points_(std::max(o.referencePoints, 1)), rng_(o.seed * 0x9E3779B97F4A7C15ULL + 7) {}

  GeneratedProgram run() {
    // The reference points: scalars mostly non-negative (tensor sizes), sometimes negative.
    GeneratedProgram g;
    g.points.resize(static_cast<std::size_t>(points_));
    for (auto& pt : g.points)
      for (int i = 0; i < opts_.symbols; ++i)
        pt["x" + std::to_string(i)] =
            chance(75) ? pick(opts_.constRange + 1) : -1 - pick(std::max(opts_.constRange, 1));
    if (opts_.floatItems) {
      floatF32_.resize(static_cast<std::size_t>(1 + pick(2)));
      for (std::size_t i = 0; i < floatF32_.size(); ++i) floatF32_[i] = chance(50);
      for (auto& pt : g.points)
        for (std::size_t i = 0; i < floatF32_.size(); ++i)
          pt["f" + std::to_string(i)] = std::bit_cast<std::int64_t>(randomFloat(rng_, opts_.constRange));
    }
    inputs_ = g.points;
    alive_.assign(static_cast<std::size_t>(points_), true);
    std::ostringstream sig;
    for (int i = 0; i < opts_.symbols; ++i) sig << "x" << i << ": \"i64[]\", ";
    for (std::size_t i = 0; i < floatF32_.size(); ++i)
      sig << "f" << i << ": \"" << (floatF32_[i] ? "f32" : "f64") << "[]\", ";
    sig << "y: \"f32[5, 5]\"";
    Scope top{"            ", {}, {}, {}};
    for (int p = 0; p < points_; ++p) top.entered.push_back(p);
    top.fallback = top.entered;
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
    for (std::size_t i = 0; i < floatF32_.size(); ++i) out << "    f" << i << ": USER_INPUT\n";
    out << "    y: USER_INPUT\n";
    std::string o = outs;
    for (std::size_t pos = 0; pos <= o.size();) {
      std::size_t end = o.find(", ", pos);
      if (end == std::string::npos) end = o.size();
      out << "    " << o.substr(pos, end - pos) << ": USER_OUTPUT\n";
      pos = end + 2;
    }
    out << "Range constraints: {}\n";
    g.text = out.str();
    const auto first = std::find(alive_.begin(), alive_.end(), true);
    g.referenceReachesEnd = first != alive_.end();
    g.reference = g.points[g.referenceReachesEnd ? static_cast<std::size_t>(first - alive_.begin()) : 0];
    return g;
  }

 private:
  struct Scope {
    std::string indent;
    std::vector<Var> ints;
    std::vector<Var> bools;
    std::vector<Tensor> tensors;
    std::vector<FVar> floats;
    std::vector<FComparisonText> floatComparisons;  // written so far, for related ones
    std::ostringstream body;
    std::vector<std::string> subs;  // printed sub-module classes of this graph
    std::vector<int> entered;       // reference points executing this graph
    std::vector<int> fallback;      // points to tune to when none of `entered` is alive
    Scope(std::string ind, std::vector<Var> i, std::vector<Var> b, std::vector<Tensor> t)
        : indent(std::move(ind)), ints(std::move(i)), bools(std::move(b)), tensors(std::move(t)) {}
  };

  /// How a comparison is chosen: at random; true at every tuning point; or (cond predicates)
  /// true at some tuning points and false at others, else with a constant near their value.
  enum class Cmp : std::uint8_t { Random, Passing, Split };

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }
  bool passing() { return chance(opts_.passingChecks); }
  int constant() { return std::uniform_int_distribution<int>(-opts_.constRange, opts_.constRange)(rng_); }
  /// A distance beyond the extreme value: 0 (tight) 40% of the time, else 1..constRange.
  std::int64_t slack() { return chance(40) ? 0 : 1 + pick(std::max(opts_.constRange, 1)); }
  std::string fresh(const std::string& base) { return names_.fresh(base); }
  const Var& anyInt(Scope& s) { return s.ints[pick(static_cast<int>(s.ints.size()))]; }
  Refs constantRefs(std::int64_t c) const { return Refs(static_cast<std::size_t>(points_), c); }

  /// The points a choice is tuned to: those executing `s` that are still alive, else the
  /// points the enclosing graph was tuned to (a branch no point takes is tuned "as if").
  std::vector<int> tuning(const Scope& s) const {
    std::vector<int> t;
    for (int p : s.entered)
      if (alive_[static_cast<std::size_t>(p)]) t.push_back(p);
    return t.empty() ? s.fallback : t;
  }
  /// The values of `v` at the tuning points, or nullopt when one of them is not usable.
  std::optional<std::vector<std::int64_t>> values(const Scope& s, const Var& v) const {
    std::vector<std::int64_t> out;
    for (int p : tuning(s)) {
      const Ref& r = v.refs[static_cast<std::size_t>(p)];
      if (!usable(r)) return std::nullopt;
      out.push_back(*r);
    }
    if (out.empty()) return std::nullopt;
    return out;
  }
  /// A random int whose tuning values exist and satisfy `ok`, or nullptr when there is none.
  const Var* intWhere(Scope& s, const std::function<bool(const std::vector<std::int64_t>&)>& ok) {
    std::vector<const Var*> c;
    for (const auto& v : s.ints)
      if (auto vals = values(s, v); vals && ok(*vals)) c.push_back(&v);
    return c.empty() ? nullptr : c[static_cast<std::size_t>(pick(static_cast<int>(c.size())))];
  }
  static bool allNonNegative(const std::vector<std::int64_t>& v) {
    return std::all_of(v.begin(), v.end(), [](std::int64_t x) { return x >= 0; });
  }
  /// Points executing `s` for which `raises(p)` holds stop executing (the program raised).
  void kill(const Scope& s, const std::function<bool(std::size_t)>& raises) {
    for (int p : s.entered)
      if (alive_[static_cast<std::size_t>(p)] && raises(static_cast<std::size_t>(p)))
        alive_[static_cast<std::size_t>(p)] = false;
  }

  void emit(Scope& s, const std::string& line) { s.body << s.indent << line << "\n"; }

  void newItem(Scope& s) {
    if (nextInput_ >= opts_.symbols) return;
    std::string name = fresh("item");
    std::string sym = "u" + std::to_string(nextSymbol_++);
    std::string input = "x" + std::to_string(nextInput_++);
    emit(s, name + ": \"Sym(" + sym + ")\" = torch.ops.aten.item.default(" + input + ")");
    Refs r;
    for (const auto& pt : inputs_) r.push_back(pt.at(input));
    s.ints.push_back({name, sym, r});
  }

  void arith(Scope& s) {
    using I = std::int64_t;
    const auto add = [](I x, I y) -> Ref { I r = 0; return __builtin_add_overflow(x, y, &r) ? Ref() : r; };
    const auto mul = [](I x, I y) -> Ref { I r = 0; return __builtin_mul_overflow(x, y, &r) ? Ref() : r; };
    const Var a = anyInt(s);
    Var b = anyInt(s);
    int c = constant();
    std::string name, rhs, expr;
    Refs refs;
    auto divisor = [&]() {  // a symbolic divisor, preferably non-zero at the tuning points
      if (passing())
        if (const Var* nz = intWhere(s, [](const auto& v) { return std::find(v.begin(), v.end(), 0) == v.end(); }))
          b = *nz;
    };
    switch (pick(9)) {
      case 0:
        name = fresh("add"); rhs = a.name + " + " + b.name; expr = a.expr + " + " + b.expr;
        refs = lift(a.refs, b.refs, add);
        break;
      case 1:
        name = fresh("sub"); rhs = a.name + " - " + b.name; expr = a.expr + " - " + paren(b.expr);
        refs = lift(a.refs, b.refs, [](I x, I y) -> Ref { I r = 0; return __builtin_sub_overflow(x, y, &r) ? Ref() : r; });
        break;
      case 2:
        name = fresh("add"); rhs = a.name + " + " + std::to_string(c); expr = a.expr + " + " + paren(std::to_string(c));
        refs = lift(a.refs, constantRefs(c), add);
        break;
      case 3:
        name = fresh("mul"); rhs = a.name + " * " + std::to_string(c); expr = paren(std::to_string(c)) + "*" + paren(a.expr);
        refs = lift(a.refs, constantRefs(c), mul);
        break;
      case 4:
        if (!opts_.nonlinear) return arith(s);
        name = fresh("mul"); rhs = a.name + " * " + b.name; expr = paren(a.expr) + "*" + paren(b.expr);
        refs = lift(a.refs, b.refs, mul);
        break;
      case 5: {
        if (c == 0) c = 3;
        bool sym = opts_.divisionBySymbols && chance(20);
        if (sym) divisor();
        name = fresh("floordiv");
        rhs = a.name + " // " + (sym ? b.name : std::to_string(c));
        expr = "(" + paren(a.expr) + "//" + paren(sym ? b.expr : std::to_string(c)) + ")";
        refs = lift(a.refs, sym ? b.refs : constantRefs(c), [](I x, I y) { return ir::pyFloorDivChecked(x, y); });
        break;
      }
      case 6: {
        if (c == 0) c = -4;
        bool sym = opts_.divisionBySymbols && chance(20);
        if (sym) divisor();
        name = fresh("mod");
        rhs = a.name + " % " + (sym ? b.name : std::to_string(c));
        expr = "PythonMod(" + a.expr + ", " + (sym ? b.expr : std::to_string(c)) + ")";
        refs = lift(a.refs, sym ? b.refs : constantRefs(c), [](I x, I y) { return y == 0 ? Ref() : Ref(ir::pyMod(x, y)); });
        break;
      }
      case 7:
        name = fresh("sym_max"); rhs = "torch.sym_max(" + a.name + ", " + b.name + ")"; expr = "Max(" + a.expr + ", " + b.expr + ")";
        refs = lift(a.refs, b.refs, [](I x, I y) -> Ref { return std::max(x, y); });
        break;
      default:
        name = fresh("sym_min"); rhs = "torch.sym_min(" + a.name + ", " + b.name + ")"; expr = "Min(" + a.expr + ", " + b.expr + ")";
        refs = lift(a.refs, b.refs, [](I x, I y) -> Ref { return std::min(x, y); });
        break;
    }
    emit(s, name + ": \"Sym(" + expr + ")\" = " + rhs);
    kill(s, [&](std::size_t p) { return !refs[p]; });  // ZeroDivisionError, or int64 overflow
    s.ints.push_back({name, expr, refs});
  }

  /// An operator index k and constant c making `v OP c` true for every v in `vals`; tight
  /// (c at the extreme value or one past it) 40% of the time. `==` only when all agree.
  std::int64_t passingConstant(int& k, const std::vector<std::int64_t>& vals) {
    const auto [lo, hi] = std::minmax_element(vals.begin(), vals.end());
    if (k == 4 && *lo != *hi) k = std::vector<int>{0, 1, 2, 3, 5}[static_cast<std::size_t>(pick(5))];
    const std::int64_t d = slack();
    switch (k) {
      case 0: return *hi + 1 + d;  // <
      case 1: return *hi + d;      // <=
      case 2: return *lo - 1 - d;  // >
      case 3: return *lo - d;      // >=
      case 4: return *lo;          // ==
      default: return chance(50) ? *hi + 1 + d : *lo - 1 - d;  // !=
    }
  }

  /// A comparison chosen but not yet written: `a OP rhs` with OP = kOps[k].
  struct Comparison {
    int k = 0;
    std::string lhs, lexpr, rhs, rexpr;
    Refs refs;  // its value (0/1) at each point
  };
  static constexpr const auto& kOps = kComparisonOp;

  Comparison makeComparison(Scope& s, Cmp mode) {
    auto distinct = [](const std::vector<std::int64_t>& v) {
      return std::any_of(v.begin(), v.end(), [&](std::int64_t x) { return x != v.front(); });
    };
    const Var* pa = nullptr;
    if (mode == Cmp::Split) pa = intWhere(s, distinct);
    if (mode != Cmp::Random && !pa) pa = intWhere(s, [](const auto&) { return true; });
    const Var a = pa ? *pa : anyInt(s);
    const auto avals = pa ? values(s, a) : std::nullopt;
    bool withConstant = chance(60) || mode == Cmp::Split;
    int k = pick(6);
    const Var* b = nullptr;
    if (!withConstant) {
      b = &anyInt(s);
      if (mode == Cmp::Passing && avals) {
        // an operator true at every tuning point, if there is one
        const auto bvals = values(s, *b);
        std::vector<int> good;
        for (int op = 0; op < 6 && bvals; ++op) {
          bool all = true;
          for (std::size_t i = 0; i < avals->size(); ++i) all = all && compare(op, (*avals)[i], (*bvals)[i]);
          if (all) good.push_back(op);
        }
        if (good.empty()) withConstant = true;
        else k = good[static_cast<std::size_t>(pick(static_cast<int>(good.size())))];
      }
    }
    Comparison c;
    c.lhs = a.name;
    c.lexpr = a.expr;
    Refs rrefs;
    if (withConstant) {
      std::int64_t v = constant();
      if (avals && mode == Cmp::Passing) v = passingConstant(k, *avals);
      if (avals && mode == Cmp::Split) {
        std::vector<std::int64_t> d = *avals;
        std::sort(d.begin(), d.end());
        d.erase(std::unique(d.begin(), d.end()), d.end());
        if (d.size() < 2) {
          v = d.front() + pick(5) - 2;  // no split possible: near the value, either way
        } else {
          const std::size_t i = 1 + static_cast<std::size_t>(pick(static_cast<int>(d.size()) - 1));
          // < and >= split at d[i] (d[i-1] is below it), <= and > at d[i-1]; == and != anywhere
          v = k == 0 || k == 3   ? d[i]
              : k == 1 || k == 2 ? d[i - 1]
                                 : d[static_cast<std::size_t>(pick(static_cast<int>(d.size())))];
        }
      }
      c.rhs = c.rexpr = std::to_string(v);
      rrefs = constantRefs(v);
    } else {
      c.rhs = b->name;
      c.rexpr = b->expr;
      rrefs = b->refs;
    }
    c.k = k;
    c.refs = lift(a.refs, rrefs, [k](std::int64_t x, std::int64_t y) -> Ref { return compare(k, x, y) ? 1 : 0; });
    return c;
  }

  Var emitComparison(Scope& s, const Comparison& c) {
    std::string expr = sympyComparison(c.k, c.lexpr, c.rexpr);
    std::string name = fresh(kComparisonNode[c.k]);
    emit(s, name + ": \"Sym(" + expr + ")\" = " + c.lhs + " " + kOps[c.k] + " " + c.rhs);
    Var v{name, expr, c.refs};
    s.bools.push_back(v);
    return v;
  }

  /// A check, constraint or size chosen at random that would make every point still executing
  /// `s` raise is kept only (100 - passingChecks)% of the time, so that deep code keeps a
  /// reference point (the other times the caller draws a passing one instead).
  bool rejectRandom(const Scope& s, const std::function<bool(std::size_t)>& raises) {
    bool any = false, all = true;
    for (int p : s.entered)
      if (alive_[static_cast<std::size_t>(p)]) {
        any = true;
        all = all && raises(static_cast<std::size_t>(p));
      }
    return any && all && passing();
  }

  void check(Scope& s) {
    const bool pass = passing();
    Comparison c = makeComparison(s, pass ? Cmp::Passing : Cmp::Random);
    if (!pass && rejectRandom(s, [&](std::size_t p) { return c.refs[p] != Ref(1); }))
      c = makeComparison(s, Cmp::Passing);
    const Var b = emitComparison(s, c);
    std::string msg = runtimeAssertionMessage(b.expr, b.name);
    switch (pick(4)) {
      case 0: {
        std::string st = fresh("scalar_tensor");
        emit(s, scalarTensor(st, b.name));
        emit(s, assertAsync(names_, st, b.name + " is false"));
        break;
      }
      case 1: emit(s, torchCheck(names_, b.name)); break;
      default:
        emit(s, assertScalar(names_, b.name, msg));
    }
    kill(s, [&](std::size_t p) { return b.refs[p] != Ref(1); });
  }

  /// Whether a range constraint on `a` raises at point p: outside [lo, hi], or bounds ATen rejects.
  static bool constraintRaises(const Var& a, bool forSize, std::int64_t lo, std::int64_t hi, std::size_t p) {
    const Ref& v = a.refs[p];
    return !v || *v < lo || *v > hi || hi < lo || (forSize && hi <= 2);
  }

  void constrainNode(Scope& s, const Var& a, bool forSize, std::int64_t lo, std::int64_t hi) {
    emit(s, constrainRange(names_, forSize, a.name, lo, hi));
    kill(s, [&](std::size_t p) { return constraintRaises(a, forSize, lo, hi, p); });
  }

  void constrain(Scope& s) {
    if (!passing()) {
      const Var a = anyInt(s);
      int lo = constant(), hi = constant();
      if (lo > hi) std::swap(lo, hi);
      const bool forSize = !chance(50);
      const std::int64_t min = forSize ? std::max(lo, 0) : lo, max = forSize ? std::abs(hi) + pick(20) : hi + 3;
      if (!rejectRandom(s, [&](std::size_t p) { return constraintRaises(a, forSize, min, max, p); }))
        return constrainNode(s, a, forSize, min, max);
    }
    // A range containing the tuning values; _for_size needs them >= 0 and max > 2.
    bool forSize = chance(50);
    const Var* pa = forSize ? intWhere(s, allNonNegative) : nullptr;
    if (!pa) {
      forSize = false;
      pa = intWhere(s, [](const auto&) { return true; });
    }
    const Var a = pa ? *pa : anyInt(s);
    const auto vals = values(s, a);
    const std::int64_t lo = vals ? *std::min_element(vals->begin(), vals->end()) : constant();
    const std::int64_t hi = vals ? *std::max_element(vals->begin(), vals->end()) : lo;
    const std::int64_t min = lo - slack(), max = hi + slack();
    if (forSize) constrainNode(s, a, true, std::max<std::int64_t>(min, 0), std::max<std::int64_t>(max, 3));
    else constrainNode(s, a, false, min, max);
  }

  /// The int non-negative at the most tuning points (ties broken at random).
  const Var& bestSize(Scope& s) {
    std::vector<const Var*> best;
    std::size_t most = 0;
    for (const auto& v : s.ints) {
      std::size_t n = 0;
      for (int p : tuning(s)) n += v.refs[static_cast<std::size_t>(p)] && *v.refs[static_cast<std::size_t>(p)] >= 0;
      if (n > most || best.empty()) best.clear(), most = n;
      if (n == most) best.push_back(&v);
    }
    return *best[static_cast<std::size_t>(pick(static_cast<int>(best.size())))];
  }

  void tensor(Scope& s) {
    // A size non-negative at the tuning points, unless random (full raises on a negative size).
    const auto negative = [](const Var& v) { return [&v](std::size_t p) { return !v.refs[p] || *v.refs[p] < 0; }; };
    std::optional<Var> a;
    if (!passing()) {
      a = anyInt(s);
      if (rejectRandom(s, negative(*a))) a.reset();
    }
    if (!a) a = bestSize(s);
    std::string name = fresh("full");
    emit(s, name + ": \"f32[" + a->expr + ", 5]\" = torch.ops.aten.full.default([" + a->name +
                ", 5], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False)");
    kill(s, negative(*a));
    s.tensors.push_back({name, a->expr, a->refs});
    std::string sz = fresh("sym_size_int");
    emit(s, sz + ": \"Sym(" + a->expr + ")\" = torch.ops.aten.sym_size.int(" + name + ", 0)");
    s.ints.push_back({sz, a->expr, a->refs});
  }

  // ------------------------------------------------------------------ issue 13's constructs

  /// view(full, [b, 5]) or expand(full, [2, b, -1]) with an int b that may be -1 at run time
  /// (ATen infers it / keeps the dim), then the size of the result's dim.
  void reshape(Scope& s) {
    if (s.tensors.empty()) return tensor(s);
    const Tensor t = s.tensors[static_cast<std::size_t>(pick(static_cast<int>(s.tensors.size())))];
    const bool isView = chance(50);
    // where the op runs at point p when b has value v there (t's dim 0 is d)
    auto runs = [isView](std::int64_t v, std::int64_t d) {
      return isView ? (v == -1 || v == d) : (v == -1 || (v >= 0 && (v == d || d == 1)));
    };
    const Var* b = nullptr;
    if (passing()) {
      std::vector<const Var*> good;
      for (const auto& v : s.ints) {
        bool all = !tuning(s).empty();
        for (int p : tuning(s)) {
          const auto& x = v.refs[static_cast<std::size_t>(p)];
          const auto& d = t.refs[static_cast<std::size_t>(p)];
          all = all && x && d && runs(*x, *d);
        }
        if (all) good.push_back(&v);
      }
      if (!good.empty()) b = good[static_cast<std::size_t>(pick(static_cast<int>(good.size())))];
    } else if (!s.ints.empty() && chance(70)) {
      b = &anyInt(s);
    }
    const std::string bName = b ? b->name : "-1";
    const Refs bRefs = b ? b->refs : constantRefs(-1);
    Refs dim(static_cast<std::size_t>(points_));
    for (std::size_t p = 0; p < dim.size(); ++p)
      if (bRefs[p] && t.refs[p] && runs(*bRefs[p], *t.refs[p]))
        dim[p] = *bRefs[p] == -1 ? *t.refs[p] : *bRefs[p];
    // the size is b, or t's dim where b is -1: PyTorch names it with a fresh symbol
    const std::string expr = "u" + std::to_string(nextSymbol_++);
    const std::string name = fresh(isView ? "view" : "expand");
    if (isView)
      emit(s, name + ": \"f32[" + expr + ", 5]\" = torch.ops.aten.view.default(" + t.name + ", [" + bName + ", 5])");
    else
      emit(s, name + ": \"f32[2, " + expr + ", 5]\" = torch.ops.aten.expand.default(" + t.name + ", [2, " + bName + ", -1])");
    kill(s, [&](std::size_t p) { return !dim[p]; });
    const std::string sz = fresh("sym_size_int");
    emit(s, sz + ": \"Sym(" + expr + ")\" = torch.ops.aten.sym_size.int(" + name + ", " + (isView ? "0" : "1") + ")");
    s.ints.push_back({sz, expr, dim});
  }

  /// Python's int / int for the generator's small values (a double division, correctly rounded
  /// like Python's while both are below 2**53); nullopt where it raises.
  static std::optional<double> trueDiv(const Ref& a, const Ref& b) {
    constexpr std::int64_t kExact = std::int64_t{1} << 53;
    if (!a || !b || *b == 0 || *a > kExact || *a < -kExact || *b > kExact || *b < -kExact) return std::nullopt;
    return static_cast<double>(*a) / static_cast<double>(*b);
  }

  /// a / b (IntTrueDiv, raises on b == 0), then either its truncation `sym_int` (an int) or a
  /// comparison with a float constant, checked.
  Var floatDivision(Scope& s, bool& truncated) {
    const Var a = anyInt(s);
    Var b = anyInt(s);
    if (passing())
      if (const Var* nz = intWhere(s, [](const auto& v) { return std::find(v.begin(), v.end(), 0) == v.end(); }))
        b = *nz;
    const std::string div = fresh("truediv");
    std::string dexpr = "IntTrueDiv(" + a.expr + ", " + b.expr + ")", divisor = b.name;
    if (chance(35)) {  // a float divisor: 0.0 raises too
      divisor = fresh("sym_float");
      emit(s, divisor + ": \"Sym(ToFloat(" + b.expr + "))\" = torch.sym_float(" + b.name + ")");
      dexpr = "FloatTrueDiv(" + a.expr + ", ToFloat(" + b.expr + "))";
    }
    emit(s, div + ": \"Sym(" + dexpr + ")\" = " + a.name + " / " + divisor);
    std::vector<std::optional<double>> q;
    for (std::size_t p = 0; p < static_cast<std::size_t>(points_); ++p) q.push_back(trueDiv(a.refs[p], b.refs[p]));
    kill(s, [&](std::size_t p) { return !q[p]; });
    truncated = chance(40);
    if (truncated) {
      const std::string t = fresh("sym_int");
      const std::string texpr = "TruncToInt(" + dexpr + ")";
      emit(s, t + ": \"Sym(" + texpr + ")\" = torch.sym_int(" + div + ")");
      Refs r(static_cast<std::size_t>(points_));
      for (std::size_t p = 0; p < r.size(); ++p)
        if (q[p]) r[p] = static_cast<std::int64_t>(std::trunc(*q[p]));
      return {t, texpr, r};
    }
    if (opts_.floatItems) s.floats.push_back({div, dexpr, FRefs(q.begin(), q.end())});
    // a float constant half-way between ints: below or above every tuning value when passing
    double lo = 1e18, hi = -1e18;
    for (int p : tuning(s))
      if (q[static_cast<std::size_t>(p)]) lo = std::min(lo, *q[static_cast<std::size_t>(p)]), hi = std::max(hi, *q[static_cast<std::size_t>(p)]);
    const bool less = chance(50);
    double k = lo <= hi ? (less ? std::floor(hi) + 0.5 + static_cast<double>(slack()) : std::ceil(lo) - 0.5 - static_cast<double>(slack()))
                        : constant() + 0.5;
    if (!passing()) k = constant() + 0.5;
    const std::string kt = floatLiteral(k);  // Python's repr, as FX prints it
    const std::string name = fresh(less ? "lt" : "gt");
    const std::string cexpr = dexpr + (less ? " < " : " > ") + kt;
    emit(s, name + ": \"Sym(" + cexpr + ")\" = " + div + (less ? " < " : " > ") + kt);
    Refs r(static_cast<std::size_t>(points_));
    for (std::size_t p = 0; p < r.size(); ++p)
      if (q[p]) r[p] = (less ? *q[p] < k : *q[p] > k) ? 1 : 0;
    return {name, cexpr, r};
  }

  void floats(Scope& s) {
    bool truncated = false;
    const Var v = floatDivision(s, truncated);
    if (truncated) {
      s.ints.push_back(v);
      return;
    }
    s.bools.push_back(v);
    emit(s, assertScalar(names_, v.name, "float check"));
    kill(s, [&](std::size_t p) { return v.refs[p] != Ref(1); });
  }

  /// A comparison false at the tuning points as a bool tensor, flipped in place by
  /// `logical_not_` and then asserted (it passes where the comparison was false).
  void flipInPlace(Scope& s) {
    Comparison c = makeComparison(s, Cmp::Passing);
    static constexpr int kOpposite[] = {3, 2, 1, 0, 5, 4};  // < >= , <= >, > <=, >= <, == !=
    c.k = kOpposite[c.k];
    for (auto& r : c.refs)
      if (r) r = 1 - *r;
    const Var b = emitComparison(s, c);
    const std::string st = fresh("scalar_tensor");
    emit(s, st + ": \"b8[]\" = torch.ops.aten.scalar_tensor.default(" + b.name + ", dtype = torch.bool)");
    emit(s, fresh("logical_not_") + ": \"b8[]\" = torch.ops.aten.logical_not_.default(" + st + ")");
    emit(s, assertAsync(names_, st, "flipped"));
    kill(s, [&](std::size_t p) { return b.refs[p] != Ref(0); });
  }

  /// A check on `c | (a / b < k)` after a check on c: redundant, and its removal leaves the
  /// division dead, which raises where b == 0 and so must stay.
  void deadRaising(Scope& s) {
    const Comparison c = makeComparison(s, Cmp::Passing);
    const Var cv = emitComparison(s, c);
    emit(s, assertScalar(names_, cv.name, "c"));
    kill(s, [&](std::size_t p) { return cv.refs[p] != Ref(1); });
    bool truncated = false;
    const Var f = floatDivision(s, truncated);
    std::string other = f.name, oexpr = f.expr;
    Refs orefs = f.refs;
    if (truncated) {  // an int: compare it
      other = fresh("ge");
      oexpr = f.expr + " >= 0";
      emit(s, other + ": \"Sym(" + oexpr + ")\" = " + f.name + " >= 0");
      for (auto& r : orefs)
        if (r) r = *r >= 0 ? 1 : 0;
    }
    const std::string o = fresh("or_");
    emit(s, o + ": \"Sym(" + cv.expr + " | " + oexpr + ")\" = " + cv.name + " | " + other);
    emit(s, assertScalar(names_, o, "c or f"));
  }

  /// An int literal beyond int64 (a Python int; issue 13): `a * K`, then a check
  /// `a*K <= K*c + r` (0 <= r < K: it holds exactly where a <= c), the int `(a*K) // (K*d)` (which
  /// is a // d), or a check of `a` against a big literal (always true at run time).
  void bigLiteral(Scope& s) {
    static const char* const kBig[] = {"18446744073709551616", "36893488147419103233",
                                       "99999999999999999999999"};
    const Var a = anyInt(s);
    const std::string kText = kBig[pick(3)];
    const ir::BigInt k = *ir::parseBigInt(kText);
    const int form = pick(3);
    if (form == 2) {  // a > -K or a < K
      const bool greater = chance(50);
      const std::string name = fresh(greater ? "gt" : "lt");
      const std::string lit = greater ? "-" + kText : kText;
      const std::string cexpr = a.expr + (greater ? " > " : " < ") + lit;
      emit(s, name + ": \"Sym(" + cexpr + ")\" = " + a.name + (greater ? " > " : " < ") + lit);
      emit(s, assertScalar(names_, name, "big"));
      return;
    }
    const std::string m = fresh("mul");
    const std::string mexpr = kText + "*(" + a.expr + ")";
    emit(s, m + ": \"Sym(" + mexpr + ")\" = " + a.name + " * " + kText);
    if (form == 1) {  // back into int64: (a*K) // (K*d) == a // d
      static const int kDivisors[] = {2, 3, -3, 5, -1};
      const int d = kDivisors[pick(5)];
      const std::string dText = ir::bigText(k * d);
      const std::string name = fresh("floordiv");
      const std::string fexpr = "(" + mexpr + "//" + (d < 0 ? "(" + dText + ")" : dText) + ")";
      emit(s, name + ": \"Sym(" + fexpr + ")\" = " + m + " // " + dText);
      Refs r(static_cast<std::size_t>(points_));
      for (std::size_t p = 0; p < r.size(); ++p)
        if (a.refs[p]) r[p] = ir::pyFloorDiv(*a.refs[p], static_cast<std::int64_t>(d));
      s.ints.push_back({name, fexpr, r});
      return;
    }
    // a*K <= K*c + r, i.e. a <= c: c above every tuning value when passing
    std::int64_t c = constant();
    if (passing()) {
      std::optional<std::int64_t> hi;
      for (int p : tuning(s))
        if (const Ref& v = a.refs[static_cast<std::size_t>(p)]) hi = hi ? std::max(*hi, *v) : *v;
      if (hi && *hi < (std::int64_t{1} << 40)) c = *hi + slack();
    }
    const ir::BigInt bound = k * c + k / (2 + pick(5));
    const std::string bText = ir::bigText(bound);
    const std::string name = fresh("le");
    const std::string cexpr = mexpr + " <= " + bText;
    emit(s, name + ": \"Sym(" + cexpr + ")\" = " + m + " <= " + bText);
    emit(s, assertScalar(names_, name, "big"));
    kill(s, [&](std::size_t p) { return !a.refs[p] || *a.refs[p] > c; });
  }

  // ------------------------------------------------------------------ float values (issue 13)

  static std::string floatText(double v) { return symrange::testing::floatLiteral(v); }
  const FVar& anyFloat(Scope& s) { return s.floats[static_cast<std::size_t>(pick(static_cast<int>(s.floats.size())))]; }

  /// A float input's item(): a float symbol whose value is the input's, rounded to float32 for
  /// an `f32[]` input.
  void newFloatItem(Scope& s) {
    const int i = nextFloatInput_++;
    const std::string input = "f" + std::to_string(i);
    const std::string name = fresh("item");
    const std::string sym = "zuf" + std::to_string(i);
    emit(s, name + ": \"Sym(" + sym + ")\" = torch.ops.aten.item.default(" + input + ")");
    FRefs r;
    for (const auto& pt : inputs_) {
      double v = std::bit_cast<double>(pt.at(input));
      if (floatF32_[static_cast<std::size_t>(i)]) v = static_cast<double>(static_cast<float>(v));
      r.push_back(v);
    }
    s.floats.push_back({name, sym, r});
  }

  /// The right-hand side of a float comparison: a float, or an int compared exactly.
  struct FRhs {
    std::string name, expr;
    FRefs f;
    Refs i;
    bool isInt = false;
  };
  /// Python's `x OP y` for a float x and a float or int y (exact; NaN: only != holds).
  static std::optional<bool> floatCompare(int k, const FRef& x, const FRhs& r, std::size_t p) {
    if (!x) return std::nullopt;
    int c = 0;
    if (r.isInt) {
      if (!r.i[p]) return std::nullopt;
      const std::optional<int> ic = ir::compareBigDouble(ir::BigInt(*r.i[p]), *x);
      if (!ic) return k == 5;
      c = -*ic;
    } else {
      if (!r.f[p]) return std::nullopt;
      if (std::isnan(*x) || std::isnan(*r.f[p])) return k == 5;
      c = *x < *r.f[p] ? -1 : *x > *r.f[p] ? 1 : 0;
    }
    return k == 0 ? c < 0 : k == 1 ? c <= 0 : k == 2 ? c > 0 : k == 3 ? c >= 0 : k == 4 ? c == 0 : c != 0;
  }

  /// A constant near a value of `a` at the tuning points (the value itself, +-0.5, its floor),
  /// or a special one.
  double floatConstantNear(Scope& s, const FVar& a) {
    std::vector<double> finite;
    for (int p : tuning(s))
      if (const FRef& v = a.refs[static_cast<std::size_t>(p)]; v && std::isfinite(*v) && std::fabs(*v) < 1e300)
        finite.push_back(*v);
    static const double kSpecial[] = {0.0, -0.0, 0.5, 1.0, -1.0, 0.1, 16777217.0, 9007199254740992.0,
                                      9007199254740994.0, 1e308, -2.5};
    if (finite.empty() || chance(20)) return kSpecial[pick(11)];
    const double v = finite[static_cast<std::size_t>(pick(static_cast<int>(finite.size())))];
    switch (pick(5)) {
      case 0: return v + 0.5;
      case 1: return v - 0.5;
      case 2: return std::floor(v);
      default: return v;
    }
  }

  /// A comparison `a OP rhs` of a float a, chosen among random candidates: true at every tuning
  /// point (Passing; `negated`: false at every one), splitting them (Split), or the first
  /// (Random). The rhs is a constant, another float, an int (compared exactly) or a itself.
  struct FComparison {
    int k = 0;
    std::string lhs, lexpr;
    FRhs rhs;
    Refs refs;
  };
  FComparison makeFloatComparison(Scope& s, Cmp mode, bool negated = false) {
    FComparison best;
    for (int attempt = 0; attempt < 16; ++attempt) {
      const FVar a = anyFloat(s);
      FComparison c;
      c.k = pick(6);
      c.lhs = a.name;
      c.lexpr = a.expr;
      const int r = pick(10);
      if (r < 5) {
        const double k = floatConstantNear(s, a);
        c.rhs.name = c.rhs.expr = floatText(k);
        c.rhs.f = FRefs(static_cast<std::size_t>(points_), k);
      } else if (r == 5) {
        c.rhs = {a.name, a.expr, a.refs, {}, false};
      } else if (r < 8) {
        const FVar& b = anyFloat(s);
        c.rhs = {b.name, b.expr, b.refs, {}, false};
      } else {
        const Var& b = anyInt(s);
        c.rhs = {b.name, b.expr, {}, b.refs, true};
      }
      c.refs.resize(static_cast<std::size_t>(points_));
      for (std::size_t p = 0; p < c.refs.size(); ++p)
        if (auto v = floatCompare(c.k, a.refs[p], c.rhs, p)) c.refs[p] = *v ? 1 : 0;
      if (attempt == 0) best = c;
      bool anyTrue = false, anyFalse = false, allKnown = true;
      for (int p : tuning(s)) {
        const Ref& v = c.refs[static_cast<std::size_t>(p)];
        allKnown = allKnown && v;
        anyTrue = anyTrue || v == Ref(1);
        anyFalse = anyFalse || v == Ref(0);
      }
      if (mode == Cmp::Random) return c;
      if (mode == Cmp::Split && anyTrue && anyFalse) return c;
      if (mode == Cmp::Passing && allKnown && (negated ? !anyTrue : !anyFalse)) return c;
    }
    return best;
  }

  /// Writes `c` (sympy's text in the annotation), the bool is in the scope's bools.
  Var emitFloatComparison(Scope& s, const FComparison& c) {
    const std::string expr = sympyComparison(c.k, c.lexpr, c.rhs.expr, /*parenLeft=*/true);
    const std::string name = fresh(kComparisonNode[c.k]);
    emit(s, name + ": \"Sym(" + expr + ")\" = " + c.lhs + " " + kOps[c.k] + " " + c.rhs.name);
    Var v{name, expr, c.refs};
    s.bools.push_back(v);
    if (!c.rhs.isInt) {
      FRefs l(c.refs.size());
      for (const auto& f : s.floats)
        if (f.name == c.lhs) l = f.refs;
      s.floatComparisons.push_back({c.k, c.lhs, c.lexpr, c.rhs.name, c.rhs.expr, l, c.rhs.f});
    }
    return v;
  }

  /// A comparison related to one written before, on the same two floats: the opposite operator
  /// (not(a < b) is not a >= b under NaN), the operands swapped (a < b is b > a), or the same,
  /// checked. Ordered comparisons of NaN are all false, so only the swap is an equivalence.
  void floatRelated(Scope& s) {
    const FComparisonText c = s.floatComparisons[static_cast<std::size_t>(pick(static_cast<int>(s.floatComparisons.size())))];
    static constexpr int kOpposite[] = {3, 2, 1, 0, 5, 4};
    static constexpr int kSwapped[] = {2, 3, 0, 1, 4, 5};
    const int form = pick(3);
    const int k = form == 0 ? kOpposite[c.k] : form == 1 ? kSwapped[c.k] : c.k;
    const bool swap = form == 1;
    const std::string l = swap ? c.rhs : c.lhs, le = swap ? c.rexpr : c.lexpr;
    const std::string r = swap ? c.lhs : c.rhs, re = swap ? c.lexpr : c.rexpr;
    const FRhs rhs{r, re, swap ? c.lrefs : c.rrefs, {}, false};
    const FRefs& lv = swap ? c.rrefs : c.lrefs;
    Refs refs(static_cast<std::size_t>(points_));
    for (std::size_t p = 0; p < refs.size(); ++p)
      if (auto v = floatCompare(k, lv[p], rhs, p)) refs[p] = *v ? 1 : 0;
    const std::string expr = sympyComparison(k, le, re, /*parenLeft=*/true);
    const std::string name = fresh(kComparisonNode[k]);
    emit(s, name + ": \"Sym(" + expr + ")\" = " + l + " " + kOps[k] + " " + r);
    s.bools.push_back({name, expr, refs});
    if (chance(30)) return;  // left for a cond or an or_
    emit(s, assertScalar(names_, name, "related"));
    kill(s, [&](std::size_t p) { return refs[p] != Ref(1); });
  }

  /// A checked float comparison, or `sym_not` of one (torch prints sympy's negation, `x >= c`
  /// for not(x < c), which is not the same under NaN), checked.
  void floatCheck(Scope& s) {
    const bool pass = passing(), negate = chance(30);
    FComparison c = makeFloatComparison(s, pass ? Cmp::Passing : Cmp::Random, negate);
    Var b = emitFloatComparison(s, c);
    if (negate) {
      static constexpr int kOpposite[] = {3, 2, 1, 0, 5, 4};
      const int shown = kOpposite[c.k];
      const std::string expr = sympyComparison(shown, c.lexpr, c.rhs.expr, /*parenLeft=*/true);
      const std::string name = fresh("sym_not");
      emit(s, name + ": \"Sym(" + expr + ")\" = torch.sym_not(" + b.name + ")");
      Refs r = b.refs;
      for (auto& x : r)
        if (x) x = 1 - *x;
      b = {name, expr, r};
      s.bools.push_back(b);
    }
    if (chance(50)) emit(s, torchCheck(names_, b.name));
    else
      emit(s, assertScalar(names_, b.name, runtimeAssertionMessage(b.expr, b.name)));
    kill(s, [&](std::size_t p) { return b.refs[p] != Ref(1); });
  }

  /// Python float arithmetic: a + b, a - b, a * b, a * constant, a / b (raises on +-0.0),
  /// a / int (the int converted; raises on 0), sym_float of an int.
  void floatArith(Scope& s) {
    const FVar a = anyFloat(s);
    FVar b = anyFloat(s);
    std::string name, rhs, expr;
    FRefs r(static_cast<std::size_t>(points_));
    const auto both = [&](const std::function<double(double, double)>& f) {
      for (std::size_t p = 0; p < r.size(); ++p)
        if (a.refs[p] && b.refs[p]) r[p] = f(*a.refs[p], *b.refs[p]);
    };
    const auto par = [](const std::string& e) { return e.find(' ') != std::string::npos ? "(" + e + ")" : e; };
    switch (pick(7)) {
      case 0:
        name = fresh("add"); rhs = a.name + " + " + b.name; expr = a.expr + " + " + b.expr;
        both([](double x, double y) { return x + y; });
        break;
      case 1:
        name = fresh("sub"); rhs = a.name + " - " + b.name; expr = a.expr + " - " + par(b.expr);
        both([](double x, double y) { return x - y; });
        break;
      case 2:
        name = fresh("mul"); rhs = a.name + " * " + b.name; expr = par(a.expr) + "*" + par(b.expr);
        both([](double x, double y) { return x * y; });
        break;
      case 3: {
        static const double kFactors[] = {2.0, 0.5, -1.5, 1e308, 3.0, 0.1};
        const double k = kFactors[pick(6)];
        name = fresh("mul"); rhs = a.name + " * " + floatText(k); expr = floatText(k) + "*" + par(a.expr);
        for (std::size_t p = 0; p < r.size(); ++p)
          if (a.refs[p]) r[p] = *a.refs[p] * k;
        break;
      }
      case 4: {  // float division: a zero divisor raises, preferably none at the tuning points
        if (passing())
          for (int tries = 0; tries < 4; ++tries) {
            bool zero = false;
            for (int p : tuning(s)) zero = zero || b.refs[static_cast<std::size_t>(p)] == FRef(0.0);
            if (!zero) break;
            b = anyFloat(s);
          }
        name = fresh("truediv"); rhs = a.name + " / " + b.name; expr = "FloatTrueDiv(" + a.expr + ", " + b.expr + ")";
        kill(s, [&](std::size_t p) { return !b.refs[p] || *b.refs[p] == 0.0; });
        both([](double x, double y) { return y == 0.0 ? std::nan("") : x / y; });
        break;
      }
      case 5: {  // a / int: Python converts the int (exactly below 2**53), 0 raises
        const Var& d = anyInt(s);
        name = fresh("truediv"); rhs = a.name + " / " + d.name;
        expr = "FloatTrueDiv(" + a.expr + ", ToFloat(" + d.expr + "))";
        kill(s, [&](std::size_t p) { return !d.refs[p] || *d.refs[p] == 0; });
        for (std::size_t p = 0; p < r.size(); ++p)
          if (a.refs[p] && d.refs[p] && *d.refs[p] != 0) r[p] = *a.refs[p] / static_cast<double>(*d.refs[p]);
        break;
      }
      default: {
        const Var& i = anyInt(s);
        name = fresh("sym_float"); rhs = "torch.sym_float(" + i.name + ")"; expr = "ToFloat(" + i.expr + ")";
        for (std::size_t p = 0; p < r.size(); ++p)
          if (i.refs[p]) r[p] = static_cast<double>(*i.refs[p]);
        break;
      }
    }
    emit(s, name + ": \"Sym(" + expr + ")\" = " + rhs);
    s.floats.push_back({name, expr, r});
  }

  /// math.trunc of a float (torch.sym_int): raises on NaN (ValueError) and the infinities
  /// (OverflowError), else a Python int of any size. Ints beyond 2**24 at a point still running
  /// are kept out of the int world (the generator follows ints in int64) unless checked in
  /// range; the other half of the time the int goes back to a float (exact beyond 2**53).
  void floatTrunc(Scope& s) {
    const FVar a = anyFloat(s);
    const std::string name = fresh("trunc");
    const std::string expr = "TruncToInt(" + a.expr + ")";
    emit(s, name + ": \"Sym(" + expr + ")\" = " + (chance(50) ? "math_trunc(" : "torch.sym_int(") + a.name + ")");
    kill(s, [&](std::size_t p) { return !a.refs[p] || !std::isfinite(*a.refs[p]); });
    constexpr double kSmall = 16777216.0;
    Refs r(static_cast<std::size_t>(points_));
    FRefs back(static_cast<std::size_t>(points_));
    bool big = false;
    for (std::size_t p = 0; p < r.size(); ++p) {
      if (!a.refs[p] || !std::isfinite(*a.refs[p])) continue;
      const double t = std::trunc(*a.refs[p]);
      back[p] = t;
      if (std::fabs(t) <= kSmall) r[p] = static_cast<std::int64_t>(t);
      else if (alive_[p]) big = true;
    }
    if (big && chance(50)) {  // back to a float: ToFloat(TruncToInt(a)) is exact
      const std::string f = fresh("sym_float");
      emit(s, f + ": \"Sym(ToFloat(" + expr + "))\" = torch.sym_float(" + name + ")");
      s.floats.push_back({f, "ToFloat(" + expr + ")", back});
      return;
    }
    if (big)
      for (const char* op : {">=", "<="}) {
        const bool ge = op[0] == '>';
        const std::string b = fresh(ge ? "ge" : "le");
        const std::string bound = ge ? "-16777216" : "16777216";
        const std::string bexpr = expr + " " + op + " " + bound;
        emit(s, b + ": \"Sym(" + bexpr + ")\" = " + name + " " + op + " " + bound);
        emit(s, assertScalar(names_, b, "in range"));
      }
    kill(s, [&](std::size_t p) { return !r[p]; });
    s.ints.push_back({name, expr, r});
  }

  /// A check on `c | (a / b < k)` or `c | (trunc(a) >= 0)` of floats after a check on c: the
  /// second check is redundant, and its removal leaves a float op that raises (b == +-0.0; a
  /// NaN or infinite) dead, which must stay.
  void floatDeadRaising(Scope& s) {
    const Comparison c = makeComparison(s, Cmp::Passing);
    const Var cv = emitComparison(s, c);
    emit(s, assertScalar(names_, cv.name, "c"));
    kill(s, [&](std::size_t p) { return cv.refs[p] != Ref(1); });
    const FVar a = anyFloat(s), b = anyFloat(s);
    std::string other, oexpr;
    if (chance(50)) {
      const std::string d = fresh("truediv");
      const std::string dexpr = "FloatTrueDiv(" + a.expr + ", " + b.expr + ")";
      emit(s, d + ": \"Sym(" + dexpr + ")\" = " + a.name + " / " + b.name);
      kill(s, [&](std::size_t p) { return !b.refs[p] || *b.refs[p] == 0.0; });
      other = fresh("lt");
      oexpr = "(" + dexpr + ") < 1.5";
      emit(s, other + ": \"Sym(" + oexpr + ")\" = " + d + " < 1.5");
    } else {
      const std::string t = fresh("trunc");
      const std::string texpr = "TruncToInt(" + a.expr + ")";
      emit(s, t + ": \"Sym(" + texpr + ")\" = math_trunc(" + a.name + ")");
      kill(s, [&](std::size_t p) { return !a.refs[p] || !std::isfinite(*a.refs[p]); });
      other = fresh("ge");
      oexpr = texpr + " >= 0";
      emit(s, other + ": \"Sym(" + oexpr + ")\" = " + t + " >= 0");
    }
    const std::string o = fresh("or_");
    emit(s, o + ": \"Sym(" + cv.expr + " | " + oexpr + ")\" = " + cv.name + " | " + other);
    emit(s, assertScalar(names_, o, "c or f"));
  }

  void floatStatement(Scope& s) {
    if (!s.floatComparisons.empty() && chance(35)) return floatRelated(s);
    switch (pick(8)) {
      case 0: case 1: return floatArith(s);
      case 2: case 3: case 4: return floatCheck(s);
      case 5: case 6: return floatTrunc(s);
      default: return floatDeadRaising(s);
    }
  }

  void cond(Scope& s, int depth) {
    const Cmp mode = chance(90) ? Cmp::Split : Cmp::Random;
    const Var pred = opts_.floatItems && !s.floats.empty() && chance(35)
                         ? emitFloatComparison(s, makeFloatComparison(s, mode))
                         : emitComparison(s, makeComparison(s, mode));
    kill(s, [&](std::size_t p) { return !pred.refs[p]; });
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
    Refs returned[2];
    const std::vector<int> outerTuning = tuning(s);
    for (int arm = 0; arm < 2; ++arm) {
      // Each arm is executed by the live points whose predicate value selects it; an arm no
      // point takes is tuned to the values the enclosing graph's points would give it.
      Scope b{classIndent + "        ", operands, {}, {}};
      for (int p : s.entered)
        if (alive_[static_cast<std::size_t>(p)] && pred.refs[static_cast<std::size_t>(p)] == Ref(arm == 0 ? 1 : 0))
          b.entered.push_back(p);
      b.fallback = outerTuning;
      for (int i = 0; i < opts_.branchStatements; ++i) statement(b, depth + 1);
      std::string t = fresh(arm == 0 ? "sin" : "cos");
      emit(b, t + ": \"f32[5, 5]\" = torch.ops.aten." + (arm == 0 ? "sin" : "cos") + ".default(y)");
      std::string ret = t;
      if (returnsInt) {
        const Var& r = anyInt(b);
        ret += ", " + r.name;
        returned[arm] = r.refs;
      }
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
      Refs r(static_cast<std::size_t>(points_));
      for (std::size_t p = 0; p < r.size(); ++p)
        if (pred.refs[p]) r[p] = returned[*pred.refs[p] ? 0 : 1][p];
      s.ints.push_back({gi, sym, r});
    }
  }

  void statement(Scope& s, int depth) {
    if (s.ints.empty() || (depth == 0 && chance(12))) {
      if (depth == 0 && nextInput_ < opts_.symbols) return newItem(s);
      if (s.ints.empty()) return;
    }
    if (opts_.floatItems && depth == 0 && nextFloatInput_ < static_cast<int>(floatF32_.size()) && chance(15))
      return newFloatItem(s);
    if (opts_.floatItems && !s.floats.empty() && chance(30)) return floatStatement(s);
    if (opts_.opSemantics && chance(25)) {
      switch (pick(5)) {
        case 0: return reshape(s);
        case 1: return floats(s);
        case 2: return flipInPlace(s);
        case 3: return bigLiteral(s);
        default: return deadRaising(s);
      }
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
  int points_;
  std::mt19937_64 rng_;
  NodeNames names_;
  std::vector<GenInput> inputs_;  // the reference points
  std::vector<bool> alive_;       // per point: not raised yet
  int nextInput_ = 0;
  int nextFloatInput_ = 0;
  std::vector<bool> floatF32_;  // per float input: f32 (else f64)
  int nextSymbol_ = 0;
  int condCounter_ = 0;
};

}  // namespace

GeneratedProgram generateProgramWithReference(const GenOptions& opts) { return Generator(opts).run(); }

double randomFloat(std::mt19937_64& rng, int constRange) {
  static const double kSpecial[] = {
      std::nan(""), INFINITY, -INFINITY, 0.0, -0.0, 0.1, -0.1, 1e308, -1e308, 5e-324,
      9007199254740992.0, 9007199254740994.0, -9007199254740994.0, 16777217.0, 1e39 /* f32: inf */,
      1e-46 /* f32: 0.0 */, 3.4028235e38, 2.5, -0.5, 1e16 + 2.0};
  std::uniform_int_distribution<int> pct(0, 99);
  const int r = pct(rng);
  if (r < 35) return kSpecial[std::uniform_int_distribution<std::size_t>(0, std::size(kSpecial) - 1)(rng)];
  const int k = std::uniform_int_distribution<int>(-constRange, constRange)(rng);
  return r < 75 ? static_cast<double>(k) : k + 0.5;
}

std::string floatLiteral(double v) {
  // Python's repr: the fewest digits that read back as v; positional for exponents in
  // [-4, 16) with at least one decimal ("10.0", "0.0001"), else "1e+16", "1.5e-05"
  char buf[64];
  int digits = 1;
  for (; digits < 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
  const int exp = std::atoi(std::strchr(buf, 'e') + 1);
  if (exp >= -4 && exp < 16) std::snprintf(buf, sizeof buf, "%.*f", std::max(digits - 1 - exp, 1), v);
  return buf;
}

std::string generateProgram(const GenOptions& opts) { return generateProgramWithReference(opts).text; }

}  // namespace symrange::testing
