// testing/workload/Builder.cpp — the statement emitter of the workload generator: naming,
// counting, checks that must hold in the scope's valuation, cond scaffolding (see Builder.h).
#include "testing/workload/internal/Builder.h"

#include <cstdio>
#include <cstdlib>

namespace symrange::bench::detail {
namespace {

constexpr const char* kTensorType = "\"f32[5, 5]\"";

/// A broken recipe is a bug of ours: stop loudly rather than emit a failing workload.
[[noreturn]] void generatorBug(const std::string& what) {
  std::fprintf(stderr, "symrange workload generator bug: %s\n", what.c_str());
  std::abort();
}

/// The Python operand for `v`: its node name, or the constant it stands for.
std::string pyName(const Int& v) { return v.node.empty() ? text(v.term) : v.node; }

std::string annotation(const std::string& sympy) { return "\"Sym(" + sympy + ")\""; }

}  // namespace

Builder::Builder(std::uint64_t seed) : rng_(seed * 0x9E3779B97F4A7C15ULL + 0x5EED) {
  top_.indent = std::string(12, ' ');
  nodes_ = 2;  // the `y` placeholder and the output node
}

std::int64_t Builder::uniform(std::int64_t lo, std::int64_t hi) {
  return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
}

std::string Builder::fresh(const std::string& base) { return names_.fresh(base); }

void Builder::emit(Scope& s, const std::string& line, bool isCheck) {
  s.body += s.indent;
  s.body += line;
  s.body += '\n';
  ++nodes_;
  if (isCheck) ++checks_;
}

void Builder::beginGroup() {
  symbols_.clear();
  top_.env.clear();
  top_.facts.clear();
  top_.memo.clear();
}

Int Builder::addSymbol(Scope& s, const std::string& node, std::int64_t value, Bounds known, bool sampled) {
  const int idx = static_cast<int>(symbols_.size());
  auto t = std::make_shared<Term>();
  t->op = Op::Sym;
  t->sym = idx;
  t->name = "u" + std::to_string(nextSymbol_++);
  symbols_.push_back({t->name, known, sampled, value});
  if (s.env.size() <= static_cast<std::size_t>(idx)) s.env.resize(static_cast<std::size_t>(idx) + 1, 0);
  s.env[static_cast<std::size_t>(idx)] = value;
  return {node, t};
}

Int Builder::item(Scope& s, std::int64_t ref, Bounds known, bool dense) {
  if (&s != &top_) generatorBug("item() outside the forward graph");
  const std::string input = "x" + std::to_string(nextInput_++);
  inputs_.push_back(input);
  reference_[input] = ref;
  ++nodes_;  // the placeholder
  const std::string node = fresh(dense ? "_local_scalar_dense" : "item");
  Int v = addSymbol(s, node, ref, known, /*sampled=*/true);
  emit(s, node + ": " + annotation(v.term->name) + " = torch.ops.aten." +
              (dense ? "_local_scalar_dense" : "item") + ".default(" + input + ")");
  return v;
}

Bounds Builder::bounds(const TermRef& t) const {
  return boundsOf(t, [this](int sym) { return known(sym); });
}

std::int64_t Builder::value(const Scope& s, const TermRef& t) const {
  const auto v = evaluate(t, s.env);
  if (!v) generatorBug("term " + text(t) + " has no value (zero divisor or overflow)");
  return *v;
}

bool Builder::value(const Scope& s, const Bool& b) const {
  const auto v = evaluate(b, s.env);
  if (!v) generatorBug("condition " + text(b) + " has no value");
  return *v;
}

Int Builder::op(Scope& s, Op o, const Int& a, const Int& b) {
  static const std::map<Op, std::pair<const char*, const char*>> kSpelling = {
      {Op::Add, {"add", " + "}},     {Op::Sub, {"sub", " - "}},          {Op::Mul, {"mul", " * "}},
      {Op::FloorDiv, {"floordiv", " // "}}, {Op::Mod, {"mod", " % "}},
      {Op::Max, {"sym_max", "torch.sym_max"}}, {Op::Min, {"sym_min", "torch.sym_min"}}};
  const auto& [base, spelling] = kSpelling.at(o);
  const std::string key = std::string(base) + "(" + pyName(a) + "," + pyName(b) + ")";
  if (reuse_) {
    if (auto it = s.memo.find(key); it != s.memo.end()) return it->second;
  }
  Int r{fresh(base), combine(o, a.term, b.term)};
  (void)value(s, r.term);  // defined in this valuation (no zero divisor)
  const std::string rhs = o == Op::Max || o == Op::Min
                              ? std::string(spelling) + "(" + pyName(a) + ", " + pyName(b) + ")"
                              : pyName(a) + spelling + pyName(b);
  emit(s, r.node + ": " + annotation(text(r.term)) + " = " + rhs);
  if (reuse_) s.memo.emplace(key, r);
  return r;
}

Int Builder::op(Scope& s, Op o, const Int& a, std::int64_t c) { return op(s, o, a, literal(c)); }

Bool Builder::cmp(Scope& s, Cmp c, const Int& a, const Int& b) {
  const auto k = static_cast<std::size_t>(c);
  Bool r{fresh(testing::kComparisonNode[k]), c, a.term, b.term};
  (void)value(s, r);
  emit(s, r.node + ": " + annotation(text(r)) + " = " + pyName(a) + " " +
              testing::kComparisonOp[k] + " " + pyName(b));
  return r;
}

Bool Builder::cmp(Scope& s, Cmp c, const Int& a, std::int64_t k) { return cmp(s, c, a, literal(k)); }

void Builder::check(Scope& s, const Bool& b, CheckStyle style) {
  if (!value(s, b)) generatorBug("check " + text(b) + " is false where it is emitted");
  s.facts.push_back(b);
  if (style == CheckStyle::Any) {
    const std::int64_t r = uniform(0, 99);
    style = r < scalarPercent_                   ? CheckStyle::AssertScalar
            : r < scalarPercent_ + asyncPercent_ ? CheckStyle::AssertAsync
                                                 : CheckStyle::TorchCheck;
  }
  switch (style) {
    case CheckStyle::AssertScalar:
      emit(s, testing::assertScalar(names_, b.node, testing::runtimeAssertionMessage(text(b), b.node)),
           true);
      break;
    case CheckStyle::AssertAsync: {
      const std::string st = fresh("scalar_tensor");
      emit(s, testing::scalarTensor(st, b.node));
      emit(s, testing::assertAsync(names_, st, b.node + " is outside of inline constraint"), true);
      break;
    }
    case CheckStyle::Any:  // chosen above
    case CheckStyle::TorchCheck:
      emit(s, testing::torchCheck(names_, b.node), true);
      break;
  }
}

void Builder::constrainRange(Scope& s, const Int& u, std::optional<std::int64_t> lo,
                             std::optional<std::int64_t> hi) {
  const std::int64_t v = value(s, u.term);
  if ((lo && v < *lo) || (hi && v > *hi)) generatorBug("constrain_range excludes the value");
  emit(s, testing::constrainRange(names_, false, u.node, lo, hi), true);
  if (lo) s.facts.push_back({"", Cmp::Ge, u.term, constant(*lo)});
  if (hi) s.facts.push_back({"", Cmp::Le, u.term, constant(*hi)});
}

void Builder::constrainForSize(Scope& s, const Int& u, std::optional<std::int64_t> lo,
                               std::optional<std::int64_t> hi) {
  const std::int64_t v = value(s, u.term), l = lo.value_or(0);
  if (v < l || (hi && (v > *hi || *hi <= 2))) generatorBug("constrain_range_for_size excludes the value");
  emit(s, testing::constrainRange(names_, true, u.node, lo, hi), true);
  s.facts.push_back({"", Cmp::Ge, u.term, constant(l)});
  if (hi) s.facts.push_back({"", Cmp::Le, u.term, constant(*hi)});
}

Tensor Builder::full(Scope& s, const std::vector<Int>& dims) {
  Tensor t{fresh("full"), {}};
  std::string shape, sizes;
  for (const Int& d : dims) {
    if (value(s, d.term) < 0) generatorBug("full() of a negative size");
    t.dims.push_back(d.term);
    shape += (shape.empty() ? "" : ", ") + text(d.term);
    sizes += (sizes.empty() ? "" : ", ") + pyName(d);
    if (d.term->op != Op::Const) s.facts.push_back({"", Cmp::Ge, d.term, constant(0)});
  }
  emit(s, t.node + ": \"f32[" + shape + "]\" = torch.ops.aten.full.default([" + sizes +
              "], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), "
              "pin_memory = False)");
  return t;
}

Int Builder::symSize(Scope& s, const Tensor& t, int dim) {
  Int r{fresh("sym_size_int"), t.dims.at(static_cast<std::size_t>(dim))};
  emit(s, r.node + ": " + annotation(text(r.term)) + " = torch.ops.aten.sym_size.int(" + t.node + ", " +
              std::to_string(dim) + ")");
  return r;
}

std::optional<Env> Builder::sample(const Scope& s, const Bool& extra, bool want) {
  std::vector<std::size_t> free;
  for (std::size_t i = 0; i < symbols_.size() && i < s.env.size(); ++i)
    if (symbols_[i].sampled) free.push_back(i);
  if (free.empty()) return std::nullopt;
  auto draw = [&](std::size_t i) {
    const Symbol& sym = symbols_[i];
    const std::int64_t lo = sym.known.lo.value_or(std::min(sym.ref, sym.known.hi.value_or(sym.ref)) - 20);
    const std::int64_t hi = sym.known.hi.value_or(std::max(sym.ref, lo) + 20);
    return uniform(lo, hi);
  };
  for (int attempt = 0; attempt < 64; ++attempt) {
    Env e = s.env;
    if (attempt % 2 == 0) {
      const std::size_t i = pickOne(free);
      e[i] = draw(i);
    } else {
      for (std::size_t i : free) e[i] = draw(i);
    }
    bool ok = evaluate(extra, e) == std::optional<bool>(want);
    for (std::size_t k = 0; ok && k < s.facts.size(); ++k) ok = evaluate(s.facts[k], e) == std::optional<bool>(true);
    if (ok) return e;
  }
  return std::nullopt;
}

std::optional<Int> Builder::cond(Scope& s, const Bool& pred, const std::vector<Int>& operands,
                                 bool returnsInt, const ArmFn& arm) {
  if (returnsInt && operands.empty()) generatorBug("cond returning a SymInt without operands");
  const bool taken = value(s, pred);
  const int id = nextCond_++;
  const std::string names[2] = {"true_graph_" + std::to_string(id), "false_graph_" + std::to_string(id)};
  const std::string classIndent(s.indent.size() - 4, ' ');
  std::string params = "y: " + std::string(kTensorType), args = "y";
  for (const Int& o : operands) {
    params += ", " + o.node + ": " + annotation(text(o.term));
    args += ", " + o.node;
  }
  std::int64_t result = 0;
  Bounds hull;
  for (int k = 0; k < 2; ++k) {
    const bool side = k == 0;
    Scope a;
    a.indent = s.indent + "    ";
    a.depth = s.depth + 1;
    a.facts = s.facts;
    static constexpr Cmp kNegation[] = {Cmp::Ge, Cmp::Gt, Cmp::Le, Cmp::Lt, Cmp::Ne, Cmp::Eq};
    a.facts.push_back({"", side ? pred.cmp : kNegation[static_cast<std::size_t>(pred.cmp)], pred.lhs, pred.rhs});
    std::optional<Env> env = side == taken ? std::optional<Env>(s.env) : sample(s, pred, side);
    nodes_ += 1 + operands.size();  // placeholders
    std::optional<Int> ret;
    if (env) {
      a.env = std::move(*env);
      ret = arm(a, side);
    }
    if (returnsInt && !ret) ret = operands.front();
    const std::string t = fresh(side ? "sin" : "cos");
    emit(a, t + ": " + kTensorType + " = torch.ops.aten." + (side ? "sin" : "cos") + ".default(y)");
    emit(a, "return (" + t + (returnsInt ? ", " + ret->node + ")" : ",)"));
    if (returnsInt) {
      if (side == taken) result = value(a, ret->term);
      const Bounds b = bounds(ret->term);
      hull = k == 0 ? b
                    : Bounds{b.lo && hull.lo ? std::optional(std::min(*b.lo, *hull.lo)) : std::nullopt,
                             b.hi && hull.hi ? std::optional(std::max(*b.hi, *hull.hi)) : std::nullopt};
    }
    s.subs += classIndent + "class " + names[k] + "(torch.nn.Module):\n";
    s.subs += s.indent + "def forward(self, " + params + "):\n" + a.body + a.subs;
  }
  emit(s, names[0] + " = self." + names[0]);
  emit(s, names[1] + " = self." + names[1]);
  const std::string c = fresh("cond");
  emit(s, c + " = torch.ops.higher_order.cond(" + pred.node + ", " + names[0] + ", " + names[1] + ", [" +
              args + "])");
  emit(s, fresh("getitem") + ": " + kTensorType + " = " + c + "[0]");
  if (!returnsInt) return std::nullopt;
  const std::string g = fresh("getitem");
  Int r = addSymbol(s, g, result, hull, /*sampled=*/false);
  emit(s, g + ": " + annotation(r.term->name) + " = " + c + "[1]");
  return r;
}

std::string Builder::program() {
  std::string sig;
  for (const std::string& in : inputs_) sig += in + ": \"i64[]\", ";
  std::string out = "ExportedProgram:\n    class GraphModule(torch.nn.Module):\n";
  out += "        def forward(self, " + sig + "y: " + kTensorType + "):\n";
  out += top_.body;
  out += top_.indent + "return (y,)\n";
  out += top_.subs;
  out += "Graph signature:\n";
  for (const std::string& in : inputs_) out += "    " + in + ": USER_INPUT\n";
  out += "    y: USER_INPUT\n    y: USER_OUTPUT\nRange constraints: {}\n";
  return out;
}

}  // namespace symrange::bench::detail
