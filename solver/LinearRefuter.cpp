// solver/LinearRefuter.cpp — Fourier–Motzkin refutation over the integers, with case splits of
// disjunctions (LinearRefuter.h).
#include "solver/internal/LinearRefuter.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "solver/IntervalEval.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

namespace linear_refuter {  // named: a unity build shares one translation unit between files
namespace {

using Wide = __int128;

/// Σ coef·var, sorted by variable, no zero coefficient, every |coef| < 2^63.
using Terms = std::vector<std::pair<std::uint32_t, std::int64_t>>;

/// Σ coef·var + c <= 0, derived from the facts `deps`.
struct Row {
  Terms terms;
  std::int64_t c = 0;
  DepSet deps;
};

/// A linear form under construction; wide, so that sums of int64 products stay exact (every
/// operation checks for overflow and the reader falls back to an opaque variable).
struct Lin {
  std::vector<std::pair<std::uint32_t, Wide>> terms;  // unsorted, may repeat a variable
  Wide c = 0;
};

/// One of several conjunctions must hold.
struct Split {
  std::vector<std::vector<Row>> alts;
  DepSet deps;  // the fact the disjunction is (empty for the definition of Max/Min/Abs)
};

constexpr int kMaxDepth = 48;

bool scaled(Wide v, Wide k, Wide& out) { return !__builtin_mul_overflow(v, k, &out); }

/// `acc += k * x`; false on overflow.
bool addScaled(Lin& acc, const Lin& x, Wide k) {
  Wide c = 0;
  if (!scaled(x.c, k, c) || __builtin_add_overflow(acc.c, c, &acc.c)) return false;
  for (const auto& [v, a] : x.terms) {
    Wide t = 0;
    if (!scaled(a, k, t)) return false;
    acc.terms.emplace_back(v, t);
  }
  return true;
}

Wide wideAbs(Wide v) { return v < 0 ? -v : v; }

Wide wideGcd(Wide a, Wide b) {
  a = wideAbs(a);
  b = wideAbs(b);
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/// ceil(c / g) for g > 0.
Wide ceilDiv(Wide c, Wide g) { return c >= 0 ? (c + g - 1) / g : -((-c) / g); }

/// floor(n / d) for d > 0.
Wide floorDiv(Wide n, Wide d) { return n >= 0 ? n / d : -((-n + d - 1) / d); }

bool inInt64(Wide v) {
  return v > static_cast<Wide>(ir::kInt64Min) && v <= static_cast<Wide>(ir::kInt64Max);
}

enum class Norm : std::uint8_t { Keep, Trivial, Contradiction, Overflow };

/// The row `Σ terms + c <= 0` with equal variables merged, divided by the gcd of its
/// coefficients and its constant rounded up (for integer variables, `Σ a·v <= -c` implies
/// `Σ (a/g)·v <= floor(-c/g)`).
/// `terms` is scratch space (sorted and merged in place).
Norm makeRow(std::vector<std::pair<std::uint32_t, Wide>>& terms, Wide c, DepSet deps, Row& out) {
  std::sort(terms.begin(), terms.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t w = 0;
  for (std::size_t r = 0; r < terms.size(); ++r) {
    if (w > 0 && terms[w - 1].first == terms[r].first) {
      if (__builtin_add_overflow(terms[w - 1].second, terms[r].second, &terms[w - 1].second)) {
        return Norm::Overflow;
      }
    } else {
      terms[w++] = terms[r];
    }
  }
  terms.resize(w);
  std::erase_if(terms, [](const auto& t) { return t.second == 0; });
  if (terms.empty()) return c > 0 ? Norm::Contradiction : Norm::Trivial;
  Wide g = 0;
  for (const auto& t : terms) g = wideGcd(g, t.second);
  if (g > 1) {
    for (auto& t : terms) t.second /= g;
    c = ceilDiv(c, g);
  }
  if (!inInt64(c)) return Norm::Overflow;
  out.terms.clear();
  for (const auto& [v, a] : terms) {
    if (!inInt64(a)) return Norm::Overflow;
    out.terms.emplace_back(v, static_cast<std::int64_t>(a));
  }
  out.c = static_cast<std::int64_t>(c);
  out.deps = std::move(deps);
  return Norm::Keep;
}

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
  bool contradiction = false;       // a row read as `1 <= 0`
  DepSet contradictionDeps;

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

/// The facts behind a derived row: a set of sources (the distinct dep sets of the rows read,
/// and one marker per split level), at most kMaxSources of them.
constexpr std::size_t kMaxSources = 256;
struct Sources {
  std::array<std::uint64_t, kMaxSources / 64> bits{};
  void set(std::size_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }
  [[nodiscard]] bool test(std::size_t i) const { return (bits[i / 64] >> (i % 64)) & 1U; }
  void reset(std::size_t i) { bits[i / 64] &= ~(std::uint64_t{1} << (i % 64)); }
  Sources& operator|=(const Sources& o) {
    for (std::size_t k = 0; k < bits.size(); ++k) bits[k] |= o.bits[k];
    return *this;
  }
};

/// Rows in one flat array of terms (no allocation per row): row i is
/// Σ terms[begin .. begin+size) + c <= 0.
struct System {
  struct RowRef {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    std::int64_t c = 0;
    Sources from;
  };
  std::vector<std::pair<std::uint32_t, std::int64_t>> terms;
  std::vector<RowRef> rows;

  [[nodiscard]] std::span<const std::pair<std::uint32_t, std::int64_t>> termsOf(const RowRef& r) const {
    return {terms.data() + r.begin, r.size};
  }
  void add(std::span<const std::pair<std::uint32_t, std::int64_t>> t, std::int64_t c, const Sources& from) {
    rows.push_back(RowRef{static_cast<std::uint32_t>(terms.size()), static_cast<std::uint32_t>(t.size()), c, from});
    terms.insert(terms.end(), t.begin(), t.end());
  }
};

/// How an elimination ended: a contradiction derived (from `from`), every variable eliminated
/// without one, or out of budget.
struct Outcome {
  enum Kind : std::uint8_t { Refuted, Feasible, GaveUp } kind = GaveUp;
  Sources from;
};

/// One variable's elimination: the rows that bounded it then (over it and the variables
/// eliminated after it), for back-substitution.
struct Step {
  std::uint32_t var = 0;
  System rows;
};

/// Fourier–Motzkin elimination of every variable of `start`. With `steps`, records each
/// variable's bounding rows in elimination order.
/// Bounds propagation over the rows (each row bounds each of its variables by the others'
/// bounds, rounded to integers), a few rounds: it closes the integer gaps that elimination over
/// the rationals leaves (`8*q <= u1 <= 10`, `u1 >= 9`, `u1 - 8*q <= 1` give q = 1, u1 = 9). The
/// bounds it tightens are added to `sys` as rows (their sources: the row and the bounds used);
/// the sources of a contradiction when a variable's bounds cross.
std::optional<Sources> propagateBounds(System& sys, std::size_t& work) {
  constexpr Wide kLimit = Wide{1} << 40;  // bounds and coefficients used (no overflow below)
  constexpr int kRounds = 4;
  struct End {
    std::optional<Wide> at;
    Sources from;
    bool tightened = false;
  };
  std::uint32_t vars = 0;
  for (const auto& [v, a] : sys.terms) vars = std::max(vars, v + 1);
  std::vector<End> lo(vars);
  std::vector<End> hi(vars);
  auto bound = [&](std::uint32_t v, bool upper, Wide b, const Sources& from, bool derived) {
    End& e = upper ? hi[v] : lo[v];
    if (e.at && (upper ? b >= *e.at : b <= *e.at)) return false;
    e = End{b, from, derived || e.tightened};
    return true;
  };
  const std::size_t n = sys.rows.size();
  for (std::size_t i = 0; i < n; ++i) {
    const System::RowRef& r = sys.rows[i];
    if (r.size != 1) continue;
    const auto [v, a] = sys.termsOf(r)[0];
    if (a > 0) bound(v, true, floorDiv(-Wide{r.c}, a), r.from, false);
    if (a < 0) bound(v, false, ceilDiv(Wide{r.c}, -Wide{a}), r.from, false);
  }
  for (int round = 0; round < kRounds; ++round) {
    bool changed = false;
    work += n;
    for (std::size_t i = 0; i < n; ++i) {
      const System::RowRef& r = sys.rows[i];
      if (r.size < 2) continue;
      auto terms = sys.termsOf(r);
      // the least value of each term over the bounds; one term may lack it (then only that
      // term's variable is bounded)
      Wide least = r.c;
      std::size_t missing = terms.size();
      bool usable = true;
      for (std::size_t k = 0; k < terms.size() && usable; ++k) {
        const auto [v, a] = terms[k];
        const End& e = a > 0 ? lo[v] : hi[v];
        if (a > kLimit || a < -kLimit) {
          usable = false;
        } else if (!e.at || *e.at > kLimit || *e.at < -kLimit) {
          if (missing != terms.size()) usable = false;
          missing = k;
        } else {
          least += a * *e.at;
        }
      }
      if (!usable) continue;
      for (std::size_t k = 0; k < terms.size(); ++k) {
        if (missing != terms.size() && k != missing) continue;
        const auto [v, a] = terms[k];
        // a·v + (the others) <= 0 and the others are at least `others`
        Wide others = least;
        Sources from = r.from;
        for (std::size_t j = 0; j < terms.size(); ++j) {
          if (j == k) continue;
          const End& e = terms[j].second > 0 ? lo[terms[j].first] : hi[terms[j].first];
          from |= e.from;
        }
        if (missing == terms.size()) {
          const End& own = a > 0 ? lo[v] : hi[v];
          others -= a * *own.at;
        }
        const bool upper = a > 0;
        const Wide b = upper ? floorDiv(-others, a) : ceilDiv(others, -Wide{a});
        if (bound(v, upper, b, from, true)) changed = true;
        if (lo[v].at && hi[v].at && *lo[v].at > *hi[v].at) {
          Sources both = lo[v].from;
          both |= hi[v].from;
          return both;
        }
      }
    }
    if (!changed) break;
  }
  for (std::uint32_t v = 0; v < vars; ++v) {
    if (lo[v].tightened && inInt64(*lo[v].at)) {
      const std::pair<std::uint32_t, std::int64_t> t{v, -1};  // lo - v <= 0
      sys.add({&t, 1}, static_cast<std::int64_t>(*lo[v].at), lo[v].from);
    }
    if (hi[v].tightened && inInt64(-*hi[v].at)) {
      const std::pair<std::uint32_t, std::int64_t> t{v, 1};  // v - hi <= 0
      sys.add({&t, 1}, static_cast<std::int64_t>(-*hi[v].at), hi[v].from);
    }
  }
  return std::nullopt;
}

/// With `keep`, that variable is never eliminated, and `rest` receives the rows left over it
/// when the elimination ends Feasible (a projection onto it).
Outcome eliminate(const System& start, const LinearLimits& limits, std::size_t& work,
                  std::vector<Step>* steps = nullptr,
                  std::optional<std::uint32_t> keep = std::nullopt, System* rest = nullptr) {
  const Outcome gaveUp{Outcome::GaveUp, {}};
  for (const System::RowRef& r : start.rows) {
    if (r.size == 0 && r.c > 0) return Outcome{Outcome::Refuted, r.from};
  }
  System sys = start;
  if (std::optional<Sources> crossed = propagateBounds(sys, work)) {
    return Outcome{Outcome::Refuted, *crossed};
  }
  System next;
  // rows by (hash of the left-hand side, constant descending, position)
  std::vector<std::tuple<std::uint64_t, std::int64_t, std::uint32_t>> order;
  std::vector<std::uint32_t> kept;
  std::vector<std::pair<std::uint32_t, Wide>> scratch;
  Row r;  // a combined row (its terms' storage reused)
  // per variable: rows with a positive and with a negative coefficient
  std::vector<std::pair<std::size_t, std::size_t>> sides;
  while (true) {
    work += sys.rows.size();
    if (work > limits.maxWork) return gaveUp;
    // keep the tightest row per left-hand side (the largest constant), constant rows dropped
    order.clear();
    std::uint32_t vars = 0;
    for (std::uint32_t i = 0; i < sys.rows.size(); ++i) {
      if (sys.rows[i].size == 0) continue;
      std::uint64_t h = 0xcbf29ce484222325ULL;
      for (const auto& [v, a] : sys.termsOf(sys.rows[i])) {
        h = (h ^ v) * 0x100000001b3ULL;
        h = (h ^ static_cast<std::uint64_t>(a)) * 0x100000001b3ULL;
        vars = std::max(vars, v + 1);
      }
      order.emplace_back(h, -sys.rows[i].c, i);
    }
    std::sort(order.begin(), order.end());
    kept.clear();
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::uint32_t i = std::get<2>(order[k]);
      bool dup = false;
      // earlier rows with the same hash (a tighter or equal constant first)
      for (std::size_t j = k; j-- > 0 && std::get<0>(order[j]) == std::get<0>(order[k]);) {
        auto ti = sys.termsOf(sys.rows[i]);
        auto tj = sys.termsOf(sys.rows[std::get<2>(order[j])]);
        if (std::equal(ti.begin(), ti.end(), tj.begin(), tj.end())) {
          dup = true;
          break;
        }
      }
      if (!dup) kept.push_back(i);
    }
    std::sort(kept.begin(), kept.end());  // position order: the result does not depend on hashes
    // the variable whose elimination makes the fewest rows
    sides.assign(vars, {0, 0});
    for (std::uint32_t i : kept) {
      for (const auto& [v, a] : sys.termsOf(sys.rows[i])) (a > 0 ? sides[v].first : sides[v].second) += 1;
    }
    std::uint32_t best = 0;
    std::size_t bestCost = SIZE_MAX;
    for (std::uint32_t v = 0; v < vars; ++v) {
      const auto [p, n] = sides[v];
      if (p + n > 0 && p * n < bestCost && v != keep) {
        bestCost = p * n;
        best = v;
      }
    }
    if (bestCost == SIZE_MAX) {
      if (rest) {
        rest->rows.clear();
        rest->terms.clear();
        for (std::uint32_t i : kept) rest->add(sys.termsOf(sys.rows[i]), sys.rows[i].c, {});
      }
      return Outcome{Outcome::Feasible, {}};
    }
    auto coefOf = [&sys, best](std::uint32_t i) -> std::int64_t {
      for (const auto& [v, a] : sys.termsOf(sys.rows[i])) {
        if (v == best) return a;
      }
      return 0;
    };
    next.rows.clear();
    next.terms.clear();
    std::vector<std::uint32_t> pos;
    std::vector<std::uint32_t> neg;
    for (std::uint32_t i : kept) {
      const std::int64_t a = coefOf(i);
      if (a > 0) {
        pos.push_back(i);
      } else if (a < 0) {
        neg.push_back(i);
      } else {
        next.add(sys.termsOf(sys.rows[i]), sys.rows[i].c, sys.rows[i].from);
      }
    }
    work += pos.size() * neg.size();
    if (work > limits.maxWork) return gaveUp;
    if (steps) {
      steps->push_back(Step{best, {}});
      for (std::uint32_t i : pos) steps->back().rows.add(sys.termsOf(sys.rows[i]), sys.rows[i].c, {});
      for (std::uint32_t i : neg) steps->back().rows.add(sys.termsOf(sys.rows[i]), sys.rows[i].c, {});
    }
    for (std::uint32_t p : pos) {
      for (std::uint32_t n : neg) {
        // a·v + P <= 0 and -b·v + N <= 0 give b·P + a·N <= 0
        const Wide a = coefOf(p);
        const Wide b = -Wide{coefOf(n)};
        scratch.clear();
        for (const auto& [v, x] : sys.termsOf(sys.rows[p])) scratch.emplace_back(v, b * x);
        for (const auto& [v, x] : sys.termsOf(sys.rows[n])) scratch.emplace_back(v, a * x);
        Sources from = sys.rows[p].from;
        from |= sys.rows[n].from;
        switch (makeRow(scratch, b * sys.rows[p].c + a * sys.rows[n].c, {}, r)) {
          case Norm::Contradiction: return Outcome{Outcome::Refuted, from};
          case Norm::Keep: next.add(r.terms, r.c, from); break;
          case Norm::Trivial:
          case Norm::Overflow: break;
        }
        if (next.rows.size() > limits.maxRows) return gaveUp;
      }
    }
    std::swap(sys, next);
  }
}

/// Refutes `base` in every case of the splits, depth first. A case refuted without the rows of
/// the alternative it chose holds for every alternative of that split (the others are skipped).
class CaseSearch {
 public:
  /// `splits[k]`'s alternatives as systems whose rows come from `marker(k)` (and their own
  /// sources).
  CaseSearch(std::vector<std::vector<System>> splits, std::vector<std::size_t> markers,
             std::vector<Sources> splitFrom, const LinearLimits& limits)
      : splits_(std::move(splits)), markers_(std::move(markers)), splitFrom_(std::move(splitFrom)),
        limits_(limits) {}

  std::optional<Sources> run(const System& base, std::size_t level) {
    if (cases_ >= limits_.maxCases) return std::nullopt;
    ++cases_;
    Outcome o = eliminate(base, limits_, work_);
    if (o.kind == Outcome::Refuted) return o.from;
    if (o.kind == Outcome::GaveUp || level == splits_.size()) return std::nullopt;
    Sources all = splitFrom_[level];
    for (const System& alt : splits_[level]) {
      System rows = base;
      for (const System::RowRef& r : alt.rows) rows.add(alt.termsOf(r), r.c, r.from);
      std::optional<Sources> d = run(rows, level + 1);
      if (!d) return std::nullopt;
      if (!d->test(markers_[level])) return d;  // this split played no part
      d->reset(markers_[level]);
      all |= *d;
    }
    return all;
  }

 private:
  std::vector<std::vector<System>> splits_;
  std::vector<std::size_t> markers_;
  std::vector<Sources> splitFrom_;
  const LinearLimits& limits_;
  std::size_t cases_ = 0;
  std::size_t work_ = 0;
};


/// Values of the variables after an elimination that ended Feasible, by back-substitution: the
/// steps in reverse, each variable taking a value its rows allow given the variables eliminated
/// after it (0 for a variable no step bounds). FM over the rationals does not promise an integer
/// at every step (`2*q1 == 5*q2 + 4` leaves none for q2 = -1), so each variable tries the values
/// nearest 0 in its range in turn (0, +1, -1, ... from the nearest end), depth first, within a
/// node budget. nullopt when none is found or a value leaves int64.
/// What the caller accepts as a point (values by variable), and how often it may be asked.
struct Acceptor {
  std::function<bool(const std::vector<std::int64_t>&)> accept;
  std::size_t calls = 16;
};

class BackSubstitution {
 public:
  BackSubstitution(const std::vector<Step>& steps, std::uint32_t variables, Acceptor& acceptor)
      : steps_(steps), value_(variables, 0), acceptor_(acceptor) {}

  std::optional<std::vector<std::int64_t>> run() {
    if (!assign(0)) return std::nullopt;
    return value_;
  }

 private:
  static constexpr std::size_t kTries = 24;    // values per variable (a residue mod 12 both ways)
  static constexpr std::size_t kNodes = 512;   // values in all

  bool assign(std::size_t k) {
    if (k == steps_.size()) {
      if (acceptor_.calls == 0) return false;
      --acceptor_.calls;
      return acceptor_.accept(value_);
    }
    const Step& step = steps_[steps_.size() - 1 - k];
    constexpr Wide kFar = Wide{1} << 100;
    Wide lo = -kFar;
    Wide hi = kFar;
    for (const System::RowRef& r : step.rows.rows) {
      Wide a = 0;
      Wide rest = r.c;  // a·x + rest <= 0
      for (const auto& [v, coef] : step.rows.termsOf(r)) {
        if (v == step.var) {
          a = coef;
          continue;
        }
        Wide t = 0;
        if (!scaled(coef, value_[v], t) || __builtin_add_overflow(rest, t, &rest)) return false;
      }
      if (a > 0) hi = std::min(hi, floorDiv(-rest, a));
      if (a < 0) lo = std::max(lo, ceilDiv(rest, -a));
    }
    if (lo > hi) return false;
    // the value nearest 0, then its neighbours (from an end of the range: inwards only)
    const Wide start = lo > 0 ? lo : (hi < 0 ? hi : Wide{0});
    const int dir = lo > 0 ? 1 : (hi < 0 ? -1 : 0);
    std::array<Wide, kTries> values{};
    std::size_t n = 0;
    values[n++] = start;
    for (Wide d = 1; n < kTries && d < Wide{kTries}; ++d) {
      if (dir >= 0 && start + d <= hi) values[n++] = start + d;
      if (n < kTries && dir <= 0 && start - d >= lo) values[n++] = start - d;
    }
    for (std::size_t t = 0; t < n; ++t) {
      if (nodes_++ >= kNodes) return false;
      if (!inInt64(values[t])) continue;
      value_[step.var] = static_cast<std::int64_t>(values[t]);
      if (assign(k + 1)) return true;
      if (acceptor_.calls == 0) return false;
    }
    return false;
  }

  const std::vector<Step>& steps_;
  std::vector<std::int64_t> value_;
  Acceptor& acceptor_;
  std::size_t nodes_ = 0;
};

/// A point of `base` in one case of the splits: depth first over the alternatives, a case
/// given up as soon as its rows are refuted, at most `maxCases` eliminations that record steps.
class PointSearch {
 public:
  PointSearch(std::vector<const std::vector<System>*> splits, std::uint32_t variables,
              const LinearLimits& limits, Acceptor& acceptor)
      : splits_(std::move(splits)), variables_(variables), limits_(limits), acceptor_(acceptor) {}

  std::optional<std::vector<std::int64_t>> run(const System& base, std::size_t level) {
    if (leaves_ >= limits_.maxCases || work_ > limits_.maxWork || acceptor_.calls == 0) {
      return std::nullopt;
    }
    if (level == splits_.size()) {
      ++leaves_;
      std::vector<Step> steps;
      if (eliminate(base, limits_, work_, &steps).kind != Outcome::Feasible) return std::nullopt;
      return BackSubstitution(steps, variables_, acceptor_).run();
    }
    if (level > 0 && eliminate(base, limits_, work_).kind != Outcome::Feasible) return std::nullopt;
    for (const System& alt : *splits_[level]) {
      System rows = base;
      for (const System::RowRef& r : alt.rows) rows.add(alt.termsOf(r), r.c, r.from);
      if (auto p = run(rows, level + 1)) return p;
    }
    return std::nullopt;
  }

 private:
  std::vector<const std::vector<System>*> splits_;
  std::uint32_t variables_;
  const LinearLimits& limits_;
  Acceptor& acceptor_;
  std::size_t leaves_ = 0;
  std::size_t work_ = 0;
};

/// Dep sets numbered as sources.
class SourceTable {
 public:
  /// The source of `deps` (nullopt when there are kMaxSources already).
  std::optional<std::size_t> of(const DepSet& deps) {
    if (auto it = ids_.find(deps); it != ids_.end()) return it->second;
    if (sets_.size() == kMaxSources) return std::nullopt;
    ids_.emplace(deps, sets_.size());
    sets_.push_back(deps);
    return sets_.size() - 1;
  }
  std::optional<std::size_t> marker() {
    if (sets_.size() == kMaxSources) return std::nullopt;
    sets_.emplace_back();
    return sets_.size() - 1;
  }
  bool add(System& sys, const Row& r, std::optional<std::size_t> extra = std::nullopt) {
    Sources from;
    std::optional<std::size_t> s = of(r.deps);
    if (!s) return false;
    from.set(*s);
    if (extra) from.set(*extra);
    sys.add(r.terms, r.c, from);
    return true;
  }
  [[nodiscard]] DepSet depsOf(const Sources& from) const {
    DepSet out;
    for (std::size_t i = 0; i < sets_.size(); ++i) {
      if (from.test(i)) out = unite(out, sets_[i]);
    }
    return out;
  }

 private:
  std::map<DepSet, std::size_t> ids_;
  std::vector<DepSet> sets_;
};

}  // namespace
}  // namespace linear_refuter

namespace linear_refuter {
namespace {

/// The rows of `constraints` as a base system and the alternatives of every split (the goal's
/// first, then the facts', then Max/Min/Abs), their sources in `table`.
struct Read {
  System base;
  std::size_t goalSplits = 0;  // splits [0, goalSplits) are the goal's
  std::size_t factSplits = 0;  // then the facts', then Max/Min/Abs
  std::vector<std::vector<System>> splits;
  std::vector<std::size_t> markers;
  std::vector<Sources> splitFrom;
};

/// Splits decided by the bounds of the base's single-variable rows: an alternative one of whose
/// rows those bounds refute is dropped (its refutation's sources join the split's); a split
/// left with one alternative joins the base. The sources of a refutation when none is left.
std::optional<Sources> pruneSplits(Read& read, std::uint32_t variables) {
  struct End {
    std::optional<Wide> at;
    Sources from;
  };
  std::vector<End> lo(variables);
  std::vector<End> hi(variables);
  auto learn = [&](const System& sys, const System::RowRef& r) {
    if (r.size != 1) return;
    const auto [v, a] = sys.termsOf(r)[0];
    if (a > 0) {
      const Wide b = floorDiv(-Wide{r.c}, a);  // v <= b
      if (!hi[v].at || b < *hi[v].at) hi[v] = End{b, r.from};
    } else {
      const Wide b = ceilDiv(Wide{r.c}, -Wide{a});  // v >= b
      if (!lo[v].at || b > *lo[v].at) lo[v] = End{b, r.from};
    }
  };
  for (const System::RowRef& r : read.base.rows) learn(read.base, r);
  // a row the bounds refute: its least value over them is above 0
  auto refutedByBounds = [&](const System& sys, const System::RowRef& r, Sources& why) {
    Wide least = r.c;
    Sources from;
    for (const auto& [v, a] : sys.termsOf(r)) {
      const End& e = a > 0 ? lo[v] : hi[v];
      if (!e.at || *e.at > (Wide{1} << 62) || *e.at < -(Wide{1} << 62)) return false;
      least += a * *e.at;
      from |= e.from;
    }
    if (least <= 0) return false;
    why |= from;
    return true;
  };
  Read out;  // the splits left, in their order
  out.base = std::move(read.base);
  for (std::size_t k = 0; k < read.splits.size(); ++k) {
    std::vector<System> alts;
    Sources dropped;
    for (System& alt : read.splits[k]) {
      bool refuted = false;
      for (const System::RowRef& r : alt.rows) refuted = refuted || refutedByBounds(alt, r, dropped);
      if (!refuted) alts.push_back(std::move(alt));
    }
    Sources from = read.splitFrom[k];
    from |= dropped;
    if (alts.empty()) return from;
    if (alts.size() == 1) {
      for (const System::RowRef& r : alts[0].rows) {
        Sources rowFrom = r.from;
        rowFrom.reset(read.markers[k]);
        rowFrom |= from;
        out.base.add(alts[0].termsOf(r), r.c, rowFrom);
        learn(out.base, out.base.rows.back());
      }
      continue;
    }
    if (k < read.goalSplits) ++out.goalSplits;
    if (k >= read.goalSplits && k < read.goalSplits + read.factSplits) ++out.factSplits;
    out.splits.push_back(std::move(alts));
    out.markers.push_back(read.markers[k]);
    out.splitFrom.push_back(from);
  }
  read = std::move(out);
  return std::nullopt;
}

std::optional<Read> readAll(Reader& reader, std::span<const Constraint> constraints,
                            SourceTable& table) {
  for (const Constraint& c : constraints) reader.constraint(c);
  Read out;
  for (const Row& r : reader.base) {
    if (!table.add(out.base, r)) return std::nullopt;
  }
  std::vector<const Split*> order;
  for (const Split& s : reader.goalSplits) order.push_back(&s);
  for (const Split& s : reader.factSplits) order.push_back(&s);
  for (const Split& s : reader.atomSplits) order.push_back(&s);
  out.goalSplits = reader.goalSplits.size();
  out.factSplits = reader.factSplits.size();
  for (const Split* s : order) {
    std::optional<std::size_t> marker = table.marker();
    std::optional<std::size_t> own = table.of(s->deps);
    if (!marker || !own) return std::nullopt;
    std::vector<System> alts;
    for (const std::vector<Row>& alt : s->alts) {
      alts.emplace_back();
      for (const Row& r : alt) {
        if (!table.add(alts.back(), r, marker)) return std::nullopt;
      }
    }
    out.splits.push_back(std::move(alts));
    out.markers.push_back(*marker);
    Sources from;
    if (!s->deps.empty()) from.set(*own);
    out.splitFrom.push_back(from);
  }
  return out;
}

/// The constraints read and their splits pruned (`read`), or the sources of the refutation
/// pruning found (`refuted`); neither when there are too many constraints or sources.
struct Prepared {
  std::optional<Read> read;
  std::optional<Sources> refuted;
};

Prepared prepare(Reader& reader, SourceTable& table, std::span<const Constraint> constraints,
                 const LinearLimits& limits) {
  Prepared out;
  if (constraints.size() > limits.maxConstraints) return out;
  out.read = readAll(reader, constraints, table);
  if (out.read) out.refuted = pruneSplits(*out.read, reader.variables());
  if (out.refuted) out.read.reset();
  return out;
}

}  // namespace
}  // namespace linear_refuter

std::optional<DepSet> refuteLinear(const Box& box, std::span<const Constraint> constraints,
                                   const LinearLimits& limits) {
  using namespace linear_refuter;
  Reader reader(box);
  SourceTable table;
  Prepared prepared = prepare(reader, table, constraints, limits);
  if (prepared.refuted) return table.depsOf(*prepared.refuted);
  std::optional<Read>& read = prepared.read;
  if (!read) return std::nullopt;
  CaseSearch search(std::move(read->splits), std::move(read->markers), std::move(read->splitFrom),
                    limits);
  std::optional<Sources> from = search.run(read->base, 0);
  if (!from) return std::nullopt;
  return table.depsOf(*from);
}

std::optional<std::vector<std::pair<ExprRef, std::int64_t>>> linearPoint(
    const Box& box, std::span<const Constraint> constraints, const PointFilter& accept,
    const LinearLimits& limits) {
  using namespace linear_refuter;
  Reader reader(box);
  SourceTable table;
  std::optional<Read> read = prepare(reader, table, constraints, limits).read;
  if (!read) return std::nullopt;
  const std::vector<std::pair<ExprRef, std::uint32_t>> symbols = reader.symbolVars();
  std::vector<std::pair<ExprRef, std::int64_t>> point;
  Acceptor acceptor;
  acceptor.accept = [&](const std::vector<std::int64_t>& values) {
    point.clear();
    for (const auto& [sym, v] : symbols) point.emplace_back(sym, values[v]);
    return accept(point);
  };
  // the goal's cases alone first (a point usually meets the facts' `!=` without choosing for
  // them), then with Max/Min/Abs equal to an operand (exact values), then every split
  const std::size_t atoms = read->goalSplits + read->factSplits;
  std::vector<const std::vector<System>*> goal;
  std::vector<const std::vector<System>*> withAtoms;
  std::vector<const std::vector<System>*> all;
  for (std::size_t k = 0; k < read->splits.size(); ++k) {
    if (k < read->goalSplits) goal.push_back(&read->splits[k]);
    if (k < read->goalSplits || k >= atoms) withAtoms.push_back(&read->splits[k]);
    all.push_back(&read->splits[k]);
  }
  for (const auto* splits : {&goal, &withAtoms, &all}) {
    if (splits != &goal && splits->size() == goal.size()) continue;
    if (splits == &all && all.size() == withAtoms.size()) continue;
    if (PointSearch(*splits, reader.variables(), limits, acceptor).run(read->base, 0)) return point;
  }
  return std::nullopt;
}

std::optional<std::int64_t> linearBound(const Box& box, std::span<const Constraint> constraints,
                                        ExprRef e, bool upper, const LinearLimits& limits) {
  using namespace linear_refuter;
  if (constraints.size() > limits.maxConstraints || e->type() != ExprType::Int) return std::nullopt;
  Reader reader(box);
  SourceTable table;
  const std::uint32_t t = reader.variableFor(e);
  std::optional<Read> read = readAll(reader, constraints, table);
  if (!read) return std::nullopt;
  std::size_t work = 0;
  System rest;
  // the splits are left out: a relaxation, so the bound stays sound (maybe not tight)
  if (eliminate(read->base, limits, work, nullptr, t, &rest).kind != Outcome::Feasible) {
    return std::nullopt;
  }
  std::optional<Wide> bound;
  for (const System::RowRef& r : rest.rows) {
    auto terms = rest.termsOf(r);
    if (terms.size() != 1 || terms[0].first != t) continue;
    const Wide a = terms[0].second;  // a·t + c <= 0
    if (upper && a > 0) {
      const Wide b = floorDiv(-Wide{r.c}, a);
      bound = bound ? std::min(*bound, b) : b;
    }
    if (!upper && a < 0) {
      const Wide b = ceilDiv(Wide{r.c}, -a);
      bound = bound ? std::max(*bound, b) : b;
    }
  }
  if (!bound || !inInt64(*bound)) return std::nullopt;
  return static_cast<std::int64_t>(*bound);
}

}  // namespace symrange::solver
