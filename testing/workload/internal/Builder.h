// testing/workload/internal/Builder.h — the statement emitter the workload recipes share (private
// to testing/workload/): symbolic integers as small terms evaluated on a valuation with Python
// floor semantics, node naming and counting, checks that must hold where they are emitted, range
// constraints, symbolic-size tensors, and torch.cond scaffolding that follows the valuation into
// the branch it takes (and a sampled valuation into the other one).
//
// Usage (one group of a recipe):
//   Builder& b = ...;  Scope& top = b.top();
//   b.beginGroup();
//   Int u = b.item(top, /*ref=*/3, Bounds::of(0, 9));   // x0: "i64[]" + item(): Sym(u0) = 3
//   b.constrainRange(top, u, 0, 9);                        // fact 0 <= u0 <= 9
//   Int t = b.op(top, Op::Mul, u, 3);                      // 3*u0
//   b.check(top, b.cmp(top, Cmp::Le, t, 27));              // holds at u0 = 3, else it aborts
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "testing/emit/Spelling.h"

namespace symrange::bench::detail {

enum class Op : std::uint8_t { Sym, Const, Add, Sub, Mul, FloorDiv, Mod, Max, Min };
enum class Cmp : std::uint8_t { Lt, Le, Gt, Ge, Eq, Ne };

/// An integer expression over the symbols of the current group (immutable, shared).
struct Term;
using TermRef = std::shared_ptr<const Term>;
struct Term {
  Op op = Op::Const;
  std::int64_t c = 0;  // Const
  int sym = -1;        // Sym: index in the group's symbol table
  std::string name;    // Sym: printed name (u3)
  TermRef a, b;
};

/// A SymInt node visible in a graph: its node name and the term it equals.
struct Int {
  std::string node;
  TermRef term;
};

/// A SymBool node `lhs cmp rhs` (node may be empty for a fact that has no node of its own).
struct Bool {
  std::string node;
  Cmp cmp = Cmp::Eq;
  TermRef lhs, rhs;
};

struct Tensor {
  std::string node;
  std::vector<TermRef> dims;
};

/// Possibly unbounded integer interval.
struct Bounds {
  std::optional<std::int64_t> lo, hi;
  static Bounds of(std::int64_t l, std::int64_t h) { return {l, h}; }
  static Bounds all() { return {}; }
};

/// A valuation of the group's symbols (index = Term::sym).
using Env = std::vector<std::int64_t>;

[[nodiscard]] TermRef constant(std::int64_t c);
[[nodiscard]] TermRef combine(Op op, TermRef a, TermRef b);
/// Python semantics (`//`, `%` floor); nullopt on a zero divisor or an int64 overflow.
[[nodiscard]] std::optional<std::int64_t> evaluate(const TermRef& t, const Env& env);
[[nodiscard]] std::optional<bool> evaluate(const Bool& b, const Env& env);
/// The sympy spelling PyTorch prints: `3*u0 + 2`, `(u0//2)`, `PythonMod(u0, 4)`, `Eq(u0, u1)`.
[[nodiscard]] std::string text(const TermRef& t);
[[nodiscard]] std::string text(const Bool& b);
/// Returns a superset of the values `t` takes when every symbol lies in `symbolBounds(sym)`
/// (symbols treated as independent). Example: 3*u0 + 2 with u0 in [0, 5] gives [2, 17].
[[nodiscard]] Bounds boundsOf(const TermRef& t, const std::function<Bounds(int)>& symbolBounds);

/// One graph being written: its statements, the sub-module classes it owns, and the valuation
/// it runs in (the reference input, or a sampled one in a branch the reference does not take).
struct Scope {
  std::string indent;      // of the statements
  std::string body;        // the statements written so far
  std::string subs;        // printed sub-module classes
  Env env;                 // value of every group symbol in this scope's valuation
  std::vector<Bool> facts; // what checks, constraints and branch predicates established
  std::map<std::string, Int> memo;  // arithmetic nodes by spelling, when the builder reuses them
  int depth = 0;           // cond nesting
};

enum class CheckStyle : std::uint8_t { Any, AssertScalar, AssertAsync, TorchCheck };

class Builder {
 public:
  explicit Builder(std::uint64_t seed);

  // ------------------------------------------------------------------------ randomness
  [[nodiscard]] std::int64_t uniform(std::int64_t lo, std::int64_t hi);
  [[nodiscard]] bool chance(int percent) { return uniform(0, 99) < percent; }
  template <class T>
  [[nodiscard]] const T& pickOne(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(v.size()) - 1))];
  }

  /// How CheckStyle::Any is drawn: `scalar`% _assert_scalar, `async`% _assert_async, the rest
  /// torch._check.
  void setCheckStyles(int scalar, int async) {
    scalarPercent_ = scalar;
    asyncPercent_ = async;
  }
  /// Whether op() reuses an identical arithmetic node of the same scope (as FX's CSE would).
  void setReuse(bool reuse) { reuse_ = reuse; }

  // ------------------------------------------------------------------------ counting
  [[nodiscard]] std::size_t nodes() const { return nodes_; }
  [[nodiscard]] std::size_t checks() const { return checks_; }
  [[nodiscard]] Scope& top() { return top_; }

  // ------------------------------------------------------------------------ symbols
  /// Starts a group: forgets the previous group's symbols, valuation and facts.
  void beginGroup();
  /// A fresh `i64[]` input read by item() (`_local_scalar_dense` when `dense`): a new symbol
  /// whose reference value is `ref`; `known` is what the checks the recipe writes will bound
  /// it to (used by boundsOf and by the sampler, which draws from `known` or ref ± 20).
  Int item(Scope& s, std::int64_t ref, Bounds known, bool dense = false);
  /// What the group's facts bound symbol `sym` to.
  [[nodiscard]] Bounds known(int sym) const { return symbols_[static_cast<std::size_t>(sym)].known; }
  [[nodiscard]] Bounds bounds(const TermRef& t) const;
  [[nodiscard]] std::int64_t value(const Scope& s, const TermRef& t) const;
  [[nodiscard]] bool value(const Scope& s, const Bool& b) const;

  // ------------------------------------------------------------------------ statements
  Int op(Scope& s, Op op, const Int& a, const Int& b);
  Int op(Scope& s, Op op, const Int& a, std::int64_t c);
  Bool cmp(Scope& s, Cmp c, const Int& a, const Int& b);
  Bool cmp(Scope& s, Cmp c, const Int& a, std::int64_t k);
  /// A check of `b`, which must hold in `s`'s valuation (a generator bug aborts otherwise).
  void check(Scope& s, const Bool& b, CheckStyle style = CheckStyle::Any);
  /// aten.sym_constrain_range(u, min, max) / _for_size; the value must lie in range.
  void constrainRange(Scope& s, const Int& u, std::optional<std::int64_t> lo, std::optional<std::int64_t> hi);
  void constrainForSize(Scope& s, const Int& u, std::optional<std::int64_t> lo, std::optional<std::int64_t> hi);
  /// full([d0, d1, ...], 1): a tensor of symbolic (Int) or constant (nullptr node) sizes.
  Tensor full(Scope& s, const std::vector<Int>& dims);
  Int symSize(Scope& s, const Tensor& t, int dim);
  /// An Int for a constant (no node; usable as an op operand or a full() size).
  [[nodiscard]] static Int literal(std::int64_t c) { return {"", constant(c)}; }

  /// torch.cond(pred, true_graph_N, false_graph_N, [y, operands...]). `arm(scope, side)` writes
  /// one branch (its scope sees `operands`) and returns the SymInt it returns, if `returnsInt`.
  /// The branch the valuation takes runs in it; the other one in a sampled valuation that
  /// satisfies the scope's facts and the branch predicate, or is left empty if none is found.
  /// Returns the cond's SymInt output (a fresh symbol), if `returnsInt`.
  using ArmFn = std::function<std::optional<Int>(Scope& arm, bool side)>;
  std::optional<Int> cond(Scope& s, const Bool& pred, const std::vector<Int>& operands,
                          bool returnsInt, const ArmFn& arm);

  /// The whole program text (after the last group).
  [[nodiscard]] std::string program();
  /// Placeholder name -> the value its item() reads.
  [[nodiscard]] const std::map<std::string, std::int64_t>& reference() const { return reference_; }

 private:
  struct Symbol {
    std::string name;
    Bounds known;
    bool sampled = false;  // an input the sampler may redraw (cond outputs stay pinned)
    std::int64_t ref = 0;
  };

  std::string fresh(const std::string& base);
  void emit(Scope& s, const std::string& line, bool isCheck = false);
  Int addSymbol(Scope& s, const std::string& node, std::int64_t value, Bounds known, bool sampled);
  std::optional<Env> sample(const Scope& s, const Bool& extra, bool want);

  std::mt19937_64 rng_;
  testing::NodeNames names_;
  std::size_t nodes_ = 0, checks_ = 0;
  int nextSymbol_ = 0, nextInput_ = 0, nextCond_ = 0;
  int scalarPercent_ = 60, asyncPercent_ = 25;
  bool reuse_ = false;
  Scope top_;
  std::vector<Symbol> symbols_;  // of the current group
  std::vector<std::string> inputs_;
  std::map<std::string, std::int64_t> reference_;
};

}  // namespace symrange::bench::detail
