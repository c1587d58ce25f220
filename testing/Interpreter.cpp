// testing/Interpreter.cpp — the reference interpreter (see the header).
#include "testing/Interpreter.h"

#include <bit>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include "ir/BigInt.h"
#include "ir/ExprEval.h"

namespace symrange::testing {

bool RtValue::operator==(const RtValue& o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::Int:
    case Kind::Bool: return i == o.i && big == o.big;
    case Kind::Float:  // the same float (NaN equals NaN, 0.0 differs from -0.0)
      return std::isnan(f) ? std::isnan(o.f) : f == o.f && std::signbit(f) == std::signbit(o.f);
    case Kind::Tensor: return shape == o.shape;
    case Kind::Tuple: return items == o.items;
    case Kind::Graph: return graph == o.graph;
    case Kind::None:
    case Kind::Opaque: return true;
  }
  return true;  // not reached: the switch names every Kind
}

namespace {

/// Raised by a check or an op precondition; caught once at the top.
struct Raise {
  std::string node, what;
};
struct Unsupported {
  std::string node, what;
};

/// The op name of a target: "torch.ops.aten.sym_size.int" -> "sym_size",
/// "operator.add" -> "add", "torch.sym_max" -> "sym_max", method "item" -> "item".
std::string opName(const ir::Node& n) {
  std::string t = n.target();
  if (t.rfind("torch.ops.higher_order.", 0) == 0) return t.substr(23);  // no overload
  if (t.rfind("torch.ops.", 0) == 0) {
    // torch.ops.<ns>.<op>.<overload>
    auto last = t.rfind('.');
    auto prev = t.rfind('.', last - 1);
    return t.substr(prev + 1, last - prev - 1);
  }
  auto dot = t.rfind('.');
  return dot == std::string::npos ? t : t.substr(dot + 1);
}

class Run {
 public:
  Run(const ir::Program& p, const RtInputs& in, RtOutcome& out) : p_(p), in_(in), out_(out) {}

  std::vector<RtValue> graph(const ir::Graph& g, const std::vector<RtValue>& params) {
    std::unordered_map<const ir::Node*, RtValue> env;
    std::size_t nextParam = 0;
    for (const auto& up : g.nodes()) {
      const ir::Node& n = *up;
      switch (n.op()) {
        case ir::NodeOp::Placeholder:
          env[&n] = nextParam < params.size() ? params[nextParam] : input(n);
          ++nextParam;
          break;
        case ir::NodeOp::GetAttr: {
          RtValue v;
          v.kind = RtValue::Kind::Graph;
          v.graph = g.subgraph(n.target());
          env[&n] = v;
          break;
        }
        case ir::NodeOp::Output: {
          std::vector<RtValue> outs;
          for (const auto& a : n.args) flattenOut(a, env, outs, n);
          return outs;
        }
        case ir::NodeOp::CallFunction:
        case ir::NodeOp::CallMethod:
        case ir::NodeOp::CallModule:
          out_.reached.insert(n.name());
          env[&n] = call(g, n, env);
          record(n, env[&n]);
      }
    }
    return {};
  }

 private:
  void flattenOut(const ir::Argument& a, std::unordered_map<const ir::Node*, RtValue>& env,
                  std::vector<RtValue>& outs, const ir::Node& n) {
    if (const auto* l = a.list()) {
      for (const auto& it : l->items) flattenOut(it, env, outs, n);
      return;
    }
    outs.push_back(value(a, env, n));
  }

  RtValue input(const ir::Node& n) {
    RtValue v;
    if (!n.annotation) return v;  // opaque
    const auto& ann = *n.annotation;
    if (ann.kind == ir::Annotation::Kind::Tensor) {
      v.kind = RtValue::Kind::Tensor;
      for (ir::ExprRef d : ann.shape) v.shape.push_back(evalInput(d, n));
      v.floating = ann.dtype == "f64" || ann.dtype == "f32" || ann.dtype == "f16" || ann.dtype == "bf16";
      auto it = in_.scalars.find(n.name());
      if (it != in_.scalars.end()) {
        *v.item = it->second;
        if (v.floating) {  // the double stored in the tensor's dtype
          if (ann.dtype == "f16" || ann.dtype == "bf16") throw Unsupported{n.name(), "half floats"};
          if (ann.dtype == "f32")
            *v.item = std::bit_cast<std::int64_t>(static_cast<double>(
                static_cast<float>(std::bit_cast<double>(it->second))));
        }
      }
      return v;
    }
    if (ann.kind == ir::Annotation::Kind::Sym && ann.sym) return RtValue::ofInt(evalInput(ann.sym, n));
    return v;
  }

  std::int64_t evalInput(ir::ExprRef e, const ir::Node& n) {
    auto r = ir::evaluate(e, [&](ir::ExprRef s) -> std::optional<ir::Value> {
      auto it = in_.symbols.find(s->name());
      if (it == in_.symbols.end()) return std::nullopt;
      return ir::Value::ofInt(it->second);
    });
    if (!r.value) throw Unsupported{n.name(), "input shape not evaluable"};
    return r.value->i;
  }

  void record(const ir::Node& n, const RtValue& v) {
    if (v.kind != RtValue::Kind::Int || !v.big.empty() || !n.annotation) return;
    const auto& ann = *n.annotation;
    if (ann.kind == ir::Annotation::Kind::Sym && ann.sym && ann.sym->isSymbol())
      out_.seen[ann.sym->name()] = v.i;
  }

  RtValue value(const ir::Argument& a, std::unordered_map<const ir::Node*, RtValue>& env,
                const ir::Node& n) {
    if (ir::Node* src = a.node()) {
      auto it = env.find(src);
      if (it == env.end()) throw Unsupported{n.name(), "argument " + src->name() + " not evaluated"};
      return it->second;
    }
    if (auto i = a.intValue()) return RtValue::ofInt(*i);
    if (const auto* raw = std::get_if<ir::Argument::Raw>(&a.value)) {
      // an int literal beyond int64, as the reader keeps it (Python ints have no limit)
      const std::string& t = raw->text;
      const bool digits = !t.empty() && t.find_first_not_of("-0123456789") == std::string::npos &&
                          t.find('-', 1) == std::string::npos && t != "-";
      if (digits)
        if (auto v = ir::parseBigInt(t)) return ofBig(*v);
      // a float literal in a spelling other than Python's repr (`2.79621e+06`): Python reads it
      char* end = nullptr;
      const double d = std::strtod(t.c_str(), &end);
      if (!digits && !t.empty() && end == t.c_str() + t.size() && t.find_first_of(".eE") != std::string::npos &&
          t.find_first_not_of("0123456789.eE+-") == std::string::npos)
        return ofFloat(d);
    }
    if (const bool* b = std::get_if<bool>(&a.value)) return RtValue::ofBool(*b);
    if (const double* d = std::get_if<double>(&a.value)) {
      RtValue r;
      r.kind = RtValue::Kind::Float;
      r.f = *d;
      return r;
    }
    if (const auto* l = a.list()) {
      RtValue t;
      t.kind = RtValue::Kind::Tuple;
      for (const auto& it : l->items) t.items.push_back(value(it, env, n));
      return t;
    }
    return {};
  }

  static RtValue ofBig(const ir::BigInt& b) {
    if (auto small = ir::toInt64(b)) return RtValue::ofInt(*small);
    RtValue r = RtValue::ofInt(0);
    r.big = ir::bigText(b);
    return r;
  }
  static bool isInt(const RtValue& v) { return v.kind == RtValue::Kind::Int || v.kind == RtValue::Kind::Bool; }
  static bool isBig(const RtValue& v) { return v.kind == RtValue::Kind::Int && !v.big.empty(); }
  static ir::BigInt bigOf(const RtValue& v, const ir::Node& n) {
    if (isBig(v)) return *ir::parseBigInt(v.big);
    if (isInt(v)) return ir::BigInt(v.i);
    throw Unsupported{n.name(), "expected an integer"};
  }

  static std::int64_t asInt(const RtValue& v, const ir::Node& n) {
    if (isBig(v)) throw Unsupported{n.name(), "an int beyond int64 where an int64 is needed"};
    if (v.kind == RtValue::Kind::Int || v.kind == RtValue::Kind::Bool) return v.i;
    throw Unsupported{n.name(), "expected an integer"};
  }
  static bool asBool(const RtValue& v, const ir::Node& n) {
    if (isBig(v)) return true;
    if (v.kind == RtValue::Kind::Bool || v.kind == RtValue::Kind::Int) return v.i != 0;
    if (v.kind == RtValue::Kind::Tensor && *v.item && !v.floating) return **v.item != 0;
    if (v.kind == RtValue::Kind::Float) return v.f != 0.0;  // Python: NaN is true
    throw Unsupported{n.name(), "expected a boolean"};
  }

  static bool isFloat(const RtValue& v) { return v.kind == RtValue::Kind::Float; }
  static RtValue ofFloat(double f) {
    RtValue r;
    r.kind = RtValue::Kind::Float;
    r.f = f;
    return r;
  }
  /// Python's float(v): an int is rounded to the nearest double (ties to even); one too large
  /// for a double raises OverflowError.
  static double asDouble(const RtValue& v, const ir::Node& n) {
    if (isFloat(v)) return v.f;
    if (!isInt(v)) throw Unsupported{n.name(), "expected a number"};
    if (!isBig(v)) return static_cast<double>(v.i);  // correctly rounded
    const double d = ir::bigToDouble(bigOf(v, n));
    if (!std::isfinite(d)) throw Raise{n.name(), "OverflowError: int too large to convert to float"};
    return d;
  }
  /// Python's comparison of numbers, one of them a float: exact (an int is not rounded), and
  /// false for NaN but for !=.
  static bool compareNumbers(const std::string& op, const RtValue& a, const RtValue& b, const ir::Node& n) {
    int c = 0;
    if (isFloat(a) && isFloat(b)) {
      if (std::isnan(a.f) || std::isnan(b.f)) return op == "ne";
      c = a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
    } else {
      const bool intFirst = !isFloat(a);
      const std::optional<int> r = ir::compareBigDouble(bigOf(intFirst ? a : b, n), intFirst ? b.f : a.f);
      if (!r) return op == "ne";
      c = intFirst ? *r : -*r;
    }
    return op == "lt" ? c < 0 : op == "le" ? c <= 0 : op == "gt" ? c > 0 : op == "ge" ? c >= 0
           : op == "eq" ? c == 0 : c != 0;
  }

  static std::vector<std::int64_t> sizesOf(const RtValue& v, const ir::Node& n) {
    if (v.kind != RtValue::Kind::Tuple) throw Unsupported{n.name(), "sizes"};
    std::vector<std::int64_t> out;
    for (const auto& s : v.items) out.push_back(asInt(s, n));
    return out;
  }

  /// view/reshape after ATen's infer_size_impl (aten/src/ATen/InferSize.h); shares storage.
  static RtValue view(const RtValue& t, const RtValue& sizesV, const ir::Node& n) {
    if (t.kind != RtValue::Kind::Tensor) throw Unsupported{n.name(), "view of a non-tensor"};
    std::vector<std::int64_t> shape = sizesOf(sizesV, n);
    std::int64_t numel = 1, newsize = 1;
    for (std::int64_t d : t.shape) numel *= d;
    std::optional<std::size_t> infer;
    for (std::size_t i = 0; i < shape.size(); ++i) {
      if (shape[i] == -1) {
        if (infer) throw Raise{n.name(), "only one dimension can be inferred"};
        infer = i;
      } else if (shape[i] > -1) {
        if (__builtin_mul_overflow(newsize, shape[i], &newsize)) throw Unsupported{n.name(), "int64 overflow"};
      } else {
        throw Raise{n.name(), "invalid shape dimension"};
      }
    }
    if (infer) {
      if (!((newsize > 0 && numel % newsize == 0) || numel == newsize) || newsize == 0)
        throw Raise{n.name(), "shape is invalid for input size"};
      shape[*infer] = numel / newsize;
    } else if (numel != newsize) {
      throw Raise{n.name(), "shape is invalid for input size"};
    }
    RtValue r = t;  // same storage
    r.shape = shape;
    return r;
  }

  /// expand after ATen's inferExpandGeometry (aten/src/ATen/ExpandUtils.cpp); shares storage.
  static RtValue expand(const RtValue& t, const RtValue& sizesV, const ir::Node& n) {
    if (t.kind != RtValue::Kind::Tensor) throw Unsupported{n.name(), "expand of a non-tensor"};
    const std::vector<std::int64_t> sizes = sizesOf(sizesV, n);
    if (sizes.size() < t.shape.size()) throw Raise{n.name(), "expand: fewer sizes than dims"};
    const auto ndim = static_cast<std::int64_t>(sizes.size()), tdim = static_cast<std::int64_t>(t.shape.size());
    RtValue r = t;
    r.shape.assign(sizes.size(), 0);
    for (std::int64_t i = ndim - 1; i >= 0; --i) {
      const std::int64_t dim = tdim - 1 - (ndim - 1 - i);
      std::int64_t size = dim >= 0 ? t.shape[static_cast<std::size_t>(dim)] : 1;
      std::int64_t target = sizes[static_cast<std::size_t>(i)];
      if (target == -1) {
        if (dim < 0) throw Raise{n.name(), "-1 in a leading, non-existing dimension"};
        target = size;
      }
      if (size != target) {
        if (size != 1) throw Raise{n.name(), "expanded size must match the existing size"};
        size = target;
      }
      if (size < 0) throw Raise{n.name(), "negative size"};
      r.shape[static_cast<std::size_t>(i)] = size;
    }
    return r;
  }

  std::optional<std::int64_t> kwInt(const ir::Node& n, std::string_view key, std::size_t pos,
                                    std::unordered_map<const ir::Node*, RtValue>& env) {
    const ir::Argument* a = n.kwarg(key);
    if (!a && n.args.size() > pos) a = &n.args[pos];
    if (!a || a->isNone()) return std::nullopt;
    return asInt(value(*a, env, n), n);
  }

  RtValue call(const ir::Graph& g, const ir::Node& n,
               std::unordered_map<const ir::Node*, RtValue>& env) {
    const std::string op = opName(n);
    std::vector<RtValue> args;
    for (const auto& a : n.args) args.push_back(value(a, env, n));
    auto arg = [&](std::size_t i) -> const RtValue& {
      if (i >= args.size()) throw Unsupported{n.name(), "missing argument"};
      return args[i];
    };
    using I = std::int64_t;
    using ir::BigInt;
    // Python ints: int64 first, arbitrary precision where an operand is big or int64 overflows
    const bool intOps = args.size() >= 2 && isInt(arg(0)) && isInt(arg(1));
    const bool anyBig = intOps && (isBig(arg(0)) || isBig(arg(1)));
    const bool floatOps = args.size() >= 2 && (isFloat(arg(0)) || isFloat(arg(1))) &&
                          (isInt(arg(0)) || isFloat(arg(0))) && (isInt(arg(1)) || isFloat(arg(1)));
    if ((op == "add" || op == "sub" || op == "mul") && floatOps) {
      // Python float arithmetic: an int operand is converted first, the result is IEEE's
      const double a = asDouble(arg(0), n), b = asDouble(arg(1), n);
      return ofFloat(op == "add" ? a + b : op == "sub" ? a - b : a * b);
    }
    if (op == "neg" && isFloat(arg(0))) return ofFloat(-arg(0).f);
    if (op == "add" || op == "sub" || op == "mul") {
      if (!anyBig) {
        I a = asInt(arg(0), n), b = asInt(arg(1), n), r = 0;
        bool o = op == "add" ? __builtin_add_overflow(a, b, &r)
                 : op == "sub" ? __builtin_sub_overflow(a, b, &r) : __builtin_mul_overflow(a, b, &r);
        if (!o) return RtValue::ofInt(r);
      }
      BigInt a = bigOf(arg(0), n), b = bigOf(arg(1), n);
      return ofBig(op == "add" ? BigInt(a + b) : op == "sub" ? BigInt(a - b) : BigInt(a * b));
    }
    if (op == "neg" && arg(0).kind != RtValue::Kind::Tensor) {
      if (isBig(arg(0)) || asInt(arg(0), n) == INT64_MIN) return ofBig(-bigOf(arg(0), n));
      return RtValue::ofInt(-asInt(arg(0), n));
    }
    if (op == "floordiv" || op == "mod") {
      if (!anyBig) {
        I a = asInt(arg(0), n), b = asInt(arg(1), n);
        if (b == 0) throw Raise{n.name(), "ZeroDivisionError"};
        if (!(a == INT64_MIN && b == -1))
          return RtValue::ofInt(op == "floordiv" ? ir::pyFloorDiv(a, b) : ir::pyMod(a, b));
      }
      BigInt a = bigOf(arg(0), n), b = bigOf(arg(1), n);
      if (b == 0) throw Raise{n.name(), "ZeroDivisionError"};
      return ofBig(op == "floordiv" ? ir::pyFloorDiv(a, b) : ir::pyMod(a, b));
    }
    if (op == "lt" || op == "le" || op == "gt" || op == "ge" || op == "eq" || op == "ne") {
      if (floatOps) return RtValue::ofBool(compareNumbers(op, arg(0), arg(1), n));
      const BigInt x = bigOf(arg(0), n), y = bigOf(arg(1), n);
      return RtValue::ofBool(op == "lt" ? x < y : op == "le" ? x <= y : op == "gt" ? x > y
                             : op == "ge" ? x >= y : op == "eq" ? x == y : x != y);
    }
    if (op == "truediv") {
      // Python: int / int is correctly rounded (so is the double division of ints <= 2**53);
      // with a float operand the int is converted first; a zero divisor (0, 0.0 or -0.0) raises
      // ZeroDivisionError, NaN and the infinities do not
      constexpr std::int64_t kExact = std::int64_t{1} << 53;
      if (intOps)
        for (const RtValue* v : {&arg(0), &arg(1)})
          if (isBig(*v) || v->i > kExact || v->i < -kExact) throw Unsupported{n.name(), "int / int beyond 2**53"};
      const double x = asDouble(arg(0), n), y = asDouble(arg(1), n);
      if (y == 0.0) throw Raise{n.name(), "ZeroDivisionError"};
      return ofFloat(x / y);
    }
    if (op == "sym_float") return ofFloat(asDouble(arg(0), n));
    if (op == "sym_int" || op == "math_trunc" || op == "trunc") {
      // torch.sym_int of a float is math.trunc: a Python int of any size
      if (!isFloat(arg(0))) return RtValue::ofInt(asInt(arg(0), n));
      const double t = std::trunc(arg(0).f);
      if (std::isnan(t)) throw Raise{n.name(), "ValueError: cannot convert float NaN to integer"};
      if (std::isinf(t)) throw Raise{n.name(), "OverflowError: cannot convert float infinity to integer"};
      return ofBig(ir::doubleToBig(t));
    }
    if (op == "view" || op == "reshape") return view(arg(0), arg(1), n);
    if (op == "expand") return expand(arg(0), arg(1), n);
    if (op == "logical_not_" || op == "fill_") {
      // in place: the tensor (and every view of it) now holds the new value
      const RtValue& t = arg(0);
      if (t.kind != RtValue::Kind::Tensor) throw Unsupported{n.name(), "in-place op on a non-tensor"};
      if (op == "fill_") *t.item = asInt(arg(1), n);
      else if (*t.item) *t.item = **t.item == 0 ? 1 : 0;
      return t;
    }
    if (op == "sym_max" || op == "sym_min") {
      // Python's max/min: the first of equal extremes
      const BigInt a = bigOf(arg(0), n), b = bigOf(arg(1), n);
      const bool second = op == "sym_max" ? b > a : b < a;
      return second ? arg(1) : arg(0);
    }
    if (op == "sym_not" || op == "not_") return RtValue::ofBool(!asBool(arg(0), n));
    if (op == "and_") return RtValue::ofBool(asBool(arg(0), n) && asBool(arg(1), n));
    if (op == "or_") return RtValue::ofBool(asBool(arg(0), n) || asBool(arg(1), n));
    if (op == "item" || op == "_local_scalar_dense") {
      const RtValue& t = arg(0);
      if (t.kind == RtValue::Kind::Tensor && *t.item && t.floating) return ofFloat(std::bit_cast<double>(**t.item));
      if (t.kind == RtValue::Kind::Tensor && *t.item) return RtValue::ofInt(**t.item);
      throw Unsupported{n.name(), "item() of a tensor without a known value"};
    }
    if (op == "sym_size") {
      const RtValue& t = arg(0);
      I d = asInt(arg(1), n);
      if (t.kind != RtValue::Kind::Tensor) throw Unsupported{n.name(), "sym_size of a non-tensor"};
      I rank = static_cast<I>(t.shape.size());
      if (d < -rank || d >= rank) throw Raise{n.name(), "IndexError: dim out of range"};
      return RtValue::ofInt(t.shape[static_cast<std::size_t>(d < 0 ? d + rank : d)]);
    }
    if (op == "full" || op == "zeros" || op == "ones" || op == "empty") {
      const RtValue& sizes = arg(0);
      RtValue t;
      t.kind = RtValue::Kind::Tensor;
      if (sizes.kind != RtValue::Kind::Tuple) throw Unsupported{n.name(), "sizes"};
      for (const auto& s : sizes.items) {
        I v = asInt(s, n);
        if (v < 0) throw Raise{n.name(), "RuntimeError: negative size"};
        t.shape.push_back(v);
      }
      return t;
    }
    if (op == "scalar_tensor") {
      RtValue t;
      t.kind = RtValue::Kind::Tensor;
      *t.item = asBool(arg(0), n) ? 1 : 0;
      return t;
    }
    if (op == "_assert_scalar" || op == "_assert_async" || op == "_check") {
      if (!asBool(arg(0), n)) throw Raise{n.name(), "assertion failed"};
      return {};
    }
    if (op == "_check_is_size") {
      if (asInt(arg(0), n) < 0) throw Raise{n.name(), "assertion failed"};
      return {};
    }
    if (op == "sym_constrain_range" || op == "sym_constrain_range_for_size") {
      I v = asInt(arg(0), n);
      std::optional<I> lo = kwInt(n, "min", 1, env), hi = kwInt(n, "max", 2, env);
      // ATen's eager kernels (aten/src/ATen/native/Constraints.cpp): _for_size defaults min to
      // 0 and rejects max <= 2; both reject max < min; then min <= v <= max.
      if (op == "sym_constrain_range_for_size") {
        if (!lo) lo = 0;
        if (hi && *hi <= 2) throw Raise{n.name(), "max must be greater than 2"};
      }
      if (lo && hi && *hi < *lo) throw Raise{n.name(), "max < min"};
      if ((lo && v < *lo) || (hi && v > *hi)) throw Raise{n.name(), "value outside constrained range"};
      return {};
    }
    if (op == "cond") {
      bool pred = asBool(arg(0), n);
      out_.condTaken[n.name()] = pred;
      const RtValue& branch = arg(pred ? 1 : 2);
      if (branch.kind != RtValue::Kind::Graph || !branch.graph)
        throw Unsupported{n.name(), "cond branch is not a sub-graph"};
      const RtValue& ops = arg(3);
      RtValue r;
      r.kind = RtValue::Kind::Tuple;
      r.items = graph(*branch.graph, ops.items);
      return r;
    }
    if (op == "getitem") {
      const RtValue& t = arg(0);
      if (t.kind != RtValue::Kind::Tuple) throw Unsupported{n.name(), "getitem of a non-tuple"};
      I k = asInt(arg(1), n);
      if (k < 0 || k >= static_cast<I>(t.items.size())) throw Unsupported{n.name(), "index"};
      return t.items[static_cast<std::size_t>(k)];
    }
    // Element-wise ops keep the shape of their first tensor argument.
    static const char* unary[] = {"sin", "cos", "exp", "relu", "neg", "abs", "clone"};
    for (const char* u : unary)
      if (op == u && !args.empty() && args[0].kind == RtValue::Kind::Tensor) {
        RtValue t = args[0];
        t.item = std::make_shared<std::optional<std::int64_t>>();  // a new tensor
        return t;
      }
    (void)g;
    throw Unsupported{n.name(), "op " + n.target() + " not modelled"};
  }

  const ir::Program& p_;
  const RtInputs& in_;
  RtOutcome& out_;
};

}  // namespace

RtOutcome interpret(const ir::Program& p, const RtInputs& in) {
  RtOutcome out;
  try {
    Run run(p, in, out);
    out.outputs = run.graph(*p.root, {});
  } catch (const Raise& r) {
    out.kind = RtOutcome::Kind::Raised;
    out.node = r.node;
    out.what = r.what;
  } catch (const Unsupported& u) {
    out.kind = RtOutcome::Kind::Unsupported;
    out.node = u.node;
    out.what = u.what;
  }
  return out;
}

}  // namespace symrange::testing
