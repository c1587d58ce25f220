// solver/LinearNormalize.cpp — collecting both sides of an integer comparison as linear forms
// over opaque terms (sums of constant multiples), and rewriting the comparison when a term
// occurs on both sides.
#include "solver/LinearNormalize.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "ir/Diagnostic.h"
#include "ir/ExprEval.h"
#include "ir/ExprFunctor.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

namespace {

using Int128 = __int128;
constexpr Int128 kLimit = static_cast<Int128>(1) << 100;  // far beyond int64, far below overflow

/// True when every subterm of `e` is an integer: no float, no int_oo.
bool integerOnly(ExprRef e) {
  return ir::forEachSubexpr(e, [](ExprRef x) {
    if (x->type() != ExprType::Int) return false;
    const ExprKind k = x->kind();
    return k != ExprKind::IntInf && k != ExprKind::FloatConst && k != ExprKind::TrueDiv &&
           k != ExprKind::ToFloat && k != ExprKind::TruncToInt;
  });
}

/// An integer expression that always evaluates, with no int_oo and no float inside.
bool plainInteger(ExprRef e) { return integerOnly(e) && ir::alwaysDefined(e); }

/// Σ coefficient·term + constant; terms keyed by expression id (deterministic order).
struct Linear {
  std::map<std::uint32_t, std::pair<ExprRef, Int128>> terms;
  Int128 constant = 0;
  bool ok = true;
};

/// a·b into `out` when it stays within ±kLimit (no overflow, even of the 128-bit product).
bool times(Int128 a, Int128 b, Int128& out) {
  return !__builtin_mul_overflow(a, b, &out) && out <= kLimit && out >= -kLimit;
}

void addTerm(Linear& out, ExprRef t, Int128 k) {
  auto& slot = out.terms[t->id()];
  slot.first = t;
  slot.second += k;
  if (slot.second > kLimit || slot.second < -kLimit) out.ok = false;
}

/// Adds k·e to `out`: constants, sums and constant multiples are taken apart, any other
/// kind is one opaque term.
class Collector : public ir::ExprFunctor<Collector, void, Int128> {
 public:
  Collector(ir::ExprContext& cx, Linear& out) : cx_(cx), out_(out) {}

  void collect(ExprRef e, Int128 k) {
    if (!out_.ok) return;
    if (k > kLimit || k < -kLimit) {
      out_.ok = false;
      return;
    }
    dispatch(e, k);
  }

  void visit(ExprRef e, ir::Kind<ExprKind::IntConst>, Int128 k) {
    Int128 v = 0;
    if (!times(k, e->intValue(), v)) {
      out_.ok = false;
      return;
    }
    out_.constant += v;
    if (out_.constant > kLimit || out_.constant < -kLimit) out_.ok = false;
  }
  void visit(ExprRef e, ir::Kind<ExprKind::Add>, Int128 k) {
    for (ExprRef o : e->ops()) collect(o, k);
  }
  void visit(ExprRef e, ir::Kind<ExprKind::Mul>, Int128 k) {
    Int128 c = 1;
    std::vector<ExprRef> rest;
    for (ExprRef o : e->ops()) {
      if (!o->isIntConst()) {
        rest.push_back(o);
      } else if (!times(c, o->intValue(), c)) {
        out_.ok = false;
        return;
      }
    }
    Int128 kc = 0;
    if (!times(k, c, kc)) {
      out_.ok = false;
      return;
    }
    if (rest.empty()) {
      out_.constant += kc;
      if (out_.constant > kLimit || out_.constant < -kLimit) out_.ok = false;
      return;
    }
    addTerm(out_, rest.size() == 1 ? rest[0] : cx_.mul(rest), kc);
  }
  /// Every other kind (a big constant included: an opaque term, sound and not tight).
  template <ExprKind K>
    requires(K != ExprKind::IntConst && K != ExprKind::Add && K != ExprKind::Mul)
  void visit(ExprRef e, ir::Kind<K>, Int128 k) {
    addTerm(out_, e, k);
  }

 private:
  ir::ExprContext& cx_;
  Linear& out_;
};

void collect(ir::ExprContext& cx, ExprRef e, Int128 k, Linear& out) { Collector(cx, out).collect(e, k); }

bool fitsInt64(Int128 v) {
  return v >= static_cast<Int128>(INT64_MIN) && v <= static_cast<Int128>(INT64_MAX);
}

bool compareConstant(ExprKind k, Int128 v) {  // v op 0
  SYMRANGE_ASSERT(ir::isComparison(k));
  if (k == ExprKind::Eq) return v == 0;
  if (k == ExprKind::Ne) return v != 0;
  if (k == ExprKind::Lt) return v < 0;
  if (k == ExprKind::Le) return v <= 0;
  if (k == ExprKind::Gt) return v > 0;
  return v >= 0;  // Ge
}

ExprRef cancelComparison(ir::ExprContext& cx, ExprRef e) {
  ExprRef a = e->op(0), b = e->op(1);
  if (!plainInteger(a) || !plainInteger(b)) return e;
  Linear la, lb;
  collect(cx, a, 1, la);
  collect(cx, b, 1, lb);
  if (!la.ok || !lb.ok) return e;
  bool shared = false;
  for (const auto& [id, t] : lb.terms) shared = shared || la.terms.count(id) > 0;
  if (!shared) return e;
  Linear d = la;  // a - b
  for (const auto& [id, t] : lb.terms) addTerm(d, t.first, -t.second);
  d.constant -= lb.constant;
  if (!d.ok) return e;
  std::vector<ExprRef> sum;
  for (const auto& [id, t] : d.terms) {
    if (t.second == 0) continue;
    if (!fitsInt64(t.second)) return e;
    sum.push_back(t.second == 1 ? t.first : cx.mul(cx.intConst(static_cast<std::int64_t>(t.second)), t.first));
  }
  if (sum.empty()) return cx.boolConst(compareConstant(e->kind(), d.constant));
  if (!fitsInt64(-d.constant)) return e;
  ExprRef lhs = sum.size() == 1 ? sum[0] : cx.add(sum);
  return cx.cmp(e->kind(), lhs, cx.intConst(static_cast<std::int64_t>(-d.constant)));
}

}  // namespace

ExprRef cancelCommonTerms(ir::ExprContext& cx, ExprRef e) {
  if (e->isComparison()) return cancelComparison(cx, e);
  if (e->kind() != ExprKind::And && e->kind() != ExprKind::Or && e->kind() != ExprKind::Not) return e;
  std::vector<ExprRef> ops;
  bool changed = false;
  // A constant operand folds an And / Or, which would drop a sibling that may raise: then the
  // operand keeps its form.
  const bool foldable = e->kind() == ExprKind::Not || ir::alwaysDefined(e);
  for (ExprRef o : e->ops()) {
    ExprRef r = cancelCommonTerms(cx, o);
    ops.push_back(r->isBoolConst() && !foldable ? o : r);
    changed = changed || ops.back() != o;
  }
  if (!changed) return e;
  if (e->kind() == ExprKind::Not) return cx.lnot(ops[0]);
  return e->kind() == ExprKind::And ? cx.land(std::move(ops)) : cx.lor(std::move(ops));
}

}  // namespace symrange::solver
