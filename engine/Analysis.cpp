// engine/Analysis.cpp — the program walk (see internal/Analysis.h).
#include "engine/internal/Analysis.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/internal/SymbolNamer.h"
#include "engine/ops/CustomOps.h"
#include "engine/ops/OpSemantics.h"
#include "ir/ExprEval.h"
#include "ir/ExprPrinter.h"
#include "ir/GraphAlgo.h"

namespace symrange::engine {

using ir::ExprRef;
using ir::ExprType;
using solver::Verdict;

namespace {

/// Python's spelling of an int literal, `-?[1-9][0-9]*` (or 0): the reader keeps those beyond
/// int64 as raw text.
bool isBigIntLiteral(std::string_view t) {
  std::string_view d = !t.empty() && t[0] == '-' ? t.substr(1) : t;
  if (d.empty() || d.size() > 4300 || (d.size() > 1 && d[0] == '0')) return false;
  return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string childPath(const std::string& parent, const std::string& attr) {
  return parent == "forward" ? attr : parent + "/" + attr;
}

CondVerdict condVerdictOf(Verdict v) {
  switch (v) {
    case Verdict::Redundant: return CondVerdict::True;
    case Verdict::Fails: return CondVerdict::False;
    case Verdict::Required: return CondVerdict::Open;
    case Verdict::Unreachable: return CondVerdict::Unreachable;
    case Verdict::Unknown: return CondVerdict::Unknown;
  }
  return CondVerdict::Unknown;
}

/// Merges the answer of one more visit into a check's record: a check is redundant only if it
/// is redundant at every reachable visit; unreachable visits do not count.
void mergeAnswer(CheckResult& c, const solver::Answer& a) {
  if (c.visits++ == 0) {
    c.answer = a;
    return;
  }
  solver::Answer& old = c.answer;
  if (old.verdict == a.verdict || a.verdict == Verdict::Unreachable) return;
  if (old.verdict == Verdict::Unreachable) {
    old = a;
    return;
  }
  if (old.verdict == Verdict::Unknown) return;
  if (a.verdict == Verdict::Unknown) {
    old = a;
    return;
  }
  // redundant / required / fails mixed: it passes somewhere and fires somewhere
  if (old.verdict != Verdict::Required) {
    const solver::Answer firing = a.verdict == Verdict::Redundant ? old : a;
    old.verdict = Verdict::Required;
    old.witness = firing.witness;
    old.because.clear();
  }
}

void mergeCond(BranchResult& b, CondVerdict v, const solver::Answer& a) {
  if (b.visits++ == 0) {
    b.verdict = v;
    b.answer = a;
    return;
  }
  if (b.verdict == v || v == CondVerdict::Unreachable) return;
  if (b.verdict == CondVerdict::Unreachable) {
    b.verdict = v;
    b.answer = a;
    return;
  }
  b.verdict = (b.verdict == CondVerdict::Unknown || v == CondVerdict::Unknown) ? CondVerdict::Unknown
                                                                             : CondVerdict::Open;
}

/// Deterministic sample value of a symbol for the annotation cross-check.
std::optional<ir::Value> sampleValue(ExprRef s, int sample) {
  std::uint64_t h = 1469598103934665603ull;
  for (char ch : s->name()) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
  const auto v = static_cast<std::int64_t>(5 + (h + 11u * static_cast<unsigned>(sample)) % 37);
  switch (s->type()) {
    case ExprType::Int: return ir::Value::ofInt(v);
    case ExprType::Bool: return ir::Value::ofBool(((h >> 7) + static_cast<unsigned>(sample)) % 2);
    case ExprType::Float: return ir::Value::ofFloat(static_cast<double>(v) + 0.5);
  }
  return std::nullopt;
}

/// False only when `a` and `b` evaluate to different values at some sample point: a cheap,
/// deterministic disagreement test (never a proof of equality).
bool probablyEqual(ExprRef a, ExprRef b) {
  if (a == b) return true;
  if (a->type() != b->type()) return false;
  for (int sample = 0; sample < 3; ++sample) {
    auto lookup = [sample](ExprRef s) { return sampleValue(s, sample); };
    ir::EvalResult x = ir::evaluate(a, lookup);
    ir::EvalResult y = ir::evaluate(b, lookup);
    if (!x.value || !y.value) continue;
    if (x.value->type == ir::Value::Type::Float || y.value->type == ir::Value::Type::Float) {
      const double fx = x.value->type == ir::Value::Type::Float ? x.value->f : static_cast<double>(x.value->i);
      const double fy = y.value->type == ir::Value::Type::Float ? y.value->f : static_cast<double>(y.value->i);
      if (fx != fy) return false;
    } else if (x.value->i != y.value->i) {
      return false;
    }
  }
  return true;
}

double elapsedMicros(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - since).count();
}

class Analyzer {
 public:
  Analyzer(ir::Program& p, solver::Prover& prover, Semantics semantics, bool computeRanges)
      : p_(p), cx_(p.exprs()), prover_(prover), semantics_(semantics),
        computeRanges_(computeRanges), namer_(p) {}

  AnalysisResult run() {
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& gp : ir::allGraphs(p_)) r_.nodesIn += gp.graph->nodes().size();
    frames_.emplace_back();
    walk(*p_.root, "forward", nullptr);
    sweepUnvisited();
    for (ExprRef s : namer_.symbols()) {
      if (s->type() != ExprType::Int || !computeRanges_) continue;
      r_.ranges.emplace_back(s, prover_.range(s));
    }
    std::sort(r_.ranges.begin(), r_.ranges.end(),
              [](const auto& a, const auto& b) { return a.first->id() < b.first->id(); });
    r_.semantics = semantics_;
    r_.displayNames = namer_.displayNames(p_, r_.values);
    r_.stats = prover_.stats();
    r_.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return std::move(r_);
  }

 private:
  // ------------------------------------------------------------------------------- facts
  void addFact(ExprRef f, const std::string& label) {
    if (!f || (f->isBoolConst() && f->boolValue())) return;
    prover_.addFact(f, label);
    frames_.back().push_back(f);
  }

  // ------------------------------------------------------------------------------- walking
  SymValue walk(ir::Graph& g, const std::string& path, const std::vector<SymValue>* operands) {
    std::size_t placeholder = 0;
    bool inputsDone = operands != nullptr;
    SymValue result = SymValue::none();
    for (const auto& up : g.nodes()) {
      ir::Node& n = *up;
      namer_.setSource(sourceOf(n, path));
      if (!inputsDone && n.op() != ir::NodeOp::Placeholder) {
        addInputConstraints(g);
        inputsDone = true;
      }
      SymValue v = SymValue::opaque();
      switch (n.op()) {
        case ir::NodeOp::Placeholder:
          if (operands) {
            v = placeholder < operands->size() ? (*operands)[placeholder] : materialize(n, v);
            if (placeholder < operands->size()) crossCheck(n, path, v);
          } else {
            v = inputValue(n);
          }
          ++placeholder;
          break;
        case ir::NodeOp::GetAttr:
          if (ir::Graph* sub = g.subgraph(n.target())) v = SymValue::graph(sub);
          r_.pure.insert(&n);
          break;
        case ir::NodeOp::Output:
          if (n.args.size() == 1) {
            result = argValue(n.args[0]);
          } else {
            std::vector<SymValue> items;
            for (const auto& a : n.args) items.push_back(argValue(a));
            result = SymValue::list(std::move(items), true);
          }
          continue;
        case ir::NodeOp::CallModule:
          mutated(n, Mutates::SelfValues);  // a module may change its tensor arguments
          v = materialize(n, v);
          break;
        case ir::NodeOp::CallFunction:
        case ir::NodeOp::CallMethod:
          v = call(g, n, path);
          break;
      }
      r_.values[&n] = v;
    }
    if (!inputsDone) addInputConstraints(g);
    return result;
  }

  // ------------------------------------------------------------------------------- inputs
  // What the root placeholders are on entry depends on who runs the program (InputModel,
  // docs/input-model.md). Annotations name input values; they are never premises, except that
  // under `checked` the entry check itself binds a dim's symbol and checks every later use.

  /// Root placeholders, in order.
  SymValue inputValue(ir::Node& n) {
    if (!n.annotation) return SymValue::tensor(TensorInfo::unknown());
    const ir::Annotation& a = *n.annotation;
    if (a.kind == ir::Annotation::Kind::Tensor) {
      std::vector<ExprRef> dims;
      dims.reserve(a.shape.size());
      for (std::size_t i = 0; i < a.shape.size(); ++i) {
        namer_.setSource(n.name() + ".shape[" + std::to_string(i) + "]");  // the report's name
        dims.push_back(inputDim(n, a.shape[i], true));
      }
      namer_.setSource(n.name());
      return SymValue::tensor(TensorInfo::withDims(std::move(dims), a.dtype));
    }
    if (a.kind == ir::Annotation::Kind::Sym && a.sym) return SymValue::scalar(inputDim(n, a.sym, false));
    return SymValue::tensor(TensorInfo::unknown());
  }

  /// The value of one input dim (or SymInt input, `isSize` false) annotated `d`, with the facts
  /// the input model guarantees about it.
  ExprRef inputDim(const ir::Node& n, ExprRef d, bool isSize) {
    if (d->isConst()) return d;  // a static dim is the program's type
    for (ExprRef s : ir::freeSymbols(d)) r_.inputSymbols.insert(s);
    const std::string label = "input:" + n.name();
    ExprRef v = semantics_.inputs == InputModel::Checked ? checkedInput(n, d) : uncheckedInput(d);
    if (isSize) addFact(cx_.ge(v, cx_.intConst(0)), label);
    return v;
  }

  /// `unchecked`: the first bare occurrence of a symbol defines it; a repeat, or a dim given by
  /// an expression, is a value of its own (PyTorch printed a replacement there).
  ExprRef uncheckedInput(ExprRef d) {
    if (d->isSymbol() && !inputBound_.contains(d)) return bindInput(d, d);
    return unrelatedInput(d);
  }

  /// A fresh value for input annotation `d`, which is only PyTorch's name for it: later
  /// annotations that mention `d`'s symbols are not compared with the data flow (crossCheck).
  ExprRef unrelatedInput(ExprRef d) {
    for (ExprRef s : ir::freeSymbols(d)) inputRenamed_.insert(s);
    return namer_.fresh(d->type(), nullptr);
  }

  /// `checked`: `_check_symint` (torch/_export/utils.py). A dim whose expression has one free
  /// symbol binds that symbol at its first occurrence (a bare symbol to the dim; an expression
  /// to `int(solve(expr == dim))`, which relates nothing we can use) and equals the expression
  /// of the bound symbol at every later one; its `Range constraints` entry, looked up by the
  /// dim's exact expression, checks a lower bound only above 2 ("we allow dimensions to be 0/1
  /// at runtime") and an upper bound only when finite. Dims with several symbols are unchecked.
  ExprRef checkedInput(const ir::Node& n, ExprRef d) {
    const std::vector<ExprRef> syms = ir::freeSymbols(d);
    if (syms.size() != 1 || d->type() != ExprType::Int) return unrelatedInput(d);
    const ExprRef s = syms[0];
    ExprRef v;
    if (auto it = inputBound_.find(s); it != inputBound_.end()) {
      v = cx_.substitute(d, {{s, it->second}});
    } else if (d->isSymbol()) {
      v = bindInput(s, s);
    } else {
      bindInput(s, s);
      v = unrelatedInput(d);
    }
    if (const ir::RangeEntry* r = rangeEntryOf(d)) {
      const std::string label = "entry_check:" + n.name();
      if (r->lo && *r->lo > 2) addFact(cx_.ge(v, cx_.intConst(*r->lo)), label);
      if (r->hi) addFact(cx_.le(v, cx_.intConst(*r->hi)), label);
    }
    return v;
  }

  ExprRef bindInput(ExprRef symbol, ExprRef value) {
    inputBound_.emplace(symbol, value);
    namer_.claim(symbol);
    return value;
  }

  /// The `Range constraints` entry keyed by exactly `e`, or nullptr.
  const ir::RangeEntry* rangeEntryOf(ExprRef e) const {
    if (!p_.rangeConstraints) return nullptr;
    for (const auto& r : *p_.rangeConstraints)
      if (r.symbol == e) return &r;
    return nullptr;
  }

  /// The 2.1 `Equality constraints` between input dims, which the 2.1 entry check enforces:
  /// only under `checked`. `Range constraints` are never premises of their own (under
  /// `checked` they enter through the dims that carry them, inputDim).
  void addInputConstraints(ir::Graph& root) {
    if (semantics_.inputs != InputModel::Checked || !p_.equalityConstraints) return;
    for (const auto& q : *p_.equalityConstraints) {
      ir::Node* a = root.find(q.inputA);
      ir::Node* b = root.find(q.inputB);
      if (!a || !b) continue;
      const SymValue& va = r_.values[a];
      const SymValue& vb = r_.values[b];
      if (!va.isTensor() || !vb.isTensor()) continue;
      std::vector<ExprRef> facts;
      ExprRef da = tensorDim(*va.tensor(), q.dimA, nullptr, namer_, cx_, facts);
      ExprRef db = tensorDim(*vb.tensor(), q.dimB, nullptr, namer_, cx_, facts);
      for (ExprRef f : facts) addFact(f, "input:" + a->name());
      if (da && db) addFact(cx_.eq(da, db), "equality_constraints");
    }
  }

  SymValue argValue(const ir::Argument& a) {
    return std::visit(
        [&](const auto& x) -> SymValue {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, ir::Argument::None>) {
            return SymValue::none();
          } else if constexpr (std::is_same_v<T, ir::Node*>) {
            auto it = r_.values.find(x);
            return it == r_.values.end() ? SymValue::opaque() : it->second;
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return SymValue::scalar(cx_.intConst(x));
          } else if constexpr (std::is_same_v<T, double>) {
            return SymValue::scalar(cx_.floatConst(x));
          } else if constexpr (std::is_same_v<T, bool>) {
            return SymValue::scalar(cx_.boolConst(x));
          } else if constexpr (std::is_same_v<T, ir::Argument::List>) {
            std::vector<SymValue> items;
            for (const auto& i : x.items) items.push_back(argValue(i));
            return SymValue::list(std::move(items), x.tuple);
          } else if constexpr (std::is_same_v<T, ir::Argument::Raw>) {
            // an integer literal beyond int64 is a Python int like any other
            if (isBigIntLiteral(x.text)) return SymValue::scalar(cx_.intLiteral(x.text));
            return SymValue::opaque();  // other raw text
          } else {
            return SymValue::opaque();  // strings
          }
        },
        a.value);
  }

  SymValue call(ir::Graph& g, ir::Node& n, const std::string& path) {
    const OpSpec* spec = findOp(n);
    OpSpec custom;  // the entry of an op the user gave semantics for
    if (!spec && semantics_.customOps) {
      if (const CustomOp* op = semantics_.customOps->find(opKey(n))) {
        custom = op->spec();
        spec = &custom;
      }
    }
    if (!spec) {  // unknown op: opaque, kept, and it may change its tensor arguments in place
      mutated(n, unknownOpMutates(n));
      return materialize(n, SymValue::opaque());
    }
    if (spec->effect == OpEffect::Control) {
      if (spec->control == Control::Cond) return condNode(g, n, path);
      return wrapNode(n, path);
    }
    std::vector<SymValue> args;
    for (const auto& a : n.args) args.push_back(argValue(a));
    std::vector<std::pair<std::string, SymValue>> kwargs;
    for (const auto& [k, a] : n.kwargs) kwargs.emplace_back(k, argValue(a));
    OpCall c(n, cx_, std::move(args), std::move(kwargs), namer_, semantics_);
    c.setProver([this](ExprRef goal) { return prover_.mustBeTrue(goal); });
    OpOutcome o = spec->transfer(c);
    if (spec->effect == OpEffect::Check || spec->effect == OpEffect::Constraint)
      checkNode(n, path, *spec, o);
    std::vector<ExprRef> pre;
    for (ExprRef f : o.preconditions)
      if (!(f->isBoolConst() && f->boolValue())) pre.push_back(f);
    if (spec->effect == OpEffect::Pure && spec->raises == Raises::OnPreconditions &&
        o.raisesModelled) {
      // dropping a dead op is sound only if it could not have raised
      if (pre.empty() || prover_.mustBeTrue(pre.size() == 1 ? pre[0] : cx_.land(pre)))
        r_.pure.insert(&n);
    }
    for (ExprRef f : pre) addFact(f, n.name());
    for (ExprRef f : o.guarantees) addFact(f, n.name());
    mutated(n, spec->mutates);
    if (const ir::Argument* out = n.kwarg("out")) o.value = writtenOut(*out, o.value);
    const bool derived = !o.value.isOpaque();
    remember(o.value);
    SymValue v = materialize(n, std::move(o.value));
    if (derived) crossCheck(n, path, v);
    return v;
  }

  // ------------------------------------------------------------------------------- in place
  /// Tensors whose value facts (scalar, element bounds, truth) were recorded since the last
  /// mutation: a mutation anywhere may reach them through a view, so it forgets them all.
  void remember(const SymValue& v) {
    if (v.isList()) {
      for (const auto& i : v.items()) remember(i);
      return;
    }
    if (!v.isTensor()) return;
    const TensorInfo& t = *v.tensor();
    if (t.scalar || t.elemLo || t.elemHi || t.truth) withValueFacts_.push_back(v.tensorPtr());
  }

  void forgetValues() {
    for (const auto& t : withValueFacts_) {
      t->scalar = nullptr;
      t->elemLo = nullptr;
      t->elemHi = nullptr;
      t->truth = nullptr;
    }
    withValueFacts_.clear();
  }

  static void forgetShape(TensorInfo& t) {
    t.rankKnown = false;
    t.dims.clear();
    t.lazyDims.clear();
    t.dimHints.clear();
  }

  /// What executing `n` may have changed in place (`how`, from the registry or unknownOpMutates).
  void mutated(const ir::Node& n, Mutates how) {
    if (how == Mutates::Nothing && !n.kwarg("out")) return;
    forgetValues();
    if (how == Mutates::SelfValuesAndSizes && !n.args.empty()) {
      SymValue self = argValue(n.args[0]);
      if (self.isTensor()) forgetShape(*self.tensor());
    }
    if (how == Mutates::ArgumentsValuesAndSizes) {
      for (const auto& a : n.args) {
        SymValue v = argValue(a);
        if (v.isTensor()) forgetShape(*v.tensor());
      }
    }
  }

  /// An `out=` tensor is resized to the result and holds it (ATen's resize_output): the node's
  /// value is that tensor, with the result's shape where known.
  SymValue writtenOut(const ir::Argument& outArg, const SymValue& result) {
    SymValue out = argValue(outArg);
    if (!out.isTensor()) return SymValue::opaque();
    TensorInfo& t = *out.tensor();
    forgetShape(t);
    if (result.isTensor() && result.tensor()->rankKnown) {
      t.rankKnown = true;
      t.dims = result.tensor()->dims;
    }
    return out;
  }

  /// An opaque value takes the shape of the node's annotation: a fresh symbol named after a
  /// `Sym(u3)` annotation, a tensor of the annotated rank with not-yet-known dims.
  SymValue materialize(const ir::Node& n, SymValue v) {
    if (!v.isOpaque() || !n.annotation) return v;
    const ir::Annotation& a = *n.annotation;
    if (a.kind == ir::Annotation::Kind::Sym && a.sym)
      return SymValue::scalar(namer_.fresh(a.sym->type(), a.sym));
    if (a.kind == ir::Annotation::Kind::Tensor) {
      auto t = TensorInfo::withDims(std::vector<ExprRef>(a.shape.size(), nullptr), a.dtype);
      t->dimHints = a.shape;
      return SymValue::tensor(std::move(t));
    }
    return v;
  }

  // ------------------------------------------------------------------------------- checks
  CheckResult& checkRecord(const ir::Node& n, const std::string& path, const OpSpec& spec) {
    auto it = r_.checkIndex.find(&n);
    if (it != r_.checkIndex.end()) return r_.checks[it->second];
    CheckResult c;
    c.node = &n;
    c.name = n.name();
    c.loc = n.loc;
    c.graph = path;
    c.kind = spec.effect == OpEffect::Constraint ? CheckKind::Constraint : CheckKind::Check;
    c.sizeLike = spec.sizeLike;
    r_.checkIndex.emplace(&n, r_.checks.size());
    r_.checks.push_back(std::move(c));
    return r_.checks.back();
  }

  void checkNode(ir::Node& n, const std::string& path, const OpSpec& spec, const OpOutcome& o) {
    solver::Answer a;
    double micros = 0.0;
    if (o.condition) {
      const auto t0 = std::chrono::steady_clock::now();
      a = prover_.prove(o.condition);
      micros = elapsedMicros(t0);
    } else {
      a.verdict = Verdict::Unknown;
      a.reason = o.unsupported.empty() ? "unsupported" : o.unsupported;
    }
    CheckResult& rec = checkRecord(n, path, spec);
    if (!rec.condition) rec.condition = o.condition;
    rec.micros += micros;
    mergeAnswer(rec, a);
    rec.inPrunedBranch = false;
    // after the check, its condition holds on every path that goes on
    if (o.condition) addFact(o.condition, n.name());
  }

  // ------------------------------------------------------------------------------- cond, wrap
  const ir::Argument* argAt(const ir::Node& n, std::size_t i, std::string_view kw) {
    if (i < n.args.size()) return &n.args[i];
    return n.kwarg(kw);
  }

  std::size_t branchRecord(const ir::Node& n, const std::string& path) {
    auto it = r_.branchIndex.find(&n);
    if (it != r_.branchIndex.end()) return it->second;
    BranchResult b;
    b.node = &n;
    b.name = n.name();
    b.loc = n.loc;
    b.graph = path;
    r_.branchIndex.emplace(&n, r_.branches.size());
    r_.branches.push_back(std::move(b));
    return r_.branches.size() - 1;
  }

  /// The sub-graph an argument names (a get_attr node), with its attribute name.
  std::pair<ir::Graph*, std::string> subgraphArg(const ir::Argument* a) {
    if (!a || !a->node()) return {nullptr, ""};
    const ir::Node* ga = a->node();
    auto it = r_.values.find(ga);
    if (it == r_.values.end() || !it->second.isGraph()) return {nullptr, ga->target()};
    return {it->second.graph(), ga->target()};
  }

  SymValue condNode(ir::Graph& g, ir::Node& n, const std::string& path) {
    const ir::Argument* predA = argAt(n, 0, "pred");
    SymValue pred = predA ? argValue(*predA) : SymValue::opaque();
    const std::string predName = predA && predA->node() ? predA->node()->name() : n.name();
    ExprRef p = truthOf(cx_, pred);
    if (!p) {  // a data-dependent predicate: an opaque boolean
      if (pred.isTensor()) {
        if (!pred.tensor()->truth) {
          pred.tensor()->truth = namer_.freshNamed(ExprType::Bool, predName);
          remember(pred);
        }
        p = pred.tensor()->truth;
      } else {
        p = namer_.freshNamed(ExprType::Bool, predName);
      }
    }
    auto [T, tAttr] = subgraphArg(argAt(n, 1, "true_fn"));
    auto [F, fAttr] = subgraphArg(argAt(n, 2, "false_fn"));
    const std::size_t idx = branchRecord(n, path);
    {
      BranchResult& b = r_.branches[idx];
      if (!b.predicate) b.predicate = p;
      b.trueAttr = tAttr;
      b.falseAttr = fAttr;
      b.bodiesFound = T && F;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const solver::Answer a = prover_.prove(p);
    r_.branches[idx].micros += elapsedMicros(t0);
    const CondVerdict v = condVerdictOf(a.verdict);
    mergeCond(r_.branches[idx], v, a);
    if (!T || !F) return materialize(n, SymValue::opaque());

    std::vector<SymValue> operands;
    if (const ir::Argument* opsA = argAt(n, 3, "operands")) {
      SymValue ops = argValue(*opsA);
      if (ops.isList()) operands = ops.items();
      else if (!ops.isNone()) operands.push_back(ops);
    }
    const std::string tPath = childPath(path, tAttr), fPath = childPath(path, fAttr);
    switch (v) {
      case CondVerdict::True:
        markUnreachable(*F, fPath);
        addFact(p, n.name());
        return walk(*T, tPath, &operands);
      case CondVerdict::False:
        markUnreachable(*T, tPath);
        addFact(cx_.lnot(p), n.name());
        return walk(*F, fPath, &operands);
      case CondVerdict::Unreachable:
        markUnreachable(*T, tPath);
        markUnreachable(*F, fPath);
        return materialize(n, SymValue::opaque());
      case CondVerdict::Open:
      case CondVerdict::Unknown: break;
    }
    SymValue outT, outF;
    std::vector<ExprRef> factsT, factsF;
    {
      solver::Prover::Scope scope(prover_);
      frames_.emplace_back();
      addFact(p, n.name());
      outT = walk(*T, tPath, &operands);
      factsT = std::move(frames_.back());
      frames_.pop_back();
    }
    {
      solver::Prover::Scope scope(prover_);
      frames_.emplace_back();
      addFact(cx_.lnot(p), n.name());
      outF = walk(*F, fPath, &operands);
      factsF = std::move(frames_.back());
      frames_.pop_back();
    }
    JoinCtx j{g, n, path, {}, {}};
    SymValue out = joinValue(j, outT, outF, std::nullopt);
    factsT.insert(factsT.end(), j.eqT.begin(), j.eqT.end());
    factsF.insert(factsF.end(), j.eqF.begin(), j.eqF.end());
    // (p ∧ T1 ∧ T2 ...) ∨ (¬p ∧ F1 ...) is exactly (p → T1) ∧ (p → T2) ∧ ... ∧ (¬p → F1) ∧ ...
    // (p keeps its value after the cond): one small fact each, so the prover can slice them.
    const ExprRef notP = cx_.lnot(p);
    for (ExprRef f : factsT)
      if (f != p) addFact(cx_.lor(notP, f), n.name());
    for (ExprRef f : factsF)
      if (f != notP) addFact(cx_.lor(p, f), n.name());
    return out;
  }

  /// Users of nodes in `g` (built once per graph: scanning the graph per cond is quadratic).
  const ir::UseDef& useDef(const ir::Graph& g) {
    auto& slot = useDefs_[&g];
    if (!slot) slot = std::make_unique<ir::UseDef>(g);
    return *slot;
  }

  struct JoinCtx {
    ir::Graph& g;
    const ir::Node& cond;
    const std::string& path;
    std::vector<ExprRef> eqT, eqF;
  };

  /// The annotation naming output `item` (dim `dim`) of a cond: on a `getitem` user or the node.
  ExprRef joinHint(JoinCtx& j, std::optional<std::size_t> item, std::optional<std::size_t> dim) {
    const ir::Annotation* ann = nullptr;
    if (!item) {
      if (j.cond.annotation) ann = &*j.cond.annotation;
    } else {
      for (ir::Node* u : useDef(j.g).users(&j.cond)) {
        if (opKey(*u) != "operator::getitem" || u->args.size() < 2 || !u->annotation) continue;
        auto k = u->args[1].intValue();
        if (k && *k == static_cast<std::int64_t>(*item)) {
          ann = &*u->annotation;
          break;
        }
      }
    }
    if (!ann) return nullptr;
    if (dim) {
      return ann->kind == ir::Annotation::Kind::Tensor && *dim < ann->shape.size() ? ann->shape[*dim]
                                                                                   : nullptr;
    }
    return ann->kind == ir::Annotation::Kind::Sym ? ann->sym : nullptr;
  }

  ExprRef equal(ExprRef a, ExprRef b) {
    if (a->type() == ExprType::Bool)
      return cx_.lor(cx_.land(a, b), cx_.land(cx_.lnot(a), cx_.lnot(b)));
    return cx_.eq(a, b);
  }

  /// The value after an undecided cond: equal outputs stay, differing ones become fresh
  /// symbols tied to each branch's output in that branch's disjunct.
  SymValue joinValue(JoinCtx& j, const SymValue& a, const SymValue& b,
                     std::optional<std::size_t> item) {
    if (a.isScalar() && b.isScalar() && a.kind() == b.kind()) {
      if (a.expr() == b.expr()) return a;
      namer_.setSource(sourceOf(j.cond, j.path) + (item ? "[" + std::to_string(*item) + "]" : ""));
      ExprRef o = namer_.fresh(a.expr()->type(), joinHint(j, item, std::nullopt));
      j.eqT.push_back(equal(o, a.expr()));
      j.eqF.push_back(equal(o, b.expr()));
      return SymValue::scalar(o);
    }
    if (a.isTensor() && b.isTensor()) {
      TensorInfo* ta = a.tensor();
      TensorInfo* tb = b.tensor();
      if (ta == tb) return a;
      const std::string dtype = ta->dtype == tb->dtype ? ta->dtype : "";
      if (!ta->rankKnown || !tb->rankKnown || ta->dims.size() != tb->dims.size())
        return SymValue::tensor(TensorInfo::unknown(dtype));
      std::vector<ExprRef> dims(ta->dims.size(), nullptr);
      for (std::size_t i = 0; i < dims.size(); ++i) {
        ExprRef da = ta->dims[i], db = tb->dims[i];
        if (!da || !db) continue;
        if (da == db) {
          dims[i] = da;
          continue;
        }
        namer_.setSource(sourceOf(j.cond, j.path) + (item ? "[" + std::to_string(*item) + "]" : "") +
                         ".shape[" + std::to_string(i) + "]");
        ExprRef o = namer_.fresh(ExprType::Int, joinHint(j, item, i));
        j.eqT.push_back(cx_.eq(o, da));
        j.eqF.push_back(cx_.eq(o, db));
        dims[i] = o;
      }
      return SymValue::tensor(TensorInfo::withDims(std::move(dims), dtype));
    }
    if (a.isList() && b.isList() && a.items().size() == b.items().size()) {
      std::vector<SymValue> items;
      for (std::size_t i = 0; i < a.items().size(); ++i)
        items.push_back(joinValue(j, a.items()[i], b.items()[i], item ? item : std::optional(i)));
      return SymValue::list(std::move(items), a.isTuple());
    }
    if (a.isNone() && b.isNone()) return SymValue::none();
    return SymValue::opaque();
  }

  SymValue wrapNode(ir::Node& n, const std::string& path) {
    auto [body, attr] = subgraphArg(argAt(n, 0, "body"));
    if (!body) return materialize(n, SymValue::opaque());
    std::vector<SymValue> operands;
    for (std::size_t i = 1; i < n.args.size(); ++i) operands.push_back(argValue(n.args[i]));
    return walk(*body, childPath(path, attr), &operands);  // always runs: its facts stay
  }

  /// Every check in `g` (and the graphs it calls) can never run.
  void markUnreachable(ir::Graph& g, const std::string& path) {
    for (const auto& up : g.nodes()) {
      const ir::Node& n = *up;
      if (n.op() != ir::NodeOp::CallFunction && n.op() != ir::NodeOp::CallMethod) continue;
      const OpSpec* spec = findOp(n);
      if (!spec) continue;
      if (spec->effect == OpEffect::Check || spec->effect == OpEffect::Constraint) {
        solver::Answer a;
        a.verdict = Verdict::Unreachable;
        a.reason = "in a pruned branch";
        CheckResult& rec = checkRecord(n, path, *spec);
        const bool first = rec.visits == 0;
        mergeAnswer(rec, a);
        if (first) rec.inPrunedBranch = true;
        if (!rec.condition) rec.condition = annotatedCondition(n);
      } else if (spec->effect == OpEffect::Control) {
        const bool isCond = spec->control == Control::Cond;
        if (isCond) {
          const std::size_t idx = branchRecord(n, path);
          solver::Answer a;
          a.verdict = Verdict::Unreachable;
          a.reason = "in a pruned branch";
          mergeCond(r_.branches[idx], CondVerdict::Unreachable, a);
        }
        for (std::size_t i = isCond ? 1 : 0; i < (isCond ? 3u : 1u) && i < n.args.size(); ++i) {
          const ir::Node* ga = n.args[i].node();
          if (!ga || ga->op() != ir::NodeOp::GetAttr) continue;
          if (ir::Graph* sub = g.subgraph(ga->target()))
            markUnreachable(*sub, childPath(path, ga->target()));
        }
      }
    }
  }

  /// For display only, where the walk never evaluated a check: the annotation of the boolean it
  /// asserts (`ge: "Sym(u0 >= 6)"`), through a `scalar_tensor` for `_assert_async`.
  static ExprRef annotatedCondition(const ir::Node& check) {
    if (check.args.empty() || !check.args[0].node()) return nullptr;
    const ir::Node* b = check.args[0].node();
    if (opKey(*b) == "aten::scalar_tensor" && !b->args.empty() && b->args[0].node())
      b = b->args[0].node();
    if (!b->annotation || b->annotation->kind != ir::Annotation::Kind::Sym || !b->annotation->sym ||
        b->annotation->sym->type() != ExprType::Bool)
      return nullptr;
    const OpSpec* spec = findOp(check);
    if (!spec || !spec->assertsArgument0) return nullptr;
    return b->annotation->sym;
  }

  /// Checks and conds in graphs the walk never entered: `unknown`.
  void sweepUnvisited() {
    for (const auto& gp : ir::allGraphs(p_)) {
      for (const auto& up : gp.graph->nodes()) {
        const ir::Node& n = *up;
        if (n.op() != ir::NodeOp::CallFunction && n.op() != ir::NodeOp::CallMethod) continue;
        const OpSpec* spec = findOp(n);
        if (!spec) continue;
        solver::Answer a;
        a.verdict = Verdict::Unknown;
        a.reason = "not analysed: its graph is not reached through a call the engine models";
        if ((spec->effect == OpEffect::Check || spec->effect == OpEffect::Constraint) &&
            !r_.checkIndex.contains(&n)) {
          mergeAnswer(checkRecord(n, gp.path, *spec), a);
        } else if (spec->control == Control::Cond && !r_.branchIndex.contains(&n)) {
          mergeCond(r_.branches[branchRecord(n, gp.path)], CondVerdict::Unknown, a);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------- names
  /// Where a symbol invented at node `n` comes from, as the report shows it (display only):
  /// `x.shape[0]` for a `sym_size`, else the node's name, qualified outside `forward`.
  static std::string sourceOf(const ir::Node& n, const std::string& path) {
    const std::string where = path == "forward" ? "" : path + "/";
    const std::string key = opKey(n);
    if (key == "aten::sym_size" && n.args.size() == 2 && n.args[0].node() && n.args[1].intValue())
      return where + n.args[0].node()->name() + ".shape[" + std::to_string(*n.args[1].intValue()) + "]";
    return where + n.name();
  }

  // ------------------------------------------------------------------------------- annotations
  void warn(const ir::Node& n, const std::string& path, std::string message) {
    r_.warnings.push_back({n.name(), path, n.loc, std::move(message)});
  }

  /// Annotations only name fresh symbols; where the data flow gives a value, a disagreeing
  /// annotation is reported (the data flow wins).
  void crossCheck(const ir::Node& n, const std::string& path, const SymValue& v) {
    if (!n.annotation) return;
    const ir::Annotation& a = *n.annotation;
    // An annotation naming a symbol the analysis never defined is PyTorch's fresh name for a
    // value it could not relate (a cond output, a slice size): nothing to compare with.
    auto comparable = [&](ExprRef e) {
      for (ExprRef s : ir::freeSymbols(e))
        if (!namer_.isTaken(s->name()) || inputRenamed_.contains(s)) return false;
      return true;
    };
    if (a.kind == ir::Annotation::Kind::Sym && a.sym) {
      if (!comparable(a.sym)) return;
      if (!v.isScalar()) {
        if (!v.isOpaque()) warn(n, path, "annotation `" + a.text + "` is a symbol but the node computes a non-scalar value");
        return;
      }
      if (!probablyEqual(a.sym, v.expr()))
        warn(n, path, "annotation `" + a.text + "` disagrees with the data flow, which gives `" +
                          ir::printExpr(v.expr()) + "`");
    } else if (a.kind == ir::Annotation::Kind::Tensor) {
      if (!v.isTensor()) {
        if (!v.isOpaque()) warn(n, path, "annotation `" + a.text + "` is a tensor but the node computes a non-tensor value");
        return;
      }
      const TensorInfo& t = *v.tensor();
      if (!t.rankKnown) return;
      if (t.dims.size() != a.shape.size()) {
        warn(n, path, "annotation `" + a.text + "` has rank " + std::to_string(a.shape.size()) +
                          " but the data flow gives rank " + std::to_string(t.dims.size()));
        return;
      }
      for (std::size_t i = 0; i < t.dims.size(); ++i) {
        if (!t.dims[i] || !comparable(a.shape[i]) || probablyEqual(a.shape[i], t.dims[i])) continue;
        warn(n, path, "annotation `" + a.text + "` disagrees with the data flow in dim " +
                          std::to_string(i) + ", which is `" + ir::printExpr(t.dims[i]) + "`");
        return;
      }
    }
  }

  ir::Program& p_;
  ir::ExprContext& cx_;
  solver::Prover& prover_;
  Semantics semantics_;
  bool computeRanges_;
  SymbolNamer namer_;
  AnalysisResult r_;
  std::vector<std::vector<ExprRef>> frames_;
  std::map<const ir::Graph*, std::unique_ptr<ir::UseDef>> useDefs_;  // lookup only
  /// Input symbols bound on entry to their value (inputDim), lookup only.
  std::unordered_map<ExprRef, ExprRef> inputBound_;
  /// Symbols of input annotations that did not become the input's value (unrelatedInput).
  std::unordered_set<ExprRef> inputRenamed_;
  std::vector<std::shared_ptr<TensorInfo>> withValueFacts_;
};

}  // namespace

AnalysisResult analyzeProgram(ir::Program& p, solver::Prover& prover, Semantics semantics,
                              bool computeRanges) {
  Analyzer a(p, prover, semantics, computeRanges);
  return a.run();
}

}  // namespace symrange::engine
