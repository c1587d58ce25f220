// solver/Z3Lowering.cpp — expressions to Z3 terms, Python semantics (see Z3Lowering.h).
#include "solver/internal/Z3Lowering.h"

#include "ir/ExprFunctor.h"

#include <algorithm>
#include <cmath>

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

namespace {

/// Exponents up to this are expanded into products; larger ones become an uninterpreted pow.
constexpr std::int64_t kMaxExpandedExponent = 64;

std::string i128ToString(__int128 v) {
  if (v == 0) return "0";
  bool negative = v < 0;
  unsigned __int128 u = negative ? static_cast<unsigned __int128>(-(v + 1)) + 1
                                 : static_cast<unsigned __int128>(v);
  std::string s;
  while (u != 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  if (negative) s.push_back('-');
  std::reverse(s.begin(), s.end());
  return s;
}

template <ExprKind>
constexpr bool kNoLowering = false;

/// `to = from` by copy. The move assignment of z3++ 4.8 (`ast::operator=(ast&&)`) does not
/// release the node it overwrites: every such node stays referenced, and deleting the context
/// then runs Z3's clean-up of live nodes, rounds of scans over its tables (about 13 M
/// instructions per evidence context on corpus/medium/prog_0, against 0.15 M).
void assignExpr(z3::expr& to, const z3::expr& from) { to = from; }

}  // namespace

z3::expr Z3Lowering::symbol(ExprRef sym) {
  switch (sym->type()) {
    case ExprType::Bool: return ctx_.bool_const(sym->name().c_str());
    case ExprType::Float: return ctx_.real_const(sym->name().c_str());
    case ExprType::Int: break;
  }
  return ctx_.int_const(sym->name().c_str());
}

z3::expr Z3Lowering::term(ExprRef e) { return (*this)(e); }

z3::expr Z3Lowering::asInt(ExprRef e) {
  z3::expr t = term(e);
  if (t.is_bool()) return z3::ite(t, ctx_.int_val(1), ctx_.int_val(0));
  if (t.is_real()) throw UnsupportedExpr("float operand of an integer operation");
  return t;
}

z3::expr Z3Lowering::asReal(ExprRef e) {
  z3::expr t = term(e);
  if (t.is_bool()) return z3::ite(t, ctx_.real_val(1), ctx_.real_val(0));
  if (t.is_int()) return z3::to_real(t);
  return t;
}

z3::expr Z3Lowering::asBool(ExprRef e) {
  z3::expr t = term(e);
  if (t.is_bool()) return t;
  if (t.is_int()) return t != ctx_.int_val(0);
  throw UnsupportedExpr("float used as a condition");
}

z3::expr Z3Lowering::floatConst(double v) {
  if (!std::isfinite(v)) throw UnsupportedExpr("non-finite float");
  // v = m * 2^exp exactly, with an integer m of at most 53 bits.
  int exp = 0;
  double frac = std::frexp(v, &exp);
  auto m = static_cast<std::int64_t>(std::ldexp(frac, 53));
  exp -= 53;
  while (m != 0 && m % 2 == 0 && exp < 0) {
    m /= 2;
    ++exp;
  }
  if (exp >= 0) {
    if (exp > 70) throw UnsupportedExpr("float constant too large");
    return ctx_.real_val(i128ToString(static_cast<__int128>(m) << exp).c_str());
  }
  if (-exp > 120) throw UnsupportedExpr("float constant too small");
  std::string s = std::to_string(m) + "/" + i128ToString(static_cast<__int128>(1) << (-exp));
  return ctx_.real_val(s.c_str());
}

// Python floor division. SMT-LIB `div` is Euclidean: for b > 0 it is floor(a / b), but for
// b < 0 it rounds the other way (Euclidean q makes the remainder >= 0, Python's has the sign
// of b). Since a // b == (-a) // (-b), a negative divisor is lowered as (-a) div (-b), whose
// divisor is positive. b == 0 raises in Python: the term is then unconstrained and the
// definedness condition (b != 0) excludes it.
z3::expr Z3Lowering::floorDiv(const z3::expr& a, ExprRef bExpr) {
  if (bExpr->isIntConst()) {
    std::int64_t c = bExpr->intValue();
    z3::expr b = ctx_.int_val(c);
    if (c < 0) return (-a) / (-b);
    return a / b;
  }
  z3::expr b = asInt(bExpr);
  return z3::ite(b > 0, a / b, (-a) / (-b));
}

// Python modulo: the result has the sign of b. SMT-LIB `mod` is always >= 0, which is
// Python's for b > 0; for b < 0, a % b == -((-a) % (-b)).
z3::expr Z3Lowering::pyMod(const z3::expr& a, ExprRef bExpr) {
  if (bExpr->isIntConst()) {
    std::int64_t c = bExpr->intValue();
    z3::expr b = ctx_.int_val(c);
    if (c < 0) return -z3::mod(-a, -b);
    return z3::mod(a, b);
  }
  z3::expr b = asInt(bExpr);
  return z3::ite(b > 0, z3::mod(a, b), -z3::mod(-a, -b));
}

// Floats are IEEE doubles, not reals (docs/architecture.md, "Floats"). Nothing float-valued
// is lowered: a boolean or integer computed from a float operand (a comparison, a truncation,
// an uninterpreted function) is an opaque atom, one Z3 constant per interned expression. That
// is sound, since an expression has one value per assignment of its symbols, and it relates
// no two atoms: `float(u0) < 3.0` says nothing about u0, and `f < g` nothing about `f >= g`.
z3::expr Z3Lowering::floatAtom(ExprRef e, const char* what) {
  const std::string name = std::string("!") + what + std::to_string(e->id());
  switch (e->type()) {
    case ExprType::Bool: return ctx_.bool_const(name.c_str());
    case ExprType::Int: return ctx_.int_const(name.c_str());
    case ExprType::Float: break;
  }
  throw UnsupportedExpr("float value");
}

// `b != 0.0` for a float `b`: exactly when dividing by it does not raise (NaN != 0.0 holds, and
// dividing by NaN gives NaN). ToFloat(i) is 0.0 exactly when i == 0; any other float is an
// atom, shared by the definedness of divisions by `b` and by the comparison `b != 0.0`.
z3::expr Z3Lowering::floatNonZero(ExprRef b) {
  if (b->kind() == ExprKind::ToFloat && b->op(0)->type() != ExprType::Float)
    return asInt(b->op(0)) != ctx_.int_val(0);
  return ctx_.bool_const(("!nonzero" + std::to_string(b->id())).c_str());
}

z3::expr Z3Lowering::compute(ExprRef e) {
  const bool isFloat = e->type() == ExprType::Float;
  auto ops = e->ops();
  if ((e->kind() == ExprKind::Ne || e->kind() == ExprKind::Eq) && ops.size() == 2) {
    for (int side = 0; side < 2; ++side) {
      ExprRef z = ops[static_cast<std::size_t>(side)], b = ops[static_cast<std::size_t>(1 - side)];
      if (z->kind() == ExprKind::FloatConst && z->floatValue() == 0.0 && b->type() == ExprType::Float)
        return e->kind() == ExprKind::Ne ? floatNonZero(b) : !floatNonZero(b);
    }
  }
  if (!isFloat && std::any_of(ops.begin(), ops.end(), [](ExprRef o) { return o->type() == ExprType::Float; }))
    return floatAtom(e, "float");
  return dispatch(e);
}

template <ExprKind K>
z3::expr Z3Lowering::visit(ExprRef e, ir::Kind<K>) {
  [[maybe_unused]] const bool isFloat = e->type() == ExprType::Float;
  [[maybe_unused]] auto ops = e->ops();
  [[maybe_unused]] auto fold = [&](auto combine) {
    z3::expr acc = isFloat ? asReal(ops[0]) : asInt(ops[0]);
    for (std::size_t i = 1; i < ops.size(); ++i) {
      assignExpr(acc, combine(acc, isFloat ? asReal(ops[i]) : asInt(ops[i])));
    }
    return acc;
  };
  if constexpr (K == ExprKind::IntConst) {
    return ctx_.int_val(static_cast<int64_t>(e->intValue()));
  } else if constexpr (K == ExprKind::BigIntConst) {
    // an integer beyond int64: Z3 reads any integer numeral from its decimal text
    return ctx_.int_val(e->bigText().c_str());
  } else if constexpr (K == ExprKind::BoolConst) {
    return ctx_.bool_val(e->boolValue());
  } else if constexpr (K == ExprKind::FloatConst) {
    return floatConst(e->floatValue());
  } else if constexpr (K == ExprKind::IntInf) {
    throw UnsupportedExpr("int_oo");
  } else if constexpr (K == ExprKind::Symbol) {
    return symbol(e);
  } else if constexpr (K == ExprKind::Add) {
    return fold([](const z3::expr& a, const z3::expr& b) { return a + b; });
  } else if constexpr (K == ExprKind::Mul) {
    return fold([](const z3::expr& a, const z3::expr& b) { return a * b; });
  } else if constexpr (K == ExprKind::FloorDiv) {
    if (isFloat) throw UnsupportedExpr("float floor division");
    return floorDiv(asInt(ops[0]), ops[1]);
  } else if constexpr (K == ExprKind::Mod || K == ExprKind::PythonMod) {
    if (isFloat) throw UnsupportedExpr("float modulo");
    return pyMod(asInt(ops[0]), ops[1]);
  } else if constexpr (K == ExprKind::CeilDiv) {
    // ceil(a / b) == -((-a) // b)
    if (ops[0]->type() == ExprType::Float || ops[1]->type() == ExprType::Float) {
      throw UnsupportedExpr("float ceiling division");
    }
    return -floorDiv(-asInt(ops[0]), ops[1]);
  } else if constexpr (K == ExprKind::Max || K == ExprKind::Min) {
    // n-ary, left to right: the running extreme is replaced by a strictly better operand
    const bool isMax = e->kind() == ExprKind::Max;
    return fold([isMax](const z3::expr& best, const z3::expr& x) {
      return z3::ite(isMax ? x > best : x < best, x, best);
    });
  } else if constexpr (K == ExprKind::Abs) {
    z3::expr a = isFloat ? asReal(ops[0]) : asInt(ops[0]);
    return z3::ite(a >= 0, a, -a);
  } else if constexpr (K == ExprKind::PowByNatural) {
    if (isFloat || ops[1]->type() == ExprType::Float) throw UnsupportedExpr("float power");
    z3::expr base = asInt(ops[0]);
    if (ops[1]->isIntConst()) {
      std::int64_t n = ops[1]->intValue();
      if (n < 0) throw UnsupportedExpr("negative exponent");
      if (n <= kMaxExpandedExponent) {
        z3::expr r = ctx_.int_val(1);
        for (std::int64_t i = 0; i < n; ++i) assignExpr(r, i == 0 ? base : r * base);
        return r;
      }
    }
    // a non-constant (or huge) exponent: an uninterpreted function (sound for unsat only)
    z3::func_decl pw = ctx_.function("PowByNatural", ctx_.int_sort(), ctx_.int_sort(),
                                     ctx_.int_sort());
    return pw(base, asInt(ops[1]));
  } else if constexpr (K == ExprKind::TruncToInt) {
    if (ops[0]->type() != ExprType::Float) return asInt(ops[0]);
    // Z3's to_int is floor; truncation rounds toward zero
    z3::expr x = asReal(ops[0]);
    auto toInt = [this](const z3::expr& r) {
      Z3_ast a = Z3_mk_real2int(ctx_, r);
      ctx_.check_error();
      return z3::expr(ctx_, a);
    };
    return z3::ite(x >= 0, toInt(x), -toInt(-x));
  } else if constexpr (K == ExprKind::ToFloat) {
    return asReal(ops[0]);
  } else if constexpr (K == ExprKind::TrueDiv) {
    return asReal(ops[0]) / asReal(ops[1]);
  } else if constexpr (K == ExprKind::Eq || K == ExprKind::Ne || K == ExprKind::Lt || K == ExprKind::Le || K == ExprKind::Gt || K == ExprKind::Ge) {
    z3::expr a = ctx_.bool_val(true), b = ctx_.bool_val(true);
    if (ops[0]->type() == ExprType::Float || ops[1]->type() == ExprType::Float) {
      assignExpr(a, asReal(ops[0]));
      assignExpr(b, asReal(ops[1]));
    } else if (ops[0]->type() == ExprType::Bool && ops[1]->type() == ExprType::Bool &&
               (e->kind() == ExprKind::Eq || e->kind() == ExprKind::Ne)) {
      assignExpr(a, asBool(ops[0]));
      assignExpr(b, asBool(ops[1]));
    } else {
      assignExpr(a, asInt(ops[0]));
      assignExpr(b, asInt(ops[1]));
    }
    if constexpr (K == ExprKind::Eq) return a == b;
    if constexpr (K == ExprKind::Ne) return a != b;
    if constexpr (K == ExprKind::Lt) return a < b;
    if constexpr (K == ExprKind::Le) return a <= b;
    if constexpr (K == ExprKind::Gt) return a > b;
    if constexpr (K == ExprKind::Ge) return a >= b;
  } else if constexpr (K == ExprKind::And || K == ExprKind::Or) {
    z3::expr_vector args(ctx_);
    for (ExprRef o : ops) {
      if (o->type() != ExprType::Bool) throw UnsupportedExpr("non-boolean operand of And/Or");
      args.push_back(asBool(o));
    }
    return e->kind() == ExprKind::And ? z3::mk_and(args) : z3::mk_or(args);
  } else if constexpr (K == ExprKind::Not) {
    if (ops[0]->type() != ExprType::Bool) throw UnsupportedExpr("non-boolean operand of Not");
    return !asBool(ops[0]);
  } else if constexpr (K == ExprKind::Where) {
    z3::expr c = asBool(ops[0]);
    if (isFloat) return z3::ite(c, asReal(ops[1]), asReal(ops[2]));
    if (e->type() == ExprType::Bool) return z3::ite(c, asBool(ops[1]), asBool(ops[2]));
    return z3::ite(c, asInt(ops[1]), asInt(ops[2]));
  } else if constexpr (K == ExprKind::Apply) {
    // an unknown function: uninterpreted, by name and argument sorts
    z3::sort_vector domain(ctx_);
    z3::expr_vector args(ctx_);
    for (ExprRef o : ops) {
      z3::expr t = term(o);
      domain.push_back(t.get_sort());
      args.push_back(t);
    }
    z3::sort range = e->type() == ExprType::Bool    ? ctx_.bool_sort()
                     : e->type() == ExprType::Float ? ctx_.real_sort()
                                                    : ctx_.int_sort();
    z3::func_decl f = ctx_.function(e->name().c_str(), domain, range);
    return f(args);
  } else {
    static_assert(kNoLowering<K>, "a new ExprKind needs its lowering");
  }
}

void Z3Lowering::collectDivisors(ExprRef e, std::vector<ExprRef>& out) {
  ir::forEachSubexpr(e, [&](ExprRef x) {
    if (ir::isDivisionKind(x->kind())) out.push_back(x);
    return true;
  });
  std::sort(out.begin(), out.end(), ir::ExprIdLess{});
}

z3::expr Z3Lowering::defined(ExprRef e) {
  if (auto it = defined_.find(e->id()); it != defined_.end()) return it->second;
  std::vector<ExprRef> divisions;
  collectDivisors(e, divisions);
  z3::expr_vector conds(ctx_);
  for (ExprRef d : divisions) {
    ExprRef b = d->op(1);
    if (b->isIntLiteral() && b->intSign() != 0) continue;  // a BigIntConst is never 0
    if (b->kind() == ExprKind::FloatConst && b->floatValue() != 0.0) continue;
    if (b->type() == ExprType::Float) {
      conds.push_back(floatNonZero(b));
    } else {
      conds.push_back(asInt(b) != ctx_.int_val(0));
    }
  }
  z3::expr r = conds.empty() ? ctx_.bool_val(true) : z3::mk_and(conds);
  defined_.emplace(e->id(), r);
  return r;
}

z3::expr Z3Lowering::holds(ExprRef e) {
  z3::expr v = asBool(e);
  z3::expr d = defined(e);
  if (d.is_true()) return v;
  return d && v;
}

z3::expr Z3Lowering::factHolds(ExprRef e) {
  if (e->kind() != ExprKind::And && e->kind() != ExprKind::Or) return holds(e);
  z3::expr_vector parts(ctx_);
  for (ExprRef o : e->ops()) parts.push_back(factHolds(o));
  return e->kind() == ExprKind::And ? z3::mk_and(parts) : z3::mk_or(parts);
}

bool Z3Lowering::exact(ExprRef e) { return exact_(e); }

template <ExprKind K>
bool Z3Lowering::Exactness::visit(ExprRef e, ir::Kind<K>) {
  bool r = true;
  if constexpr (K == ExprKind::Apply || K == ExprKind::ToFloat || K == ExprKind::TrueDiv ||
                K == ExprKind::TruncToInt || K == ExprKind::FloatConst) {
    r = false;
  } else if constexpr (K == ExprKind::PowByNatural) {
    r = e->op(1)->isIntConst() && e->op(1)->intValue() <= kMaxExpandedExponent;
  } else {
    // every other kind is lowered exactly, unless its value is a float
    r = e->type() != ExprType::Float;
  }
  for (ExprRef o : e->ops()) r = (*this)(o) && r;
  return r;
}

}  // namespace symrange::solver
