// ir/ExprEval.cpp — concrete evaluation with Python semantics (floor `//` and `%`, exact
// int/float comparisons, integers of any size), reporting division by zero, results outside
// int64 and unsupported forms.
#include "ir/ExprEval.h"

#include <cmath>
#include <limits>
#include <unordered_map>
#include <vector>

#include "ir/BigInt.h"
#include "ir/Diagnostic.h"
#include "ir/ExprFunctor.h"

namespace symrange::ir {

bool alwaysDefined(ExprRef e) {
  return forEachSubexpr(e, [](ExprRef x) {
    if (x->kind() == ExprKind::IntInf) return false;
    if (isDivisionKind(x->kind())) return x->op(1)->isIntLiteral() && x->op(1)->intSign() != 0;
    if (x->kind() == ExprKind::PowByNatural) return x->op(1)->isIntConst() && x->op(1)->intValue() >= 0;
    return true;
  });
}

namespace {
}  // namespace

std::int64_t pyFloorDiv(std::int64_t a, std::int64_t b) {
  SYMRANGE_ASSERT(b != 0);
  SYMRANGE_ASSERT(!(a == kInt64Min && b == -1));
  std::int64_t q = a / b;  // C++ truncates toward zero; Python floors
  std::int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) --q;
  return q;
}

std::int64_t pyMod(std::int64_t a, std::int64_t b) {
  SYMRANGE_ASSERT(b != 0);
  if (b == -1) return 0;  // also avoids INT64_MIN % -1, undefined in C++
  std::int64_t r = a % b;
  // the remainder takes the sign of the divisor; r and b have opposite signs here, no overflow
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

std::optional<std::int64_t> pyFloorDivChecked(std::int64_t a, std::int64_t b) {
  if (b == 0 || (a == kInt64Min && b == -1)) return std::nullopt;
  return pyFloorDiv(a, b);
}

std::optional<std::int64_t> pyCeilDivChecked(std::int64_t a, std::int64_t b) {
  if (b == 0 || (a == kInt64Min && b == -1)) return std::nullopt;
  std::int64_t q = a / b;
  std::int64_t r = a % b;
  if (r != 0 && ((r < 0) == (b < 0))) ++q;  // a positive true quotient rounds up
  return q;
}

namespace {

/// A value during evaluation: a Value, or an integer outside int64 (`big` set, `v.i` unused).
/// Integers leave the int64 fast path only when a constant is big or an operation overflows.
struct Num {
  Value v;
  std::optional<BigInt> big;
};

Num ofValue(Value v) { return {v, std::nullopt}; }
Num ofBig(BigInt b) {
  if (std::optional<std::int64_t> small = toInt64(b)) return ofValue(Value::ofInt(*small));
  return {Value::ofInt(0), std::move(b)};
}

bool isIntLike(const Num& n) {
  return n.v.type == Value::Type::Int || n.v.type == Value::Type::Bool;
}
BigInt bigOf(const Num& n) { return n.big ? *n.big : BigInt(n.v.i); }

/// The float of a number; nullopt when an int is too large for a double (Python raises
/// OverflowError there).
std::optional<double> asDouble(const Num& n) {
  if (!isIntLike(n)) return n.v.f;
  if (!n.big) return static_cast<double>(n.v.i);
  double d = bigToDouble(*n.big);
  if (std::isinf(d)) return std::nullopt;
  return d;
}

/// Python's exact ordering of two numbers: <0, 0, >0, or nullopt when unordered (a nan).
std::optional<int> compareNumbers(const Num& a, const Num& b) {
  if (isIntLike(a) && isIntLike(b)) {
    if (!a.big && !b.big) return (a.v.i > b.v.i) - (a.v.i < b.v.i);
    BigInt x = bigOf(a), y = bigOf(b);
    return (x > y) - (x < y);
  }
  if (!isIntLike(a) && !isIntLike(b)) {
    if (std::isnan(a.v.f) || std::isnan(b.v.f)) return std::nullopt;
    return (a.v.f > b.v.f) - (a.v.f < b.v.f);
  }
  // int vs float, exactly (converting the int to double could round)
  bool flipped = !isIntLike(a);
  std::optional<int> c = compareBigDouble(bigOf(flipped ? b : a), flipped ? a.v.f : b.v.f);
  if (!c) return std::nullopt;
  return flipped ? -*c : *c;
}

struct NumResult {
  std::optional<Num> value;
  EvalError error = EvalError::None;
};

NumResult ok(Num v) { return {std::move(v), EvalError::None}; }
NumResult ok(Value v) { return {ofValue(v), EvalError::None}; }
NumResult fail(EvalError e) { return {std::nullopt, e}; }

template <ExprKind>
constexpr bool kNoEvaluation = false;

class Evaluator : public MemoExprFunctor<Evaluator, NumResult> {
 public:
  explicit Evaluator(const std::function<std::optional<Value>(ExprRef)>& lookup)
      : lookup_(lookup) {}

  NumResult eval(ExprRef e) { return (*this)(e); }

  NumResult visit(ExprRef e, Kind<ExprKind::IntConst>) { return ok(Value::ofInt(e->intValue())); }
  NumResult visit(ExprRef e, Kind<ExprKind::BigIntConst>) { return ok(ofBig(*parseBigInt(e->bigText()))); }
  NumResult visit(ExprRef e, Kind<ExprKind::BoolConst>) { return ok(Value::ofBool(e->boolValue())); }
  NumResult visit(ExprRef e, Kind<ExprKind::FloatConst>) { return ok(Value::ofFloat(e->floatValue())); }
  NumResult visit(ExprRef, Kind<ExprKind::IntInf>) { return fail(EvalError::Unsupported); }
  NumResult visit(ExprRef, Kind<ExprKind::Apply>) { return fail(EvalError::Unsupported); }
  NumResult visit(ExprRef e, Kind<ExprKind::Symbol>) {
    std::optional<Value> v = lookup_(e);
    return v ? ok(*v) : fail(EvalError::Unbound);
  }
  template <ExprKind K>
    requires(!isLeafKind(K) && K != ExprKind::Apply)
  NumResult visit(ExprRef e, Kind<K>) {
    // every operand is evaluated, left to right (each is computed by the graph before the
    // operation runs); the first error wins
    std::vector<Num> v;
    v.reserve(e->arity());
    for (ExprRef o : e->ops()) {
      NumResult r = eval(o);
      if (!r.value) return r;
      v.push_back(*r.value);
    }
    return apply<K>(v);
  }

 private:
  const std::function<std::optional<Value>(ExprRef)>& lookup_;

  static bool anyFloat(const std::vector<Num>& v) {
    for (const Num& x : v) {
      if (!isIntLike(x)) return true;
    }
    return false;
  }
  static bool anyBig(const std::vector<Num>& v) {
    for (const Num& x : v) {
      if (x.big) return true;
    }
    return false;
  }

  /// Folds the floats of `v` left to right with `op` (Python: int operands convert to float,
  /// an int too large for a double raises OverflowError).
  template <typename Op>
  static NumResult floatFold(const std::vector<Num>& v, Op op) {
    std::optional<double> acc = asDouble(v[0]);
    if (!acc) return fail(EvalError::Overflow);
    for (std::size_t i = 1; i < v.size(); ++i) {
      std::optional<double> x = asDouble(v[i]);
      if (!x) return fail(EvalError::Overflow);
      acc = op(*acc, *x);
    }
    return ok(Value::ofFloat(*acc));
  }

  template <ExprKind K>
  static NumResult apply(const std::vector<Num>& v) {
    constexpr ExprKind k = K;
    if constexpr (k == ExprKind::Add) {
      if (anyFloat(v)) return floatFold(v, [](double a, double b) { return a + b; });
      std::int64_t s = 0;
      bool overflow = anyBig(v);
      for (const Num& x : v) {
        if (overflow || __builtin_add_overflow(s, x.v.i, &s)) {
          overflow = true;
          break;
        }
      }
      if (!overflow) return ok(Value::ofInt(s));
      BigInt b = 0;
      for (const Num& x : v) b += bigOf(x);
      return ok(ofBig(std::move(b)));
    } else if constexpr (k == ExprKind::Mul) {
      if (anyFloat(v)) return floatFold(v, [](double a, double b) { return a * b; });
      std::int64_t p = 1;
      bool overflow = anyBig(v);
      for (const Num& x : v) {
        if (overflow || __builtin_mul_overflow(p, x.v.i, &p)) {
          overflow = true;
          break;
        }
      }
      if (!overflow) return ok(Value::ofInt(p));
      BigInt b = 1;
      for (const Num& x : v) b *= bigOf(x);
      return ok(ofBig(std::move(b)));
    } else if constexpr (k == ExprKind::FloorDiv || k == ExprKind::Mod || k == ExprKind::PythonMod ||
                       k == ExprKind::CeilDiv) {
      if (anyFloat(v)) return fail(EvalError::Unsupported);
      if (!v[1].big && v[1].v.i == 0) return fail(EvalError::DivisionByZero);
      bool isMod = k == ExprKind::Mod || k == ExprKind::PythonMod;
      if (!anyBig(v)) {
        std::int64_t a = v[0].v.i;
        std::int64_t b = v[1].v.i;
        if (isMod) return ok(Value::ofInt(pyMod(a, b)));
        auto q = k == ExprKind::FloorDiv ? pyFloorDivChecked(a, b) : pyCeilDivChecked(a, b);
        if (q) return ok(Value::ofInt(*q));
      }
      BigInt a = bigOf(v[0]), b = bigOf(v[1]);
      if (isMod) return ok(ofBig(pyMod(a, b)));
      return ok(ofBig(k == ExprKind::FloorDiv ? pyFloorDiv(a, b) : pyCeilDiv(a, b)));
    } else if constexpr (k == ExprKind::Max || k == ExprKind::Min) {
      // Python's max/min: the first extreme element, compared exactly
      Num best = v[0];
      for (std::size_t i = 1; i < v.size(); ++i) {
        std::optional<int> c = compareNumbers(v[i], best);
        if (!c) return fail(EvalError::Unsupported);  // nan: order-dependent in Python
        if ((k == ExprKind::Max && *c > 0) || (k == ExprKind::Min && *c < 0)) best = v[i];
      }
      return ok(best);
    } else if constexpr (k == ExprKind::Abs) {
      if (!isIntLike(v[0])) return ok(Value::ofFloat(std::fabs(v[0].v.f)));
      if (!v[0].big && v[0].v.i != kInt64Min) return ok(Value::ofInt(std::abs(v[0].v.i)));
      return ok(ofBig(boost::multiprecision::abs(bigOf(v[0]))));
    } else if constexpr (k == ExprKind::PowByNatural) {
      if (anyFloat(v)) return fail(EvalError::Unsupported);
      if (v[1].big) return fail(v[1].big->sign() < 0 ? EvalError::Unsupported : EvalError::Overflow);
      std::int64_t n = v[1].v.i;
      if (n < 0) return fail(EvalError::Unsupported);
      // Python computes any power; we stop at 2^(2^20) (a guard against memory exhaustion)
      std::optional<BigInt> p = pyPow(bigOf(v[0]), static_cast<std::uint64_t>(n), 1u << 20);
      return p ? ok(ofBig(std::move(*p))) : fail(EvalError::Overflow);
    } else if constexpr (k == ExprKind::TruncToInt) {
      if (isIntLike(v[0])) return ok(v[0]);
      double t = std::trunc(v[0].v.f);
      if (std::isnan(t)) return fail(EvalError::Unsupported);  // Python: ValueError
      if (std::isinf(t)) return fail(EvalError::Overflow);     // Python: OverflowError
      return ok(ofBig(doubleToBig(t)));
    } else if constexpr (k == ExprKind::ToFloat) {
      std::optional<double> d = asDouble(v[0]);
      return d ? ok(Value::ofFloat(*d)) : fail(EvalError::Overflow);
    } else if constexpr (k == ExprKind::TrueDiv) {
      // Python's int / int is correctly rounded; converting first to double rounds twice
      // when |a| or |b| > 2^53 (a documented approximation)
      std::optional<double> a = asDouble(v[0]);
      std::optional<double> b = asDouble(v[1]);
      if (isIntLike(v[1]) && !v[1].big && v[1].v.i == 0) return fail(EvalError::DivisionByZero);
      if (!a || !b) return fail(EvalError::Overflow);
      if (*b == 0.0) return fail(EvalError::DivisionByZero);
      return ok(Value::ofFloat(*a / *b));
    } else if constexpr (isComparison(k)) {
      std::optional<int> c = compareNumbers(v[0], v[1]);
      if (!c) return ok(Value::ofBool(k == ExprKind::Ne));  // nan compares unequal
      bool r = false;
      if constexpr (k == ExprKind::Eq) r = *c == 0;
      if constexpr (k == ExprKind::Ne) r = *c != 0;
      if constexpr (k == ExprKind::Lt) r = *c < 0;
      if constexpr (k == ExprKind::Le) r = *c <= 0;
      if constexpr (k == ExprKind::Gt) r = *c > 0;
      if constexpr (k == ExprKind::Ge) r = *c >= 0;
      return ok(Value::ofBool(r));
    } else if constexpr (k == ExprKind::And || k == ExprKind::Or) {
      bool isAnd = k == ExprKind::And;
      bool r = isAnd;
      for (const Num& x : v) {
        if (x.v.type != Value::Type::Bool) return fail(EvalError::Unsupported);
        r = isAnd ? (r && x.v.i != 0) : (r || x.v.i != 0);
      }
      return ok(Value::ofBool(r));
    } else if constexpr (k == ExprKind::Not) {
      if (v[0].v.type != Value::Type::Bool) return fail(EvalError::Unsupported);
      return ok(Value::ofBool(v[0].v.i == 0));
    } else if constexpr (k == ExprKind::Where) {
      if (!isIntLike(v[0])) return fail(EvalError::Unsupported);
      bool c = v[0].big ? true : v[0].v.i != 0;
      return ok(c ? v[1] : v[2]);
    } else {
      static_assert(kNoEvaluation<K>, "a new ExprKind needs its evaluation");
    }
  }
};

}  // namespace

ExactResult evaluateExact(ExprRef e, const std::function<std::optional<Value>(ExprRef)>& lookup) {
  SYMRANGE_ASSERT(e != nullptr);
  Evaluator ev(lookup);
  NumResult r = ev.eval(e);
  if (!r.value) return {{std::nullopt, r.error}, {}};
  if (r.value->big) return {{std::nullopt, EvalError::Overflow}, bigText(*r.value->big)};
  return {{r.value->v, EvalError::None}, {}};
}

EvalResult evaluate(ExprRef e, const std::function<std::optional<Value>(ExprRef)>& lookup) {
  return evaluateExact(e, lookup).result;
}

}  // namespace symrange::ir
