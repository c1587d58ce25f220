// ir/ExprEval.cpp — concrete evaluation with Python semantics (floor `//` and `%`, exact
// int/float comparisons), reporting division by zero, int64 overflow and unsupported forms.
#include "ir/ExprEval.h"

#include <cmath>
#include <limits>
#include <unordered_map>
#include <vector>

#include "ir/Diagnostic.h"

namespace symrange::ir {

bool alwaysDefined(ExprRef e) {
  switch (e->kind()) {
    case ExprKind::IntInf: return false;
    case ExprKind::FloorDiv:
    case ExprKind::Mod:
    case ExprKind::PythonMod:
    case ExprKind::CeilDiv:
    case ExprKind::TrueDiv:
      if (!(e->op(1)->isIntConst() && e->op(1)->intValue() != 0)) return false;
      break;
    case ExprKind::PowByNatural:
      if (!(e->op(1)->isIntConst() && e->op(1)->intValue() >= 0)) return false;
      break;
    default: break;
  }
  for (ExprRef o : e->ops())
    if (!alwaysDefined(o)) return false;
  return true;
}

namespace {
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
}  // namespace

std::int64_t pyFloorDiv(std::int64_t a, std::int64_t b) {
  SYMRANGE_ASSERT(b != 0);
  SYMRANGE_ASSERT(!(a == kMin && b == -1));
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
  if (b == 0 || (a == kMin && b == -1)) return std::nullopt;
  return pyFloorDiv(a, b);
}

std::optional<std::int64_t> pyCeilDivChecked(std::int64_t a, std::int64_t b) {
  if (b == 0 || (a == kMin && b == -1)) return std::nullopt;
  std::int64_t q = a / b;
  std::int64_t r = a % b;
  if (r != 0 && ((r < 0) == (b < 0))) ++q;  // a positive true quotient rounds up
  return q;
}

namespace {

bool isIntLike(const Value& v) { return v.type == Value::Type::Int || v.type == Value::Type::Bool; }
double asDouble(const Value& v) { return isIntLike(v) ? static_cast<double>(v.i) : v.f; }

/// Python's exact ordering of two numbers: <0, 0, >0, or nullopt when unordered (a nan).
std::optional<int> compareNumbers(const Value& a, const Value& b) {
  if (isIntLike(a) && isIntLike(b)) return (a.i > b.i) - (a.i < b.i);
  if (!isIntLike(a) && !isIntLike(b)) {
    if (std::isnan(a.f) || std::isnan(b.f)) return std::nullopt;
    return (a.f > b.f) - (a.f < b.f);
  }
  // int vs float, exactly (converting the int to double could round)
  bool flipped = !isIntLike(a);
  std::int64_t i = flipped ? b.i : a.i;
  double d = flipped ? a.f : b.f;
  if (std::isnan(d)) return std::nullopt;
  int c = 0;
  if (d >= 9223372036854775808.0) {
    c = -1;
  } else if (d < -9223372036854775808.0) {
    c = 1;
  } else {
    double t = std::trunc(d);
    auto ti = static_cast<std::int64_t>(t);
    if (i != ti) {
      c = i < ti ? -1 : 1;
    } else {
      c = d > t ? -1 : (d < t ? 1 : 0);
    }
  }
  return flipped ? -c : c;
}

EvalResult ok(Value v) { return {v, EvalError::None}; }
EvalResult fail(EvalError e) { return {std::nullopt, e}; }

class Evaluator {
 public:
  explicit Evaluator(const std::function<std::optional<Value>(ExprRef)>& lookup)
      : lookup_(lookup) {}

  EvalResult eval(ExprRef e) {
    if (auto it = memo_.find(e); it != memo_.end()) return it->second;
    EvalResult r = compute(e);
    memo_.emplace(e, r);
    return r;
  }

 private:
  const std::function<std::optional<Value>(ExprRef)>& lookup_;
  std::unordered_map<ExprRef, EvalResult> memo_;

  EvalResult compute(ExprRef e) {
    switch (e->kind()) {
      case ExprKind::IntConst: return ok(Value::ofInt(e->intValue()));
      case ExprKind::BoolConst: return ok(Value::ofBool(e->boolValue()));
      case ExprKind::FloatConst: return ok(Value::ofFloat(e->floatValue()));
      case ExprKind::IntInf: return fail(EvalError::Unsupported);
      case ExprKind::Apply: return fail(EvalError::Unsupported);
      case ExprKind::Symbol: {
        std::optional<Value> v = lookup_(e);
        return v ? ok(*v) : fail(EvalError::Unbound);
      }
      default: break;
    }
    // every operand is evaluated, left to right (each is computed by the graph before the
    // operation runs); the first error wins
    std::vector<Value> v;
    v.reserve(e->arity());
    for (ExprRef o : e->ops()) {
      EvalResult r = eval(o);
      if (!r.value) return r;
      v.push_back(*r.value);
    }
    return apply(e->kind(), v);
  }

  static bool anyFloat(const std::vector<Value>& v) {
    for (const Value& x : v) {
      if (!isIntLike(x)) return true;
    }
    return false;
  }

  static EvalResult apply(ExprKind k, const std::vector<Value>& v) {
    switch (k) {
      case ExprKind::Add: {
        if (anyFloat(v)) {
          double s = asDouble(v[0]);
          for (std::size_t i = 1; i < v.size(); ++i) s += asDouble(v[i]);
          return ok(Value::ofFloat(s));
        }
        std::int64_t s = 0;
        for (const Value& x : v) {
          if (__builtin_add_overflow(s, x.i, &s)) return fail(EvalError::Overflow);
        }
        return ok(Value::ofInt(s));
      }
      case ExprKind::Mul: {
        if (anyFloat(v)) {
          double p = asDouble(v[0]);
          for (std::size_t i = 1; i < v.size(); ++i) p *= asDouble(v[i]);
          return ok(Value::ofFloat(p));
        }
        // a zero factor makes the exact product 0 even when a partial product overflows
        for (const Value& x : v) {
          if (x.i == 0) return ok(Value::ofInt(0));
        }
        std::int64_t p = 1;
        for (const Value& x : v) {
          if (__builtin_mul_overflow(p, x.i, &p)) return fail(EvalError::Overflow);
        }
        return ok(Value::ofInt(p));
      }
      case ExprKind::FloorDiv:
      case ExprKind::Mod:
      case ExprKind::PythonMod:
      case ExprKind::CeilDiv: {
        if (anyFloat(v)) return fail(EvalError::Unsupported);
        std::int64_t a = v[0].i;
        std::int64_t b = v[1].i;
        if (b == 0) return fail(EvalError::DivisionByZero);
        if (k == ExprKind::Mod || k == ExprKind::PythonMod) return ok(Value::ofInt(pyMod(a, b)));
        auto q = k == ExprKind::FloorDiv ? pyFloorDivChecked(a, b) : pyCeilDivChecked(a, b);
        return q ? ok(Value::ofInt(*q)) : fail(EvalError::Overflow);
      }
      case ExprKind::Max:
      case ExprKind::Min: {
        // Python's max/min: the first extreme element, compared exactly
        Value best = v[0];
        for (std::size_t i = 1; i < v.size(); ++i) {
          std::optional<int> c = compareNumbers(v[i], best);
          if (!c) return fail(EvalError::Unsupported);  // nan: order-dependent in Python
          if ((k == ExprKind::Max && *c > 0) || (k == ExprKind::Min && *c < 0)) best = v[i];
        }
        return ok(best);
      }
      case ExprKind::Abs: {
        if (!isIntLike(v[0])) return ok(Value::ofFloat(std::fabs(v[0].f)));
        if (v[0].i == kMin) return fail(EvalError::Overflow);
        return ok(Value::ofInt(v[0].i < 0 ? -v[0].i : v[0].i));
      }
      case ExprKind::PowByNatural: {
        if (anyFloat(v)) return fail(EvalError::Unsupported);
        std::int64_t b = v[0].i;
        std::int64_t n = v[1].i;
        if (n < 0) return fail(EvalError::Unsupported);
        std::int64_t result = 1;
        // trivial bases first: their powers never overflow, however large n is
        if (b == 0 || b == 1) return ok(Value::ofInt(n == 0 ? 1 : b));
        if (b == -1) return ok(Value::ofInt(n % 2 == 0 ? 1 : -1));
        while (n > 0) {
          if ((n & 1) && __builtin_mul_overflow(result, b, &result)) {
            return fail(EvalError::Overflow);
          }
          n >>= 1;
          if (n > 0 && __builtin_mul_overflow(b, b, &b)) return fail(EvalError::Overflow);
        }
        return ok(Value::ofInt(result));
      }
      case ExprKind::TruncToInt: {
        if (isIntLike(v[0])) return ok(Value::ofInt(v[0].i));
        double t = std::trunc(v[0].f);
        if (std::isnan(t)) return fail(EvalError::Unsupported);  // Python: ValueError
        if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0)) {
          return fail(EvalError::Overflow);
        }
        return ok(Value::ofInt(static_cast<std::int64_t>(t)));
      }
      case ExprKind::ToFloat: return ok(Value::ofFloat(asDouble(v[0])));
      case ExprKind::TrueDiv: {
        // Python's int / int is correctly rounded; converting first to double rounds twice
        // when |a| or |b| > 2^53 (a documented approximation)
        double b = asDouble(v[1]);
        if (b == 0.0) return fail(EvalError::DivisionByZero);
        return ok(Value::ofFloat(asDouble(v[0]) / b));
      }
      case ExprKind::Eq:
      case ExprKind::Ne:
      case ExprKind::Lt:
      case ExprKind::Le:
      case ExprKind::Gt:
      case ExprKind::Ge: {
        std::optional<int> c = compareNumbers(v[0], v[1]);
        if (!c) return ok(Value::ofBool(k == ExprKind::Ne));  // nan compares unequal
        bool r = false;
        switch (k) {
          case ExprKind::Eq: r = *c == 0; break;
          case ExprKind::Ne: r = *c != 0; break;
          case ExprKind::Lt: r = *c < 0; break;
          case ExprKind::Le: r = *c <= 0; break;
          case ExprKind::Gt: r = *c > 0; break;
          default: r = *c >= 0; break;
        }
        return ok(Value::ofBool(r));
      }
      case ExprKind::And:
      case ExprKind::Or: {
        bool isAnd = k == ExprKind::And;
        bool r = isAnd;
        for (const Value& x : v) {
          if (x.type != Value::Type::Bool) return fail(EvalError::Unsupported);
          r = isAnd ? (r && x.i != 0) : (r || x.i != 0);
        }
        return ok(Value::ofBool(r));
      }
      case ExprKind::Not: {
        if (v[0].type != Value::Type::Bool) return fail(EvalError::Unsupported);
        return ok(Value::ofBool(v[0].i == 0));
      }
      case ExprKind::Where: {
        if (!isIntLike(v[0])) return fail(EvalError::Unsupported);
        return ok(v[0].i != 0 ? v[1] : v[2]);
      }
      default: break;
    }
    return fail(EvalError::Unsupported);
  }
};

}  // namespace

EvalResult evaluate(ExprRef e, const std::function<std::optional<Value>(ExprRef)>& lookup) {
  SYMRANGE_ASSERT(e != nullptr);
  Evaluator ev(lookup);
  return ev.eval(e);
}

}  // namespace symrange::ir
