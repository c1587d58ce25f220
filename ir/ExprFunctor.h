// ir/ExprFunctor.h — the one dispatch on ExprKind: ExprFunctor (a visitor with one method per
// kind), MemoExprFunctor (the same, memoised by Expr::id(), so a shared sub-expression of a DAG
// is visited once) and forEachSubexpr (each distinct sub-expression once, the DAG walk).
//
// A functor derives from the base with itself as the first argument (CRTP) and defines, for each
// kind, `R visit(ExprRef e, Kind<ExprKind::X>, Args...)`; kinds handled alike are one constrained
// template (`template <ExprKind K> requires(isComparison(K)) R visit(ExprRef, Kind<K>)`). The
// switch below has no `default:`: a new ExprKind is flagged here by -Wswitch, and every functor
// without a `visit` for it fails to compile, so each one decides what the new kind means.
//
//   struct CountSymbols : ir::MemoExprFunctor<CountSymbols, int> {
//     int visit(ExprRef, Kind<ExprKind::Symbol>) { return 1; }
//     template <ExprKind K> int visit(ExprRef e, Kind<K>) {  // every other kind: the operands'
//       int n = 0;
//       for (ExprRef o : e->ops()) n += (*this)(o);
//       return n;
//     }
//   };
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ir/Diagnostic.h"
#include "ir/Expr.h"

namespace symrange::ir {

/// The tag naming one kind in a functor's `visit` overloads.
template <ExprKind K>
struct Kind {
  static constexpr ExprKind value = K;
};

/// Kind groups for constrained `visit` templates.
constexpr bool isComparison(ExprKind k) {
  return k == ExprKind::Eq || k == ExprKind::Ne || k == ExprKind::Lt || k == ExprKind::Le ||
         k == ExprKind::Gt || k == ExprKind::Ge;
}
/// `//`, `%` (both spellings), ceiling division and `/`: the kinds whose divisor may be zero.
constexpr bool isDivisionKind(ExprKind k) {
  return k == ExprKind::FloorDiv || k == ExprKind::Mod || k == ExprKind::PythonMod ||
         k == ExprKind::CeilDiv || k == ExprKind::TrueDiv;
}
constexpr bool isLeafKind(ExprKind k) {
  return k == ExprKind::IntConst || k == ExprKind::BigIntConst || k == ExprKind::BoolConst ||
         k == ExprKind::FloatConst || k == ExprKind::IntInf || k == ExprKind::Symbol;
}

/// Calls `Derived::visit(e, Kind<e->kind()>{}, args...)`. Not memoised: for walks whose answer
/// depends on more than the expression (a wanted truth value, a bound side).
template <typename Derived, typename R, typename... Args>
class ExprFunctor {
 public:
  R dispatch(ExprRef e, Args... args) {
    auto& d = static_cast<Derived&>(*this);
    switch (e->kind()) {
      case ExprKind::IntConst: return d.visit(e, Kind<ExprKind::IntConst>{}, args...);
      case ExprKind::BigIntConst: return d.visit(e, Kind<ExprKind::BigIntConst>{}, args...);
      case ExprKind::BoolConst: return d.visit(e, Kind<ExprKind::BoolConst>{}, args...);
      case ExprKind::FloatConst: return d.visit(e, Kind<ExprKind::FloatConst>{}, args...);
      case ExprKind::IntInf: return d.visit(e, Kind<ExprKind::IntInf>{}, args...);
      case ExprKind::Symbol: return d.visit(e, Kind<ExprKind::Symbol>{}, args...);
      case ExprKind::Add: return d.visit(e, Kind<ExprKind::Add>{}, args...);
      case ExprKind::Mul: return d.visit(e, Kind<ExprKind::Mul>{}, args...);
      case ExprKind::FloorDiv: return d.visit(e, Kind<ExprKind::FloorDiv>{}, args...);
      case ExprKind::Mod: return d.visit(e, Kind<ExprKind::Mod>{}, args...);
      case ExprKind::PythonMod: return d.visit(e, Kind<ExprKind::PythonMod>{}, args...);
      case ExprKind::Max: return d.visit(e, Kind<ExprKind::Max>{}, args...);
      case ExprKind::Min: return d.visit(e, Kind<ExprKind::Min>{}, args...);
      case ExprKind::Abs: return d.visit(e, Kind<ExprKind::Abs>{}, args...);
      case ExprKind::PowByNatural: return d.visit(e, Kind<ExprKind::PowByNatural>{}, args...);
      case ExprKind::CeilDiv: return d.visit(e, Kind<ExprKind::CeilDiv>{}, args...);
      case ExprKind::TruncToInt: return d.visit(e, Kind<ExprKind::TruncToInt>{}, args...);
      case ExprKind::ToFloat: return d.visit(e, Kind<ExprKind::ToFloat>{}, args...);
      case ExprKind::TrueDiv: return d.visit(e, Kind<ExprKind::TrueDiv>{}, args...);
      case ExprKind::Eq: return d.visit(e, Kind<ExprKind::Eq>{}, args...);
      case ExprKind::Ne: return d.visit(e, Kind<ExprKind::Ne>{}, args...);
      case ExprKind::Lt: return d.visit(e, Kind<ExprKind::Lt>{}, args...);
      case ExprKind::Le: return d.visit(e, Kind<ExprKind::Le>{}, args...);
      case ExprKind::Gt: return d.visit(e, Kind<ExprKind::Gt>{}, args...);
      case ExprKind::Ge: return d.visit(e, Kind<ExprKind::Ge>{}, args...);
      case ExprKind::And: return d.visit(e, Kind<ExprKind::And>{}, args...);
      case ExprKind::Or: return d.visit(e, Kind<ExprKind::Or>{}, args...);
      case ExprKind::Not: return d.visit(e, Kind<ExprKind::Not>{}, args...);
      case ExprKind::Where: return d.visit(e, Kind<ExprKind::Where>{}, args...);
      case ExprKind::Apply: return d.visit(e, Kind<ExprKind::Apply>{}, args...);
    }
    SYMRANGE_ASSERT(false && "an ExprKind outside the enumeration");
    __builtin_unreachable();
  }
};

namespace detail {
template <typename F, typename R>
struct LambdaFunctor : ExprFunctor<LambdaFunctor<F, R>, R> {
  explicit LambdaFunctor(F& f) : f(f) {}
  template <ExprKind K>
  R visit(ExprRef, Kind<K> k) {
    return f(k);
  }
  F& f;
};
}  // namespace detail

/// Calls `f(Kind<e->kind()>{})`: the same dispatch for a walk written as one generic lambda over
/// the kinds, `[&]<ExprKind K>(Kind<K>) { if constexpr (K == ExprKind::Add) ... }`, that ends in
/// `static_assert` where a kind is missing. For walks with state of their own (a box, a wanted
/// truth value) that a functor class would have to carry.
template <typename R, typename F>
R visitKind(ExprRef e, F&& f) {
  return detail::LambdaFunctor<std::remove_reference_t<F>, R>(f).dispatch(e);
}

/// A memo keyed by Expr::id(): the first `kInline` entries in an array searched linearly (most
/// expressions the solver sees are small, and a short scan beats hashing), the rest in a hash map.
template <typename R, std::size_t kInline = 16>
class ExprMemo {
 public:
  [[nodiscard]] const R* find(ExprRef e) const {
    const std::uint32_t id = e->id();
    if constexpr (kInline > 0) {
      for (std::size_t i = inlineUsed_; i-- > 0;)
        if (inline_[i].first == id) return &inline_[i].second;
    }
    if (!spill_) return nullptr;
    auto it = spill_->find(id);
    return it == spill_->end() ? nullptr : &it->second;
  }
  void put(ExprRef e, R r) {
    if constexpr (kInline > 0) {
      if (inlineUsed_ < kInline) {
        inline_[inlineUsed_++] = {e->id(), std::move(r)};
        return;
      }
    }
    if (!spill_) spill_ = std::make_unique<std::unordered_map<std::uint32_t, R>>();
    spill_->emplace(e->id(), std::move(r));
  }
  void clear() {
    inlineUsed_ = 0;
    spill_.reset();
  }

 private:
  std::array<std::pair<std::uint32_t, R>, kInline> inline_{};
  std::size_t inlineUsed_ = 0;
  // allocated on the first spill: most memos never spill, and an evaluator may live for one
  // small expression (the interval tier builds one per propagation step)
  std::unique_ptr<std::unordered_map<std::uint32_t, R>> spill_;
};

/// An ExprFunctor memoised by id: `(*this)(e)` visits each distinct sub-expression once. On a
/// miss it calls `compute(e)`, which is `dispatch(e)` unless the functor defines its own (a
/// common first step for every kind, then `dispatch`). A functor sets
/// `static constexpr bool kMemoizeLeaves = false;` when its leaves are cheaper to recompute than
/// to look up; `kInline` is the memo's array part (0 for a result type with no default value).
template <typename Derived, typename R, std::size_t kInline = 16>
class MemoExprFunctor : public ExprFunctor<Derived, R> {
 public:
  static constexpr bool kMemoizeLeaves = true;

  R operator()(ExprRef e) {
    auto& d = static_cast<Derived&>(*this);
    if (!Derived::kMemoizeLeaves && e->arity() == 0) return d.compute(e);
    if (const R* hit = memo_.find(e)) return *hit;
    R r = d.compute(e);
    memo_.put(e, r);
    return r;
  }
  R compute(ExprRef e) { return this->dispatch(e); }

 private:
  ExprMemo<R, kInline> memo_;
};

/// Calls `f(x)` on every distinct sub-expression `x` of `e` (`e` included), parents before
/// their operands; `f` returns false to stop the walk, and forEachSubexpr then returns false.
template <typename F>
bool forEachSubexpr(ExprRef e, F&& f) {
  // Most expressions are small: the seen ids and the stack start inline, without allocating;
  // the seen ids move to a hash set past kInline, the stack grows on the heap past kInline.
  constexpr std::size_t kInline = 24;
  std::uint32_t seenInline[kInline];
  std::size_t seenCount = 0;
  std::unordered_set<std::uint32_t> seenMore;  // lookup only
  auto firstVisit = [&](std::uint32_t id) {
    if (seenCount < kInline) {
      for (std::size_t i = 0; i < seenCount; ++i)
        if (seenInline[i] == id) return false;
      seenInline[seenCount++] = id;
      return true;
    }
    if (seenCount == kInline) {
      seenMore.insert(seenInline, seenInline + kInline);
      ++seenCount;
    }
    return seenMore.insert(id).second;
  };
  ExprRef stackInline[kInline];
  std::size_t depth = 0;
  std::vector<ExprRef> stackMore;  // the top of the stack once the inline part is full
  auto push = [&](ExprRef x) {
    if (depth < kInline) stackInline[depth++] = x;
    else stackMore.push_back(x);
  };
  push(e);
  while (depth > 0) {
    ExprRef x;
    if (!stackMore.empty()) {
      x = stackMore.back();
      stackMore.pop_back();
    } else {
      x = stackInline[--depth];
    }
    if (!firstVisit(x->id())) continue;
    if (!f(x)) return false;
    for (ExprRef o : x->ops()) push(o);
  }
  return true;
}

}  // namespace symrange::ir
