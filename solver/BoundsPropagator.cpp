// solver/BoundsPropagator.cpp — HC4-style narrowing: each constraint is revised by pushing a
// target interval down its expression tree (backwards transfer functions), intersecting the
// symbols' intervals with what the constraint allows.
#include "solver/internal/BoundsPropagator.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <span>

#include "ir/Diagnostic.h"
#include "ir/ExprEval.h"
#include "ir/ExprFunctor.h"
#include "solver/IntervalEval.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

namespace {

/// Deepest nesting of disjunctions narrowed (each level copies the box).
constexpr int kMaxDisjunctionDepth = 3;
/// Deepest nesting of arithmetic narrowed.
constexpr int kMaxIntDepth = 16;

template <ExprKind>
constexpr bool kNoEndDeps = false;
template <ExprKind>
constexpr bool kNoNarrowBool = false;
template <ExprKind>
constexpr bool kNoNarrowInt = false;

/// The comparison that holds exactly where `k` fails (integers: no nan).
ExprKind negatedComparison(ExprKind k) {
  SYMRANGE_ASSERT(ir::isComparison(k));
  if (k == ExprKind::Eq) return ExprKind::Ne;
  if (k == ExprKind::Ne) return ExprKind::Eq;
  if (k == ExprKind::Lt) return ExprKind::Ge;
  if (k == ExprKind::Le) return ExprKind::Gt;
  if (k == ExprKind::Gt) return ExprKind::Le;
  return ExprKind::Lt;  // Ge
}

bool hasFloatOperand(ExprRef e) {
  for (ExprRef o : e->ops()) {
    if (o->type() == ExprType::Float) return true;
  }
  return false;
}

/// {x : x * c in t} for a non-zero constant c.
Interval divideExact(const Interval& t, std::int64_t c) {
  if (t.isEmpty()) return Interval::empty();
  if (c == -1) return t.neg();  // also avoids INT64_MIN / -1
  // ceil(a / c) == -((-a) // c); the finite ends used here are never INT64_MIN
  auto ceilDiv = [](std::int64_t a, std::int64_t d) { return -ir::pyFloorDiv(-a, d); };
  std::int64_t lo = Interval::kNegInf, hi = Interval::kPosInf;
  if (c > 0) {
    if (t.hasLo()) lo = ceilDiv(t.lo(), c);
    if (t.hasHi()) hi = ir::pyFloorDiv(t.hi(), c);
  } else {
    if (t.hasHi() && t.hi() != Interval::kNegInf) lo = ceilDiv(t.hi(), c);
    if (t.hasLo()) hi = ir::pyFloorDiv(t.lo(), c);
  }
  return Interval::range(lo, hi);
}

/// {a : a // c in t} for a non-zero constant c (Python floor division).
Interval floorDivPreimage(const Interval& t, std::int64_t c) {
  Interval scaled = t.mul(Interval::point(c));
  // q == a // c  <=>  c*q <= a <= c*q + c - 1 (c > 0), c*q + c + 1 <= a <= c*q (c < 0)
  return c > 0 ? scaled.add(Interval::range(0, c - 1)) : scaled.add(Interval::range(c + 1, 0));
}

/// `iv` without the value `p` when `p` is one of its ends (otherwise unchanged).
Interval withoutEnd(const Interval& iv, std::int64_t p) {
  if (iv.isPoint() && iv.lo() == p) return Interval::empty();
  if (iv.hasLo() && iv.lo() == p) return iv.intersect(Interval::atLeast(p + 1));
  if (iv.hasHi() && iv.hi() == p) return iv.intersect(Interval::atMost(p - 1));
  return iv;
}

}  // namespace

DepSet unite(const DepSet& a, const DepSet& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  DepSet out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

const SymBound* Box::find(ExprRef sym) const {
  for (const Box* b = this; b != nullptr; b = b->base_) {
    if (auto it = b->own_.find(sym->id()); it != b->own_.end()) return &it->second;
  }
  return nullptr;
}

Interval Box::interval(ExprRef sym) const {
  if (const SymBound* b = find(sym)) return b->iv;
  return sym->type() == ExprType::Bool ? Interval::boolUnknown() : Interval::full();
}

SymBound Box::get(ExprRef sym) const {
  if (const SymBound* b = find(sym)) return *b;
  SymBound b;
  b.sym = sym;
  b.iv = interval(sym);
  return b;
}

void Box::set(SymBound b) {
  const std::uint32_t id = b.sym->id();
  if (recording_) {
    auto it = own_.find(id);
    trail_.emplace_back(id, it == own_.end() ? std::nullopt : std::optional<SymBound>(it->second));
  }
  changed_.push_back(b.sym);
  if (b.iv.isEmpty()) setConflict(unite(b.loDeps, b.hiDeps));
  own_[id] = std::move(b);
  stamp_ = nextStamp();
}

std::uint64_t Box::nextStamp() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

DepSet Box::conflictDeps() const {
  if (conflict_) return conflictDeps_;
  return base_ ? base_->conflictDeps() : DepSet{};
}

void Box::setConflict(DepSet deps) {
  if (conflict_) return;
  conflict_ = true;
  conflictDeps_ = std::move(deps);
}

Box::Mark Box::mark() {
  recording_ = true;
  return Mark{trail_.size(), conflict_, conflictDeps_};
}

void Box::rollback(const Mark& m, std::vector<ExprRef>* restored) {
  while (trail_.size() > m.trail) {
    auto& [id, previous] = trail_.back();
    auto it = own_.find(id);
    if (restored) restored->push_back(it->second.sym);
    if (previous) it->second = std::move(*previous);
    else own_.erase(it);
    trail_.pop_back();
  }
  conflict_ = m.conflict;
  conflictDeps_ = m.conflictDeps;
  changed_.clear();
  stamp_ = nextStamp();
}

void Box::stopRecording() {
  recording_ = false;
  trail_.clear();
}

std::vector<ExprRef> Box::takeChanged() {
  std::vector<ExprRef> out;
  out.swap(changed_);
  return out;
}

Interval Propagator::intervalOf(const Box& box, ExprRef e) {
  return evalInterval(e, [&box](ExprRef s) { return box.interval(s); }).value;
}

bool Propagator::overOwn(const Box& b) const {
  for (const Box* x = &b; x != nullptr; x = x->base()) {
    if (x == &box_) return true;
  }
  return false;
}

void Propagator::moveView(const Box& to) {
  // every symbol the old view may disagree with box_ on, then every one the new view may
  for (ExprRef s : viewSyms_) own_->changed(s);
  viewSyms_.clear();
  for (const Box* x = &to; x != &box_; x = x->base()) {
    for (const auto& [id, b] : x->own()) {
      own_->changed(b.sym);
      viewSyms_.push_back(b.sym);
    }
  }
  view_ = &to;
  viewStamp_ = to.stamp();
}

IntervalValue Propagator::evalOwn(ExprRef e) {
  if (view_ != &box_ || viewStamp_ != box_.stamp() || !own_ || ownStamp_ != box_.stamp()) {
    return evalOver(box_, e);
  }
  return own_->eval(e);
}

Interval Propagator::ivOf(const Box& box, ExprRef e) {
  if (&box == &box_ && own_ && ownStamp_ == box_.stamp() && view_ == &box_ &&
      viewStamp_ == box_.stamp()) {
    return own_->eval(e).value;
  }
  return evalOver(box, e).value;
}

IntervalValue Propagator::evalOver(const Box& box, ExprRef e) {
  if (&box == &box_ || overOwn(box)) {
    // narrowSymbol keeps ownStamp_ current; any other change to box_ (a write from outside
    // that boundsChanged was not told of) starts the evaluator afresh
    if (!own_ || ownStamp_ != box_.stamp()) {
      own_.emplace([this](ExprRef s) { return view_->interval(s); },
                   IntervalEvaluator::Mode::Incremental);
      ownStamp_ = box_.stamp();
      view_ = &box_;
      viewStamp_ = box_.stamp();
      viewSyms_.clear();
    }
    if (view_ != &box || viewStamp_ != box.stamp()) moveView(box);
    return own_->eval(e);
  }
  if (!eval_ || evalBox_ != &box || evalStamp_ != box.stamp() || evalBaseStamp_ != box_.stamp()) {
    eval_.emplace([&box](ExprRef s) { return box.interval(s); });
    evalBox_ = &box;
    evalStamp_ = box.stamp();
    evalBaseStamp_ = box_.stamp();
  }
  return eval_->eval(e);
}

void Propagator::boundsChanged(std::uint64_t before, std::span<const ExprRef> syms) {
  if (!own_ || ownStamp_ != before) return;
  for (ExprRef s : syms) own_->changed(s);
  if (view_ == &box_) viewStamp_ = box_.stamp();
  ownStamp_ = box_.stamp();
}

namespace {

/// The symbols of a small expression (at most `kMax` distinct nodes) into `out`, in any order
/// and without repeats; false when `e` is larger. Visited nodes are kept in a short list: this
/// runs at every propagation step, where ir::freeSymbols' hash set and sort cost a fifth of a
/// nonlinear program.
bool smallSymbols(ExprRef e, std::vector<ExprRef>& out) {
  constexpr std::size_t kMax = 48;
  ExprRef seen[kMax];
  ExprRef stack[kMax];
  std::size_t nSeen = 0, nStack = 0;
  stack[nStack++] = e;
  while (nStack > 0) {
    ExprRef x = stack[--nStack];
    if (std::find(seen, seen + nSeen, x) != seen + nSeen) continue;
    if (nSeen == kMax) return false;
    seen[nSeen++] = x;
    if (x->isSymbol()) out.push_back(x);
    for (ExprRef o : x->ops()) {
      if (nStack == kMax) return false;
      stack[nStack++] = o;
    }
  }
  return true;
}

}  // namespace

DepSet Propagator::symDeps(const Box& box, ExprRef e) const {
  if (!track_) return {};
  std::vector<ExprRef> syms;
  if (!smallSymbols(e, syms)) syms = ir::freeSymbols(e);
  DepSet out;
  for (ExprRef s : syms) {
    if (const SymBound* b = box.find(s)) {
      out.insert(out.end(), b->loDeps.begin(), b->loDeps.end());
      out.insert(out.end(), b->hiDeps.begin(), b->hiDeps.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

DepSet Propagator::endDeps(const Box& box, ExprRef e, bool lower) const {
  if (!track_) return {};
  return ir::visitKind<DepSet>(e, [&]<ExprKind K>(ir::Kind<K>) -> DepSet {
    if constexpr (K == ExprKind::IntConst || K == ExprKind::BoolConst) {
      return {};
    } else if constexpr (K == ExprKind::Symbol) {
      const SymBound* b = box.find(e);
      if (b == nullptr) return {};
      return lower ? b->loDeps : b->hiDeps;
    } else if constexpr (K == ExprKind::Add || K == ExprKind::Max || K == ExprKind::Min) {
      DepSet out;
      for (ExprRef o : e->ops()) out = unite(out, endDeps(box, o, lower));
      return out;
    } else if constexpr (K == ExprKind::Mul) {
      std::int64_t sign = 1;
      ExprRef x = nullptr;
      for (ExprRef o : e->ops()) {
        if (o->isIntConst()) {
          sign *= (o->intValue() > 0) - (o->intValue() < 0);
        } else if (x == nullptr) {
          x = o;
        } else {
          return symDeps(box, e);
        }
      }
      if (x == nullptr || sign == 0) return {};
      return endDeps(box, x, sign > 0 ? lower : !lower);
    } else if constexpr (K == ExprKind::FloorDiv || K == ExprKind::CeilDiv) {
      if (e->op(1)->isIntConst() && e->op(1)->intValue() != 0) {
        return endDeps(box, e->op(0), e->op(1)->intValue() > 0 ? lower : !lower);
      }
      return symDeps(box, e);
    } else if constexpr (K == ExprKind::BigIntConst || K == ExprKind::FloatConst || K == ExprKind::IntInf ||
                         K == ExprKind::Mod || K == ExprKind::PythonMod || K == ExprKind::Abs ||
                         K == ExprKind::PowByNatural || K == ExprKind::TruncToInt || K == ExprKind::ToFloat ||
                         K == ExprKind::TrueDiv || K == ExprKind::Eq || K == ExprKind::Ne ||
                         K == ExprKind::Lt || K == ExprKind::Le || K == ExprKind::Gt ||
                         K == ExprKind::Ge || K == ExprKind::And || K == ExprKind::Or ||
                         K == ExprKind::Not || K == ExprKind::Where || K == ExprKind::Apply) {
      return symDeps(box, e);
    } else {
      static_assert(kNoEndDeps<K>, "a new ExprKind needs its bound dependencies");
    }
  });
}

bool Propagator::hasDisjunction(ExprRef e) {
  return !ir::forEachSubexpr(e, [](ExprRef x) { return x->kind() != ExprKind::Or; });
}

DepSet Propagator::withCurrent(const DepSet& deps) const {
  if (!track_) return {};
  return unite(deps, DepSet{current_});
}

void Propagator::narrowSymbol(Box& box, ExprRef sym, const Interval& n, const DepSet& depsLo,
                              const DepSet& depsHi, bool addCurrent) {
  SymBound b;
  b.sym = sym;
  b.iv = n;
  if (track_) {
    // an end that moves takes the new reasons, the other keeps its own
    const SymBound* cur = box.find(sym);
    const Interval old = cur ? cur->iv : box.interval(sym);
    if (n.lo() != old.lo()) b.loDeps = addCurrent ? withCurrent(depsLo) : depsLo;
    else if (cur) b.loDeps = cur->loDeps;
    if (n.hi() != old.hi()) b.hiDeps = addCurrent ? withCurrent(depsHi) : depsHi;
    else if (cur) b.hiDeps = cur->hiDeps;
  }
  // the evaluator, when current, is told of every write: to box_ (which every layer over it
  // reads through) or to a layer over box_ (which differs from box_ at `sym` from now on)
  const bool told = own_ && ownStamp_ == box_.stamp() && (&box == &box_ || overOwn(box));
  const bool wasView = told && view_ == &box && viewStamp_ == box.stamp();
  box.set(std::move(b));
  if (told) {
    own_->changed(sym);
    if (&box == &box_) ownStamp_ = box_.stamp();
    else viewSyms_.push_back(sym);
    if (wasView) viewStamp_ = box.stamp();
  }
}

bool Propagator::run(const std::vector<std::size_t>& start, std::size_t maxRevisions) {
  // the worklist: the smallest queued position first, each position queued once (a min-heap
  // with a membership flag per constraint, not a node per entry)
  std::vector<std::size_t>& heap = heap_;
  std::vector<char>& queued = queued_;
  if (queued.size() < constraints_.size()) queued.resize(constraints_.size(), 0);
  auto push = [&](std::size_t n) {
    if (queued[n]) return;
    queued[n] = 1;
    heap.push_back(n);
    std::push_heap(heap.begin(), heap.end(), std::greater<>{});
  };
  for (std::size_t n : start) push(n);
  std::size_t revisions = 0;
  std::vector<std::size_t> next;
  box_.takeChanged();
  while (!heap.empty() && !box_.conflict() && revisions < maxRevisions) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    const std::size_t pos = heap.back();
    heap.pop_back();
    queued[pos] = 0;
    ++revisions;
    revise(constraints_[pos]);
    for (ExprRef sym : box_.takeChanged()) {
      next.clear();
      (*touching_)(sym, next);
      for (std::size_t n : next) {
        if (n != pos) push(n);
      }
    }
  }
  for (std::size_t n : heap) queued[n] = 0;
  heap.clear();
  return !box_.conflict();
}

void Propagator::revise(const Constraint& c) {
  current_ = c.dep;
  // the constraint as a whole: a fact with no defined value (a constant zero divisor) or whose
  // value excludes `want` cannot hold; a goal's negation also holds where the goal raises
  const IntervalValue value = evalOwn(c.expr);
  const Interval& whole = value.value;
  if ((c.impliesDefined && whole.isEmpty() && !hasDisjunction(c.expr)) ||
      (!whole.isEmpty() && !whole.contains(c.want ? 1 : 0))) {
    box_.setConflict(withCurrent(symDeps(box_, c.expr)));
    return;
  }
  // entailed: defined and `want` at every point of the box, so every point is a solution and
  // narrowing, which removes only values without one, has nothing to remove (most revisions
  // of a labeling node's propagation). Not for a chosen side of `a != b`, which is stronger.
  if (c.side == 0 && !value.mayRaise && whole.isPoint() && whole.lo() == (c.want ? 1 : 0)) {
    return;
  }
  if (c.impliesDefined && c.symbolDivisors != 0) excludeZeroDivisors(box_, c.expr);
  const bool differ = (c.expr->kind() == ExprKind::Eq && !c.want) ||
                      (c.expr->kind() == ExprKind::Ne && c.want);
  if (c.side != 0 && differ && !hasFloatOperand(c.expr)) {
    ExprRef a = c.expr->op(0), b = c.expr->op(1);
    if (c.side < 0) {
      narrowLe(box_, a, b, 1, {});
    } else {
      narrowLe(box_, b, a, 1, {});
    }
    return;
  }
  narrowBool(box_, c.expr, c.want, {}, 0);
}

std::int8_t divisorFlag(ExprRef e) {
  // any division by an integer symbol (one inside a disjunction too: 1 only means "look")
  const bool none = ir::forEachSubexpr(e, [](ExprRef x) {
    return !(ir::isDivisionKind(x->kind()) && x->op(1)->isSymbol() &&
             x->op(1)->type() == ExprType::Int);
  });
  return none ? 0 : 1;
}

void Propagator::excludeZeroDivisors(Box& box, ExprRef e) {
  // a fact that holds was defined: every symbol divisor inside it is non-zero, except inside a
  // disjunction, whose other operand may be the one that holds (Z3Lowering::factHolds)
  if (e->kind() == ExprKind::Or) return;
  for (ExprRef o : e->ops()) excludeZeroDivisors(box, o);
  if (!ir::isDivisionKind(e->kind())) return;
  ExprRef b = e->op(1);
  if (!b->isSymbol() || b->type() != ExprType::Int) return;
  const Interval iv = box.interval(b);
  Interval narrowed = withoutEnd(iv, 0);
  if (narrowed == iv) return;
  const SymBound* sb = box.find(b);
  const DepSet none;
  const DepSet& lo = sb ? sb->loDeps : none;
  const DepSet& hi = sb ? sb->hiDeps : none;
  if (narrowed.isEmpty()) {
    box.setConflict(withCurrent(unite(lo, hi)));
    return;
  }
  narrowSymbol(box, b, narrowed, lo, hi, true);
}


void Propagator::narrowBool(Box& box, ExprRef e, bool want, const DepSet& deps, int depth) {
  if (box.conflict()) return;
  ir::visitKind<void>(e, [&]<ExprKind K>(ir::Kind<K>) -> void {
    if constexpr (K == ExprKind::BoolConst) {
      if (e->boolValue() != want) box.setConflict(withCurrent(deps));
      return;
    } else if constexpr (K == ExprKind::Symbol) {
      if (e->type() == ExprType::Bool) narrowInt(box, e, Interval::ofBool(want), deps, deps, 0);
      return;
    } else if constexpr (K == ExprKind::Not) {
      narrowBool(box, e->op(0), !want, deps, depth);
      return;
    } else if constexpr (K == ExprKind::And || K == ExprKind::Or) {
      // And wanted true / Or wanted false: every operand; otherwise one of them
      if ((e->kind() == ExprKind::And) == want) {
        for (ExprRef o : e->ops()) narrowBool(box, o, want, deps, depth);
      } else {
        narrowDisjunction(box, e->ops(), want, deps, depth);
      }
      return;
    } else if constexpr (ir::isComparison(K)) {
      if (hasFloatOperand(e)) return;
      const ExprKind k = want ? e->kind() : negatedComparison(e->kind());
      ExprRef a = e->op(0);
      ExprRef b = e->op(1);
      if (k == ExprKind::Lt) {
        narrowLe(box, a, b, 1, deps);
      } else if (k == ExprKind::Le) {
        narrowLe(box, a, b, 0, deps);
      } else if (k == ExprKind::Gt) {
        narrowLe(box, b, a, 1, deps);
      } else if (k == ExprKind::Ge) {
        narrowLe(box, b, a, 0, deps);
      } else if (k == ExprKind::Eq) {
        narrowInt(box, a, ivOf(box, b), unite(deps, endDeps(box, b, true)),
                  unite(deps, endDeps(box, b, false)), 0);
        narrowInt(box, b, ivOf(box, a), unite(deps, endDeps(box, a, true)),
                  unite(deps, endDeps(box, a, false)), 0);
      } else {
        // Ne: removes a point value that is an end of the other side
        Interval ia = ivOf(box, a), ib = ivOf(box, b);
        DepSet d = unite(deps, unite(symDeps(box, a), symDeps(box, b)));
        if (ib.isPoint()) narrowInt(box, a, withoutEnd(ia, ib.lo()), d, d, 0);
        ia = ivOf(box, a);
        if (ia.isPoint()) narrowInt(box, b, withoutEnd(ib, ia.lo()), d, d, 0);
      }
      return;
    } else if constexpr (K == ExprKind::IntConst || K == ExprKind::BigIntConst || K == ExprKind::FloatConst ||
                         K == ExprKind::IntInf || K == ExprKind::Add || K == ExprKind::Mul ||
                         K == ExprKind::FloorDiv || K == ExprKind::Mod || K == ExprKind::PythonMod ||
                         K == ExprKind::Max || K == ExprKind::Min || K == ExprKind::Abs ||
                         K == ExprKind::PowByNatural || K == ExprKind::CeilDiv || K == ExprKind::TruncToInt ||
                         K == ExprKind::ToFloat || K == ExprKind::TrueDiv || K == ExprKind::Where ||
                         K == ExprKind::Apply) {
      return;  // every other kind: no narrowing (sound)
    } else {
      static_assert(kNoNarrowBool<K>, "a new ExprKind needs its boolean narrowing");
    }
  });
}

void Propagator::narrowDisjunction(Box& box, std::span<const ir::Expr* const> alts, bool want,
                                   const DepSet& deps, int depth) {
  if (depth >= kMaxDisjunctionDepth) return;
  std::vector<Box> alive;
  DepSet deadDeps;
  for (ExprRef alt : alts) {
    Box kid(&box);
    narrowBool(kid, alt, want, deps, depth + 1);
    if (kid.conflict()) {
      deadDeps = unite(deadDeps, kid.conflictDeps());
    } else {
      alive.push_back(std::move(kid));
    }
  }
  if (alive.empty()) {
    box.setConflict(deadDeps);
    return;
  }
  // The hull over the surviving alternatives; a symbol one of them leaves alone keeps its
  // interval. The dead alternatives' reasons justify every narrowing.
  for (const auto& [id, first] : alive.front().own()) {
    const Interval curIv = box.interval(first.sym);
    Interval hull = Interval::empty();
    DepSet lo = deadDeps, hi = deadDeps;
    bool everywhere = true;
    for (const Box& kid : alive) {
      auto it = kid.own().find(id);
      if (it == kid.own().end()) {
        everywhere = false;
        break;
      }
      hull = hull.hull(it->second.iv);
      lo = unite(lo, it->second.loDeps);
      hi = unite(hi, it->second.hiDeps);
    }
    if (!everywhere) continue;
    Interval narrowed = curIv.intersect(hull);
    if (narrowed == curIv) continue;
    narrowSymbol(box, first.sym, narrowed, lo, hi, false);
  }
}

void Propagator::narrowLe(Box& box, ExprRef x, ExprRef y, std::int64_t strict, const DepSet& deps) {
  // x + strict <= y
  Interval iy = ivOf(box, y);
  if (iy.isEmpty()) return;
  if (iy.hasHi()) {
    Interval t = Interval::point(iy.hi()).sub(Interval::point(strict));
    DepSet d = unite(deps, endDeps(box, y, false));
    narrowInt(box, x, t.hasHi() ? Interval::atMost(t.hi()) : Interval::full(), d, d, 0);
  }
  Interval ix = ivOf(box, x);
  if (ix.hasLo()) {
    DepSet d = unite(deps, endDeps(box, x, true));
    narrowInt(box, y, Interval::atLeast(ix.lo()).add(Interval::point(strict)), d, d, 0);
  }
}

void Propagator::narrowInt(Box& box, ExprRef e, const Interval& target, const DepSet& depsLo,
                           const DepSet& depsHi, int depth) {
  if (box.conflict() || depth > kMaxIntDepth) return;
  Interval cur = ivOf(box, e);
  if (target.containsAll(cur)) return;
  Interval n = cur.intersect(target);
  // the end of `cur` the target excludes entirely (for the reasons of a conflict)
  const bool belowLo = target.hasHi() && cur.hasLo() && target.hi() < cur.lo();
  if (e->isSymbol()) {
    if (n.isEmpty()) {
      if (track_) {
        const SymBound* b = box.find(e);
        const DepSet none;
        box.setConflict(withCurrent(belowLo ? unite(depsHi, b ? b->loDeps : none)
                                            : unite(depsLo, b ? b->hiDeps : none)));
      } else {
        box.setConflict({});
      }
      return;
    }
    narrowSymbol(box, e, n, depsLo, depsHi, true);
    return;
  }
  if (n.isEmpty()) {
    box.setConflict(withCurrent(belowLo ? unite(depsHi, endDeps(box, e, true))
                                        : unite(depsLo, endDeps(box, e, false))));
    return;
  }
  if (e->type() == ExprType::Float) return;
  const DepSet both = unite(depsLo, depsHi);
  auto ops = e->ops();
  ir::visitKind<void>(e, [&]<ExprKind K>(ir::Kind<K>) -> void {
    if constexpr (K == ExprKind::Add) {
      // t_i in target - (sum of the others): its lower end uses the others' upper ends
      for (std::size_t i = 0; i < ops.size(); ++i) {
        Interval others = Interval::point(0);
        DepSet othersLo, othersHi;
        for (std::size_t j = 0; j < ops.size(); ++j) {
          if (j == i) continue;
          others = others.add(ivOf(box, ops[j]));
          othersLo = unite(othersLo, endDeps(box, ops[j], true));
          othersHi = unite(othersHi, endDeps(box, ops[j], false));
        }
        narrowInt(box, ops[i], target.sub(others), unite(depsLo, othersHi),
                  unite(depsHi, othersLo), depth + 1);
      }
      return;
    } else if constexpr (K == ExprKind::Mul) {
      Interval c = Interval::point(1);
      ExprRef x = nullptr;
      for (ExprRef o : ops) {
        if (o->isIntConst()) {
          c = c.mul(Interval::point(o->intValue()));
        } else if (x == nullptr) {
          x = o;
        } else {
          return;  // a product of two non-constants: no narrowing
        }
      }
      if (x == nullptr || !c.isPoint() || c.lo() == 0) return;
      const bool flip = c.lo() < 0;
      narrowInt(box, x, divideExact(target, c.lo()), flip ? depsHi : depsLo,
                flip ? depsLo : depsHi, depth + 1);
      return;
    } else if constexpr (K == ExprKind::FloorDiv || K == ExprKind::CeilDiv) {
      if (!ops[1]->isIntConst() || ops[1]->intValue() == 0) return;
      std::int64_t c = ops[1]->intValue();
      const DepSet& lo = c < 0 ? depsHi : depsLo;
      const DepSet& hi = c < 0 ? depsLo : depsHi;
      if (e->kind() == ExprKind::FloorDiv) {
        narrowInt(box, ops[0], floorDivPreimage(target, c), lo, hi, depth + 1);
      } else {
        // ceil(a / c) == -((-a) // c)
        narrowInt(box, ops[0], floorDivPreimage(target.neg(), c).neg(), lo, hi, depth + 1);
      }
      return;
    } else if constexpr (K == ExprKind::Abs) {
      Interval ix = ivOf(box, ops[0]);
      DepSet d = unite(both, symDeps(box, ops[0]));
      if (ix.hasLo() && ix.lo() >= 0) {
        narrowInt(box, ops[0], n, d, d, depth + 1);
      } else if (ix.hasHi() && ix.hi() <= 0) {
        narrowInt(box, ops[0], n.neg(), d, d, depth + 1);
      } else if (n.hasHi()) {
        narrowInt(box, ops[0], Interval::range(-n.hi(), n.hi()), depsHi, depsHi, depth + 1);
      }
      return;
    } else if constexpr (K == ExprKind::Max || K == ExprKind::Min) {
      const bool isMax = e->kind() == ExprKind::Max;
      // every operand is below the max (above the min)
      Interval bound = isMax ? (target.hasHi() ? Interval::atMost(target.hi()) : Interval::full())
                             : (target.hasLo() ? Interval::atLeast(target.lo()) : Interval::full());
      for (ExprRef o : ops) narrowInt(box, o, bound, depsLo, depsHi, depth + 1);
      // the max reaches target.lo only through an operand that can: if just one can, it must
      if (isMax ? !target.hasLo() : !target.hasHi()) return;
      ExprRef only = nullptr;
      int count = 0;
      DepSet d = isMax ? depsLo : depsHi;
      for (ExprRef o : ops) {
        Interval io = ivOf(box, o);
        bool can = isMax ? (!io.hasHi() || io.hi() >= target.lo())
                         : (!io.hasLo() || io.lo() <= target.hi());
        if (can) {
          only = o;
          ++count;
        } else {
          d = unite(d, endDeps(box, o, !isMax));
        }
      }
      if (count == 1) {
        narrowInt(box, only, isMax ? Interval::atLeast(target.lo()) : Interval::atMost(target.hi()),
                  d, d, depth + 1);
      }
      return;
    } else if constexpr (K == ExprKind::Where) {
      Interval c = ivOf(box, ops[0]);
      DepSet d = unite(both, symDeps(box, ops[0]));
      if (c.isTrue()) {
        narrowInt(box, ops[1], n, d, d, depth + 1);
      } else if (c.isFalse()) {
        narrowInt(box, ops[2], n, d, d, depth + 1);
      } else if (ivOf(box, ops[1]).intersect(n).isEmpty()) {
        narrowBool(box, ops[0], false, unite(both, symDeps(box, ops[1])), kMaxDisjunctionDepth);
      } else if (ivOf(box, ops[2]).intersect(n).isEmpty()) {
        narrowBool(box, ops[0], true, unite(both, symDeps(box, ops[2])), kMaxDisjunctionDepth);
      }
      return;
    } else if constexpr (K == ExprKind::IntConst || K == ExprKind::BigIntConst || K == ExprKind::BoolConst ||
                         K == ExprKind::FloatConst || K == ExprKind::IntInf || K == ExprKind::Symbol ||
                         K == ExprKind::Mod || K == ExprKind::PythonMod || K == ExprKind::PowByNatural ||
                         K == ExprKind::TruncToInt || K == ExprKind::ToFloat || K == ExprKind::TrueDiv ||
                         K == ExprKind::Eq || K == ExprKind::Ne || K == ExprKind::Lt ||
                         K == ExprKind::Le || K == ExprKind::Gt || K == ExprKind::Ge ||
                         K == ExprKind::And || K == ExprKind::Or || K == ExprKind::Not ||
                         K == ExprKind::Apply) {
      return;  // every other kind: no narrowing (sound)
    } else {
      static_assert(kNoNarrowInt<K>, "a new ExprKind needs its integer narrowing");
    }
  });
}

}  // namespace symrange::solver
