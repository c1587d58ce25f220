// solver/LinearReader.cpp — constraints read as the linear tier's rows (LinearReader.h).
#include "solver/internal/LinearReader.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "solver/IntervalEval.h"

namespace symrange::solver::linear {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

namespace {

constexpr int kMaxDepth = 48;

/// Reads constraints into rows and splits.
class Reader {
 public:
  explicit Reader(const Box& box) : box_(box) {}

  void constraint(const Constraint& c) {
    DepSet deps{c.dep};
    Conj conj;
    read(c.expr, c.want, deps, conj, 0);
    for (Row& r : conj.rows) base.push_back(std::move(r));
    for (Split& s : conj.splits) {
      (c.dep == kGoalDep ? goalSplits : factSplits).push_back(std::move(s));
    }
  }

  /// A new variable equal to integer `e` (two rows), for a projection onto `e`.
  std::uint32_t variableFor(ExprRef e) {
    const std::uint32_t t = next_++;
    std::optional<Lin> d = diff(var(t), lin(e, 0));
    std::optional<Lin> nd = d ? diff(Lin{}, *d) : std::nullopt;
    if (nd) {
      emit(base, *d, {});
      emit(base, *nd, {});
    }
    return t;
  }

  /// The integer symbols read, with their variables, by symbol id.
  [[nodiscard]] std::vector<std::pair<ExprRef, std::uint32_t>> symbolVars() const {
    std::vector<std::pair<ExprRef, std::uint32_t>> out;
    for (const auto& [e, v] : atoms_) {
      if (e->isSymbol()) out.emplace_back(e, v);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first->id() < b.first->id(); });
    return out;
  }
  [[nodiscard]] std::uint32_t variables() const { return next_; }

  std::vector<Row> base;            // every row that must hold: constraints, definitions, bounds
  std::vector<Split> goalSplits;    // disjunctions of the goal
  std::vector<Split> factSplits;    // of the facts
  std::vector<Split> atomSplits;    // Max/Min/Abs equal one of their operands

 private:
  struct Conj {
    std::vector<Row> rows;
    std::vector<Split> splits;
  };

  /// Adds `l <= 0` to `out` (a row that overflows is left out: a relaxation).
  void emit(std::vector<Row>& out, const Lin& l, const DepSet& deps) {
    Row r;
    std::vector<std::pair<std::uint32_t, Wide>> terms = l.terms;
    switch (makeRow(terms, l.c, deps, r)) {
      case Norm::Keep: out.push_back(std::move(r)); return;
      case Norm::Contradiction: out.push_back(Row{{}, 1, deps}); return;
      case Norm::Trivial:
      case Norm::Overflow: return;
    }
  }

  static Lin var(std::uint32_t v) { return Lin{{{v, Wide{1}}}, 0}; }

  /// `a - b` (nullopt on overflow).
  static std::optional<Lin> diff(const Lin& a, const Lin& b) {
    Lin d = a;
    if (!addScaled(d, b, -1)) return std::nullopt;
    return d;
  }

  void read(ExprRef e, bool want, const DepSet& deps, Conj& out, int depth) {
    if (depth > kMaxDepth) return;
    switch (e->kind()) {
      case ExprKind::BoolConst:
        if (e->boolValue() != want) out.rows.push_back(Row{{}, 1, deps});
        return;
      case ExprKind::Not: read(e->op(0), !want, deps, out, depth + 1); return;
      case ExprKind::And:
      case ExprKind::Or: {
        const bool conjunctive = (e->kind() == ExprKind::And) == want;
        if (conjunctive) {
          for (ExprRef o : e->ops()) read(o, want, deps, out, depth + 1);
          return;
        }
        Split s;
        s.deps = deps;
        for (ExprRef o : e->ops()) {
          Conj alt;  // its own disjunctions are dropped: a relaxation of the alternative
          read(o, want, deps, alt, depth + 1);
          if (alt.rows.empty()) return;  // an alternative read as `true`: nothing to split
          s.alts.push_back(std::move(alt.rows));
        }
        out.splits.push_back(std::move(s));
        return;
      }
      case ExprKind::Eq:
      case ExprKind::Ne:
      case ExprKind::Lt:
      case ExprKind::Le:
      case ExprKind::Gt:
      case ExprKind::Ge: comparison(e, want, deps, out); return;
      case ExprKind::IntConst:
      case ExprKind::BigIntConst:
      case ExprKind::FloatConst:
      case ExprKind::IntInf:
      case ExprKind::Symbol:
      case ExprKind::Add:
      case ExprKind::Mul:
      case ExprKind::FloorDiv:
      case ExprKind::Mod:
      case ExprKind::PythonMod:
      case ExprKind::Max:
      case ExprKind::Min:
      case ExprKind::Abs:
      case ExprKind::PowByNatural:
      case ExprKind::CeilDiv:
      case ExprKind::TruncToInt:
      case ExprKind::ToFloat:
      case ExprKind::TrueDiv:
      case ExprKind::Where:
      case ExprKind::Apply: return;  // a boolean symbol, Where or function: not read
    }
  }

  void comparison(ExprRef e, bool want, const DepSet& deps, Conj& out) {
    ExprRef a = e->op(0);
    ExprRef b = e->op(1);
    if (a->type() != ExprType::Int || b->type() != ExprType::Int) return;
    const Lin la = lin(a, 0);  // (read in this order: variables are numbered as they appear)
    const Lin lb = lin(b, 0);
    std::optional<Lin> d = diff(la, lb);  // a - b
    if (!d) return;
    std::optional<Lin> nd = diff(Lin{}, *d);             // b - a
    if (!nd) return;
    Lin plusOne = *d;   // a - b + 1 <= 0: a < b
    Lin nPlusOne = *nd;  // b - a + 1 <= 0: a > b
    plusOne.c += 1;
    nPlusOne.c += 1;
    ExprKind k = e->kind();
    if (!want) {
      switch (k) {
        case ExprKind::Eq: k = ExprKind::Ne; break;
        case ExprKind::Ne: k = ExprKind::Eq; break;
        case ExprKind::Lt: k = ExprKind::Ge; break;
        case ExprKind::Le: k = ExprKind::Gt; break;
        case ExprKind::Gt: k = ExprKind::Le; break;
        case ExprKind::Ge: k = ExprKind::Lt; break;
        default: return;
      }
    }
    switch (k) {
      case ExprKind::Le: emit(out.rows, *d, deps); return;
      case ExprKind::Lt: emit(out.rows, plusOne, deps); return;
      case ExprKind::Ge: emit(out.rows, *nd, deps); return;
      case ExprKind::Gt: emit(out.rows, nPlusOne, deps); return;
      case ExprKind::Eq:
        emit(out.rows, *d, deps);
        emit(out.rows, *nd, deps);
        return;
      case ExprKind::Ne: {
        Split s;
        s.deps = deps;
        s.alts.emplace_back();
        emit(s.alts.back(), plusOne, deps);
        s.alts.emplace_back();
        emit(s.alts.back(), nPlusOne, deps);
        if (s.alts[0].empty() || s.alts[1].empty()) return;  // a side overflowed: not read
        out.splits.push_back(std::move(s));
        return;
      }
      default: return;
    }
  }

  /// The linear form of integer `e`: what it cannot read linearly is an opaque variable.
  Lin lin(ExprRef e, int depth) {
    if (e->kind() == ExprKind::IntConst) return Lin{{}, e->intValue()};
    if (depth > kMaxDepth) return var(atom(e));
    switch (e->kind()) {
      case ExprKind::Add: {
        Lin sum;
        for (ExprRef o : e->ops()) {
          if (!addScaled(sum, lin(o, depth + 1), 1)) return var(atom(e));
        }
        return sum;
      }
      case ExprKind::Mul: {
        Wide k = 1;
        ExprRef rest = nullptr;
        for (ExprRef o : e->ops()) {
          if (o->kind() == ExprKind::IntConst) {
            if (!scaled(k, o->intValue(), k)) return var(atom(e));
          } else if (rest == nullptr) {
            rest = o;
          } else {
            return var(atom(e));  // a product of two non-constants: opaque
          }
        }
        Lin out;
        if (rest == nullptr) return Lin{{}, k};
        if (!addScaled(out, lin(rest, depth + 1), k)) return var(atom(e));
        return out;
      }
      case ExprKind::FloorDiv:
        if (auto c = constDivisor(e)) return var(quotient(e->op(0), *c, false, depth));
        return var(atom(e));
      case ExprKind::CeilDiv:
        if (auto c = constDivisor(e); c && *c > 0) return var(quotient(e->op(0), *c, true, depth));
        return var(atom(e));
      case ExprKind::Mod:
      case ExprKind::PythonMod:
        if (auto c = constDivisor(e)) {
          // x % c = x - c * (x // c)
          Lin out = lin(e->op(0), depth + 1);
          if (!addScaled(out, var(quotient(e->op(0), *c, false, depth)), -Wide{*c})) {
            return var(atom(e));
          }
          return out;
        }
        return var(atom(e));
      case ExprKind::IntConst:
      case ExprKind::BigIntConst:
      case ExprKind::BoolConst:
      case ExprKind::FloatConst:
      case ExprKind::IntInf:
      case ExprKind::Symbol:
      case ExprKind::Max:
      case ExprKind::Min:
      case ExprKind::Abs:
      case ExprKind::PowByNatural:
      case ExprKind::TruncToInt:
      case ExprKind::ToFloat:
      case ExprKind::TrueDiv:
      case ExprKind::Eq:
      case ExprKind::Ne:
      case ExprKind::Lt:
      case ExprKind::Le:
      case ExprKind::Gt:
      case ExprKind::Ge:
      case ExprKind::And:
      case ExprKind::Or:
      case ExprKind::Not:
      case ExprKind::Where:
      case ExprKind::Apply: return var(atom(e));
    }
    return var(atom(e));
  }

  /// The divisor of `e` when it is a non-zero int64 constant (and the dividend an integer).
  static std::optional<std::int64_t> constDivisor(ExprRef e) {
    ExprRef d = e->op(1);
    if (e->op(0)->type() != ExprType::Int || d->kind() != ExprKind::IntConst) return std::nullopt;
    if (d->intValue() == 0 || d->intValue() == ir::kInt64Min) return std::nullopt;
    return d->intValue();
  }

  /// The variable for symbol or opaque term `e`, bounded by its interval; for Max/Min/Abs also
  /// by its operands (and the split saying it equals one of them).
  std::uint32_t atom(ExprRef e) {
    if (auto it = atoms_.find(e); it != atoms_.end()) return it->second;
    const std::uint32_t v = next_++;
    atoms_.emplace(e, v);
    if (e->isSymbol()) {
      SymBound b = box_.get(e);
      bound(v, b.iv, b.loDeps, b.hiDeps);
      return v;
    }
    IntervalValue iv = evalInterval(e, [this](ExprRef s) { return box_.interval(s); });
    // an empty interval: `e` is nowhere defined, and it takes any value where it is not read
    if (!iv.value.isEmpty()) {
      DepSet deps = symbolDeps(e);
      bound(v, iv.value, deps, deps);
    }
    const bool isMax = e->kind() == ExprKind::Max;
    if (isMax || e->kind() == ExprKind::Min) {
      // Max: o - v <= 0 for each operand o; equal to one of them: v - o <= 0
      Split s;
      for (ExprRef o : e->ops()) {
        if (o->type() != ExprType::Int) return v;
        Lin lo = lin(o, 1);
        std::optional<Lin> below = isMax ? diff(lo, var(v)) : diff(var(v), lo);
        std::optional<Lin> above = isMax ? diff(var(v), lo) : diff(lo, var(v));
        if (!below || !above) return v;
        emit(base, *below, {});
        s.alts.emplace_back();
        emit(s.alts.back(), *above, {});
        if (s.alts.back().empty()) return v;
      }
      atomSplits.push_back(std::move(s));
    } else if (e->kind() == ExprKind::Abs && e->op(0)->type() == ExprType::Int) {
      Lin x = lin(e->op(0), 1);
      std::optional<Lin> negX = diff(Lin{}, x);
      if (!negX) return v;
      std::optional<Lin> geX = diff(x, var(v));        // x - v <= 0
      std::optional<Lin> geNegX = diff(*negX, var(v));  // -x - v <= 0
      std::optional<Lin> leX = diff(var(v), x);         // v - x <= 0
      std::optional<Lin> leNegX = diff(var(v), *negX);  // v + x <= 0
      if (!geX || !geNegX || !leX || !leNegX) return v;
      emit(base, *geX, {});
      emit(base, *geNegX, {});
      Split s;
      s.alts.emplace_back();
      emit(s.alts.back(), *leX, {});
      s.alts.emplace_back();
      emit(s.alts.back(), *leNegX, {});
      if (!s.alts[0].empty() && !s.alts[1].empty()) atomSplits.push_back(std::move(s));
    }
    return v;
  }

  /// The variable q = x // c (`ceil`: CeilDiv(x, c), c > 0), with x - c*q in its range.
  std::uint32_t quotient(ExprRef x, std::int64_t c, bool ceil, int depth) {
    auto key = std::make_tuple(x->id(), c, ceil);
    if (auto it = quotients_.find(key); it != quotients_.end()) return it->second;
    const std::uint32_t q = next_++;
    quotients_.emplace(key, q);
    Lin r = lin(x, depth + 1);  // r = x - c*q
    if (!addScaled(r, var(q), -Wide{c})) return q;
    std::optional<Lin> negR = diff(Lin{}, r);
    if (!negR) return q;
    // floor, c > 0: 0 <= r <= c-1; floor, c < 0: c+1 <= r <= 0; ceil (c > 0): -(c-1) <= r <= 0
    const Wide lo = ceil ? -Wide{c - 1} : (c > 0 ? Wide{0} : Wide{c} + 1);
    const Wide hi = ceil ? Wide{0} : (c > 0 ? Wide{c} - 1 : Wide{0});
    Lin upper = r;  // r - hi <= 0
    upper.c -= hi;
    Lin lower = *negR;  // lo - r <= 0
    lower.c += lo;
    emit(base, upper, {});
    emit(base, lower, {});
    return q;
  }

  void bound(std::uint32_t v, const Interval& iv, const DepSet& loDeps, const DepSet& hiDeps) {
    if (iv.isEmpty()) {
      base.push_back(Row{{}, 1, unite(loDeps, hiDeps)});
      return;
    }
    if (iv.hasLo()) base.push_back(Row{{{v, -1}}, iv.lo(), loDeps});   // lo - v <= 0
    if (iv.hasHi() && iv.hi() != ir::kInt64Min) base.push_back(Row{{{v, 1}}, -iv.hi(), hiDeps});
  }

  /// Every fact behind the bounds of the symbols of `e`.
  DepSet symbolDeps(ExprRef e) const {
    DepSet deps;
    for (ExprRef s : ir::freeSymbols(e)) {
      if (const SymBound* b = box_.find(s)) deps = unite(deps, unite(b->loDeps, b->hiDeps));
    }
    return deps;
  }

  const Box& box_;
  std::unordered_map<ExprRef, std::uint32_t> atoms_;
  std::map<std::tuple<std::uint32_t, std::int64_t, bool>, std::uint32_t> quotients_;
  std::uint32_t next_ = 0;
};

}  // namespace

ReadRows readRows(const Box& box, std::span<const Constraint> constraints, ExprRef projectOnto) {
  Reader reader(box);
  ReadRows out;
  if (projectOnto) out.projected = reader.variableFor(projectOnto);
  for (const Constraint& c : constraints) reader.constraint(c);
  out.symbols = reader.symbolVars();
  out.variables = reader.variables();
  out.base = std::move(reader.base);
  out.goalSplits = std::move(reader.goalSplits);
  out.factSplits = std::move(reader.factSplits);
  out.atomSplits = std::move(reader.atomSplits);
  return out;
}

}  // namespace symrange::solver::linear
