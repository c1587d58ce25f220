// ir/Expr.h — symbolic expressions: immutable, hash-consed nodes owned by an ExprContext.
//
// Every expression is created through one ExprContext, which interns it: two structurally equal
// expressions are the same object, so equality is pointer identity. Each expression carries a
// dense id (creation order), which is the only order used for deterministic output.
//
// Semantics (the contract solver/ and engine/ implement):
//  - integers are unbounded Python ints: a constant in int64 is an IntConst, one outside it a
//    BigIntConst (its decimal text; ir/BigInt.h computes with it), so `isIntConst()` and
//    `intValue()` stay the int64 fast path; `FloorDiv` and `Mod`/`PythonMod` floor toward -inf
//    (the remainder has the sign of the divisor); a zero divisor raises at run time;
//  - `Mod` is sympy/PyTorch's `Mod`, used by PyTorch only on non-negative values: we give it
//    Python semantics too (identical there);
//  - `CeilDiv(a, b)` = -((-a) // b); `PowByNatural(a, n)` = a**n for n >= 0;
//  - `Max`/`Min` are n-ary; `Where(c, a, b)` is if-then-else;
//  - `IntInf` is PyTorch's `int_oo` (sign given by its value: +1 or -1); it only appears as a
//    range bound, never inside arithmetic the engine evaluates;
//  - `Apply` is an unknown (uninterpreted) function: its result depends only on its operands.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace symrange::ir {

/// The ends of int64, the fast representation of a constant (BigIntConst holds the rest).
inline constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

/// The kind tag of an expression. Downcasts go by this tag, never by RTTI.
enum class ExprKind : std::uint8_t {
  // leaves
  IntConst,     // an integer in int64 (intValue())
  BigIntConst,  // an integer outside int64, as canonical decimal text (bigText())
  BoolConst,
  FloatConst,
  IntInf,  // int_oo / -int_oo (value() is +1 or -1)
  Symbol,
  // integer arithmetic
  Add,        // n-ary sum
  Mul,        // n-ary product
  FloorDiv,   // a // b
  Mod,        // Mod(a, b)  (sympy spelling; Python semantics)
  PythonMod,  // PythonMod(a, b) or a % b (Python semantics)
  Max,        // n-ary
  Min,        // n-ary
  Abs,
  PowByNatural,
  CeilDiv,
  TruncToInt,  // float -> int, toward zero
  ToFloat,     // int -> float
  TrueDiv,     // a / b, a float result
  // booleans
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,  // n-ary
  Or,   // n-ary
  Not,
  // both
  Where,  // Where(cond, then, else)
  Apply,  // opaque function name(args...)
};

/// The value type an expression denotes.
enum class ExprType : std::uint8_t { Int, Bool, Float };

/// What a symbol stands for, from its name (PyTorch's naming conventions).
enum class SymbolKind : std::uint8_t {
  Backed,        // s0, s77: input sizes, guaranteed by the exporter's input checks
  Unbacked,      // u0, i4 (torch 2.1): data-dependent integers
  UnbackedFloat, // zuf0
  BackedFloat,   // zf0
  Other,         // any other name (e.g. a placeholder named by the user)
};

/// Classifies a symbol name: `s<digits>` backed, `u<digits>`/`i<digits>` unbacked,
/// `zf<digits>`, `zuf<digits>` floats, everything else Other.
[[nodiscard]] SymbolKind classifySymbol(std::string_view name);

class ExprContext;

/// One interned expression. Never constructed directly: use ExprContext.
class Expr {
 public:
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  [[nodiscard]] ExprKind kind() const { return kind_; }
  [[nodiscard]] ExprType type() const { return type_; }
  /// Dense creation-order id inside its context; use it for every deterministic ordering.
  [[nodiscard]] std::uint32_t id() const { return id_; }
  [[nodiscard]] std::span<const Expr* const> ops() const { return ops_; }
  [[nodiscard]] const Expr* op(std::size_t i) const { return ops_[i]; }
  [[nodiscard]] std::size_t arity() const { return ops_.size(); }
  /// The number of nodes when the expression is written out as a tree (a shared
  /// sub-expression counts at each use), saturating at 2^62: what printing it costs. A DAG of
  /// a few hundred nodes can have an astronomical tree size, e.g. nested chained comparisons
  /// (`a < (b < c < d) < e` repeats its middle operand).
  [[nodiscard]] std::uint64_t treeSize() const { return treeSize_; }

  /// IntConst value, BoolConst as 0/1, IntInf sign (+1/-1).
  [[nodiscard]] std::int64_t intValue() const { return int_; }
  [[nodiscard]] bool boolValue() const { return int_ != 0; }
  [[nodiscard]] double floatValue() const { return float_; }
  /// BigIntConst: the value's canonical decimal text (`-18446744073709551616`); empty otherwise.
  [[nodiscard]] const std::string& bigText() const { return name_; }
  /// Symbol name or Apply function name; empty otherwise.
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] SymbolKind symbolKind() const { return symbolKind_; }

  [[nodiscard]] bool isIntConst() const { return kind_ == ExprKind::IntConst; }
  [[nodiscard]] bool isBigIntConst() const { return kind_ == ExprKind::BigIntConst; }
  /// An integer constant of any size (IntConst or BigIntConst).
  [[nodiscard]] bool isIntLiteral() const { return isIntConst() || isBigIntConst(); }
  /// The sign (-1, 0, +1) of an integer constant of any size.
  [[nodiscard]] int intSign() const {
    if (kind_ == ExprKind::BigIntConst) return name_[0] == '-' ? -1 : 1;
    return (int_ > 0) - (int_ < 0);
  }
  [[nodiscard]] bool isBoolConst() const { return kind_ == ExprKind::BoolConst; }
  [[nodiscard]] bool isConst() const {
    return kind_ == ExprKind::IntConst || kind_ == ExprKind::BigIntConst ||
           kind_ == ExprKind::BoolConst ||
           kind_ == ExprKind::FloatConst || kind_ == ExprKind::IntInf;
  }
  [[nodiscard]] bool isSymbol() const { return kind_ == ExprKind::Symbol; }
  [[nodiscard]] bool isComparison() const {
    return kind_ >= ExprKind::Eq && kind_ <= ExprKind::Ge;
  }

 private:
  friend class ExprContext;
  Expr() = default;
  ExprKind kind_ = ExprKind::IntConst;
  ExprType type_ = ExprType::Int;
  SymbolKind symbolKind_ = SymbolKind::Other;
  std::uint32_t id_ = 0;
  std::int64_t int_ = 0;
  double float_ = 0.0;
  std::uint64_t treeSize_ = 1;
  std::string name_;
  std::vector<const Expr*> ops_;
};

using ExprRef = const Expr*;

/// Orders expressions by id (creation order): the one deterministic order.
struct ExprIdLess {
  bool operator()(ExprRef a, ExprRef b) const { return a->id() < b->id(); }
};

/// Owns and interns expressions. Factories apply only local, semantics-preserving
/// simplifications: constant folding (when exact and in int64 range), flattening of nested
/// Add/Mul/And/Or/Max/Min, merging of constant terms, neutral elements (x + 0, 1 * x, And(true, x)).
/// They never reorder symbolic operands, so printing preserves the input's operand order.
/// In detail:
///  - Add: integer constants merge into one last term (`u0 + 1`); Mul: into one coefficient
///    first (`2*u0`), `-1` folds into a leading float or int_oo factor; folding is exact (int64
///    with overflow checks, then arbitrary precision): a result outside int64 is a BigIntConst;
///  - x*0 -> 0 and x % ±1 -> 0, x // 1 -> x, CeilDiv(x, 1) -> x, x**1 -> x, x**0 -> 1 (integer x);
///    a constant zero divisor is never folded (it raises at run time); `**` of two constants
///    folds only while the result has at most 65536 bits (a guard, not a semantic limit);
///  - Max/Min: duplicates dropped (first occurrence kept), constants merged into the position of
///    the first one; And/Or: neutral elements dropped, absorbing ones fold the whole;
///  - Not(Not x) -> x; Not of a comparison without float operands -> the opposite comparison;
///    comparisons of two constants fold; Where with a constant condition or equal branches folds;
///  - floats fold only where exact: negation, ToFloat of |v| <= 2^53, TruncToInt of a finite float.
/// Not thread-safe: one context per thread.
class ExprContext {
 public:
  ExprContext();
  ~ExprContext();
  ExprContext(const ExprContext&) = delete;
  ExprContext& operator=(const ExprContext&) = delete;

  // leaves
  ExprRef intConst(std::int64_t v);
  /// The integer whose decimal text is `decimal` (`[-]digits`, leading zeros allowed): an IntConst
  /// when it fits int64, else a BigIntConst. Asserts the text is well formed.
  ExprRef intLiteral(std::string_view decimal);
  ExprRef boolConst(bool v);
  ExprRef trueExpr() { return boolConst(true); }
  ExprRef falseExpr() { return boolConst(false); }
  ExprRef floatConst(double v);
  /// int_oo (sign +1) or -int_oo (sign -1).
  ExprRef intInf(int sign);
  /// A symbol; its SymbolKind follows classifySymbol(name) unless `kind` is given.
  /// `type` is Int for all but float symbols (zf*, zuf*), which default to Float.
  ExprRef symbol(std::string_view name);
  ExprRef symbol(std::string_view name, ExprType type, SymbolKind kind);

  // arithmetic
  ExprRef add(std::vector<ExprRef> terms);
  ExprRef add(ExprRef a, ExprRef b) { return add(std::vector<ExprRef>{a, b}); }
  ExprRef sub(ExprRef a, ExprRef b);  // a + (-1)*b
  ExprRef neg(ExprRef a);             // (-1)*a
  ExprRef mul(std::vector<ExprRef> factors);
  ExprRef mul(ExprRef a, ExprRef b) { return mul(std::vector<ExprRef>{a, b}); }
  ExprRef floorDiv(ExprRef a, ExprRef b);
  ExprRef mod(ExprRef a, ExprRef b);        // Mod(a, b)
  ExprRef pythonMod(ExprRef a, ExprRef b);  // a % b
  ExprRef max(std::vector<ExprRef> args);
  ExprRef min(std::vector<ExprRef> args);
  ExprRef max(ExprRef a, ExprRef b) { return max(std::vector<ExprRef>{a, b}); }
  ExprRef min(ExprRef a, ExprRef b) { return min(std::vector<ExprRef>{a, b}); }
  ExprRef abs(ExprRef a);
  ExprRef powByNatural(ExprRef base, ExprRef exp);
  ExprRef ceilDiv(ExprRef a, ExprRef b);
  ExprRef truncToInt(ExprRef a);
  ExprRef toFloat(ExprRef a);
  ExprRef trueDiv(ExprRef a, ExprRef b);

  // booleans
  ExprRef cmp(ExprKind k, ExprRef a, ExprRef b);  // k in Eq..Ge
  ExprRef eq(ExprRef a, ExprRef b) { return cmp(ExprKind::Eq, a, b); }
  ExprRef ne(ExprRef a, ExprRef b) { return cmp(ExprKind::Ne, a, b); }
  ExprRef lt(ExprRef a, ExprRef b) { return cmp(ExprKind::Lt, a, b); }
  ExprRef le(ExprRef a, ExprRef b) { return cmp(ExprKind::Le, a, b); }
  ExprRef gt(ExprRef a, ExprRef b) { return cmp(ExprKind::Gt, a, b); }
  ExprRef ge(ExprRef a, ExprRef b) { return cmp(ExprKind::Ge, a, b); }
  ExprRef land(std::vector<ExprRef> args);
  ExprRef lor(std::vector<ExprRef> args);
  ExprRef land(ExprRef a, ExprRef b) { return land(std::vector<ExprRef>{a, b}); }
  ExprRef lor(ExprRef a, ExprRef b) { return lor(std::vector<ExprRef>{a, b}); }
  ExprRef lnot(ExprRef a);
  ExprRef where(ExprRef c, ExprRef a, ExprRef b);
  /// Opaque function application; result type given by the caller.
  ExprRef apply(std::string_view fn, std::vector<ExprRef> args, ExprType type = ExprType::Int);

  /// Generic factory by kind (used by parsers and rewriters); dispatches to the ones above.
  ExprRef make(ExprKind k, std::vector<ExprRef> ops);

  /// Replaces symbols by expressions (simultaneously), rebuilding through the factories.
  /// (Any subexpression works as a key; unchanged subtrees are returned as they are.)
  ExprRef substitute(ExprRef e, const std::vector<std::pair<ExprRef, ExprRef>>& map);

  /// Number of distinct expressions created so far.
  [[nodiscard]] std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ExprRef intern(ExprKind k, ExprType t, std::vector<ExprRef> ops, std::int64_t iv = 0,
                 double fv = 0.0, std::string_view name = {},
                 SymbolKind sk = SymbolKind::Other);
};

/// Free symbols of `e`, sorted by id, without duplicates.
[[nodiscard]] std::vector<ExprRef> freeSymbols(ExprRef e);

/// The name of a kind as PyTorch's sympy printer spells the function ("Max", "PythonMod", ...).
[[nodiscard]] std::string_view kindName(ExprKind k);

}  // namespace symrange::ir
