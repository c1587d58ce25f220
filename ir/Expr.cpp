// ir/Expr.cpp — ExprContext: interning (hash-consing) of expressions and the factories' local,
// semantics-preserving simplifications; freeSymbols, kindName, classifySymbol.
#include "ir/Expr.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "ir/BigInt.h"
#include "ir/Diagnostic.h"
#include "ir/ExprEval.h"
#include "ir/ExprFunctor.h"

namespace symrange::ir {

namespace {

using Int128 = __int128;

bool fitsInt64(Int128 v) { return v >= kInt64Min && v <= kInt64Max; }

std::uint64_t floatBits(double v) { return std::bit_cast<std::uint64_t>(v); }

/// The structural identity of an expression, viewed without copying (the interning key).
struct KeyView {
  ExprKind kind;
  ExprType type;
  SymbolKind symbolKind;
  std::int64_t intValue;
  std::uint64_t floatBits;
  std::string_view name;
  std::span<const ExprRef> ops;
};

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

std::uint64_t finalize(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

std::uint64_t hashKey(const KeyView& k) {
  std::uint64_t h = (static_cast<std::uint64_t>(k.kind) << 16) |
                    (static_cast<std::uint64_t>(k.type) << 8) |
                    static_cast<std::uint64_t>(k.symbolKind);
  h = mix(h, static_cast<std::uint64_t>(k.intValue));
  h = mix(h, k.floatBits);
  if (!k.name.empty()) h = mix(h, std::hash<std::string_view>{}(k.name));
  for (ExprRef o : k.ops) h = mix(h, o->id());
  return finalize(h);
}

bool sameKey(const Expr& e, const KeyView& k) {
  if (e.kind() != k.kind || e.type() != k.type || e.symbolKind() != k.symbolKind ||
      e.intValue() != k.intValue || floatBits(e.floatValue()) != k.floatBits ||
      e.arity() != k.ops.size() || std::string_view(e.name()) != k.name) {
    return false;
  }
  return std::equal(k.ops.begin(), k.ops.end(), e.ops().begin());
}

bool isDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool anyFloat(std::span<const ExprRef> ops) {
  return std::any_of(ops.begin(), ops.end(),
                     [](ExprRef o) { return o->type() == ExprType::Float; });
}

ExprType arithType(std::span<const ExprRef> ops) {
  return anyFloat(ops) ? ExprType::Float : ExprType::Int;
}

/// Flattens operands of kind `k` one level (operands are already flat: factories keep them so).
std::vector<ExprRef> flatten(ExprKind k, const std::vector<ExprRef>& args) {
  std::vector<ExprRef> out;
  out.reserve(args.size());
  for (ExprRef a : args) {
    SYMRANGE_ASSERT(a != nullptr);
    if (a->kind() == k) {
      out.insert(out.end(), a->ops().begin(), a->ops().end());
    } else {
      out.push_back(a);
    }
  }
  return out;
}

bool isIntTyped(ExprRef e) { return e->type() == ExprType::Int; }

ExprKind negatedComparison(ExprKind k) {
  switch (k) {
    case ExprKind::Eq: return ExprKind::Ne;
    case ExprKind::Ne: return ExprKind::Eq;
    case ExprKind::Lt: return ExprKind::Ge;
    case ExprKind::Le: return ExprKind::Gt;
    case ExprKind::Gt: return ExprKind::Le;
    case ExprKind::Ge: return ExprKind::Lt;
    // the other kinds, listed so that -Wswitch flags a new kind here (a new comparison would
    // need its negation)
    case ExprKind::IntConst: case ExprKind::BigIntConst: case ExprKind::BoolConst:
    case ExprKind::FloatConst: case ExprKind::IntInf: case ExprKind::Symbol: case ExprKind::Add:
    case ExprKind::Mul: case ExprKind::FloorDiv: case ExprKind::Mod: case ExprKind::PythonMod:
    case ExprKind::Max: case ExprKind::Min: case ExprKind::Abs: case ExprKind::PowByNatural:
    case ExprKind::CeilDiv: case ExprKind::TruncToInt: case ExprKind::ToFloat:
    case ExprKind::TrueDiv: case ExprKind::And: case ExprKind::Or: case ExprKind::Not:
    case ExprKind::Where: case ExprKind::Apply:
      SYMRANGE_ASSERT(false && "not a comparison");
  }
  return k;
}

template <typename T>
bool compareWith(ExprKind k, T a, T b) {
  switch (k) {
    case ExprKind::Eq: return a == b;
    case ExprKind::Ne: return a != b;
    case ExprKind::Lt: return a < b;
    case ExprKind::Le: return a <= b;
    case ExprKind::Gt: return a > b;
    case ExprKind::Ge: return a >= b;
    case ExprKind::IntConst: case ExprKind::BigIntConst: case ExprKind::BoolConst:
    case ExprKind::FloatConst: case ExprKind::IntInf: case ExprKind::Symbol: case ExprKind::Add:
    case ExprKind::Mul: case ExprKind::FloorDiv: case ExprKind::Mod: case ExprKind::PythonMod:
    case ExprKind::Max: case ExprKind::Min: case ExprKind::Abs: case ExprKind::PowByNatural:
    case ExprKind::CeilDiv: case ExprKind::TruncToInt: case ExprKind::ToFloat:
    case ExprKind::TrueDiv: case ExprKind::And: case ExprKind::Or: case ExprKind::Not:
    case ExprKind::Where: case ExprKind::Apply:
      SYMRANGE_ASSERT(false && "not a comparison");
  }
  return false;
}

constexpr std::size_t kChunkSize = 1024;

/// The value of an integer constant of any size.
BigInt bigValue(ExprRef e) {
  SYMRANGE_ASSERT(e->isIntLiteral());
  if (e->isIntConst()) return BigInt(e->intValue());
  std::optional<BigInt> v = parseBigInt(e->bigText());
  SYMRANGE_ASSERT(v.has_value());
  return *v;
}

/// Exact comparison of two numeric constants (integers of any size, bools, floats): <0, 0, >0,
/// or nullopt when one is not such a constant or a nan makes them unordered.
std::optional<int> compareConsts(ExprRef a, ExprRef b) {
  auto isInt = [](ExprRef e) { return e->isIntLiteral() || e->isBoolConst(); };
  auto intOf = [](ExprRef e) { return e->isBoolConst() ? BigInt(e->intValue()) : bigValue(e); };
  bool fa = a->kind() == ExprKind::FloatConst;
  bool fb = b->kind() == ExprKind::FloatConst;
  if (isInt(a) && isInt(b)) {
    BigInt x = intOf(a), y = intOf(b);
    return (x > y) - (x < y);
  }
  if (isInt(a) && fb) return compareBigDouble(intOf(a), b->floatValue());
  if (fa && isInt(b)) {
    std::optional<int> c = compareBigDouble(intOf(b), a->floatValue());
    if (!c) return std::nullopt;
    return -*c;
  }
  return std::nullopt;
}

/// The constant `v`: an IntConst when it fits int64, else a BigIntConst.
ExprRef makeInt(ExprContext& ctx, const BigInt& v) {
  if (std::optional<std::int64_t> small = toInt64(v)) return ctx.intConst(*small);
  return ctx.intLiteral(bigText(v));
}

/// Python's a // b, a % b or CeilDiv(a, b) of two integer constants (b != 0), exactly.
ExprRef foldDivision(ExprContext& ctx, ExprKind k, ExprRef a, ExprRef b) {
  BigInt x = bigValue(a), y = bigValue(b);
  switch (k) {
    case ExprKind::FloorDiv: return makeInt(ctx, pyFloorDiv(x, y));
    case ExprKind::CeilDiv: return makeInt(ctx, pyCeilDiv(x, y));
    case ExprKind::Mod: case ExprKind::PythonMod: return makeInt(ctx, pyMod(x, y));
    case ExprKind::IntConst: case ExprKind::BigIntConst: case ExprKind::BoolConst:
    case ExprKind::FloatConst: case ExprKind::IntInf: case ExprKind::Symbol: case ExprKind::Add:
    case ExprKind::Mul: case ExprKind::Max: case ExprKind::Min: case ExprKind::Abs:
    case ExprKind::PowByNatural: case ExprKind::TruncToInt: case ExprKind::ToFloat:
    case ExprKind::TrueDiv: case ExprKind::Eq: case ExprKind::Ne: case ExprKind::Lt:
    case ExprKind::Le: case ExprKind::Gt: case ExprKind::Ge: case ExprKind::And:
    case ExprKind::Or: case ExprKind::Not: case ExprKind::Where: case ExprKind::Apply:
      break;
  }
  SYMRANGE_ASSERT(false && "not an integer division");
  return nullptr;
}

/// Whether a // b (or %, CeilDiv) of constants folds: two integer constants, b != 0, and one of
/// them big or the int64 fast path overflowing (INT64_MIN // -1).
bool foldsBig(ExprRef a, ExprRef b) {
  return a->isIntLiteral() && b->isIntLiteral() && b->intSign() != 0 &&
         (a->isBigIntConst() || b->isBigIntConst() ||
          (a->intValue() == kInt64Min && b->intValue() == -1));
}

/// `x k y` from the three-way comparison `c` of x and y (negative, zero, positive).
bool cmpResult(ExprKind k, int c) { return compareWith(k, c, 0); }

}  // namespace

SymbolKind classifySymbol(std::string_view name) {
  if (name.size() >= 2 && name[0] == 's' && isDigits(name.substr(1))) return SymbolKind::Backed;
  if (name.size() >= 2 && (name[0] == 'u' || name[0] == 'i') && isDigits(name.substr(1))) {
    return SymbolKind::Unbacked;
  }
  if (name.size() >= 4 && name.substr(0, 3) == "zuf" && isDigits(name.substr(3))) {
    return SymbolKind::UnbackedFloat;
  }
  if (name.size() >= 3 && name.substr(0, 2) == "zf" && isDigits(name.substr(2))) {
    return SymbolKind::BackedFloat;
  }
  return SymbolKind::Other;
}

std::string_view kindName(ExprKind k) {
  switch (k) {
    case ExprKind::IntConst: return "Integer";
    case ExprKind::BigIntConst: return "Integer";
    case ExprKind::BoolConst: return "Boolean";
    case ExprKind::FloatConst: return "Float";
    case ExprKind::IntInf: return "int_oo";
    case ExprKind::Symbol: return "Symbol";
    case ExprKind::Add: return "Add";
    case ExprKind::Mul: return "Mul";
    case ExprKind::FloorDiv: return "FloorDiv";
    case ExprKind::Mod: return "Mod";
    case ExprKind::PythonMod: return "PythonMod";
    case ExprKind::Max: return "Max";
    case ExprKind::Min: return "Min";
    case ExprKind::Abs: return "Abs";
    case ExprKind::PowByNatural: return "PowByNatural";
    case ExprKind::CeilDiv: return "CeilDiv";
    case ExprKind::TruncToInt: return "TruncToInt";
    case ExprKind::ToFloat: return "ToFloat";
    case ExprKind::TrueDiv: return "TrueDiv";
    case ExprKind::Eq: return "Eq";
    case ExprKind::Ne: return "Ne";
    case ExprKind::Lt: return "Lt";
    case ExprKind::Le: return "Le";
    case ExprKind::Gt: return "Gt";
    case ExprKind::Ge: return "Ge";
    case ExprKind::And: return "And";
    case ExprKind::Or: return "Or";
    case ExprKind::Not: return "Not";
    case ExprKind::Where: return "Where";
    case ExprKind::Apply: return "Apply";
  }
  return "?";
}

/// Open-addressing hash table of ids (linear probing) plus chunked, address-stable storage.
struct ExprContext::Impl {
  std::vector<std::unique_ptr<Expr[]>> chunks;
  std::size_t usedInLastChunk = kChunkSize;
  std::vector<Expr*> byId;
  std::vector<std::uint64_t> hashes;  // by id
  std::vector<std::uint32_t> table;   // 0 = empty, else id + 1
  std::size_t mask = 0;

  Impl() {
    table.assign(1024, 0);
    mask = table.size() - 1;
  }

  /// The slot holding `k`, or the empty slot where it belongs.
  std::size_t probe(const KeyView& k, std::uint64_t h) const {
    std::size_t i = h & mask;
    while (table[i] != 0) {
      std::uint32_t id = table[i] - 1;
      if (hashes[id] == h && sameKey(*byId[id], k)) return i;
      i = (i + 1) & mask;
    }
    return i;
  }

  void grow() {
    std::vector<std::uint32_t> bigger(table.size() * 2, 0);
    std::size_t m = bigger.size() - 1;
    for (std::uint32_t slot : table) {
      if (slot == 0) continue;
      std::size_t i = hashes[slot - 1] & m;
      while (bigger[i] != 0) i = (i + 1) & m;
      bigger[i] = slot;
    }
    table.swap(bigger);
    mask = m;
  }
};

ExprContext::ExprContext() : impl_(std::make_unique<Impl>()) {}
ExprContext::~ExprContext() = default;

std::size_t ExprContext::size() const { return impl_->byId.size(); }

ExprRef ExprContext::intern(ExprKind k, ExprType t, std::vector<ExprRef> ops, std::int64_t iv,
                            double fv, std::string_view name, SymbolKind sk) {
  Impl& im = *impl_;
  KeyView key{k, t, sk, iv, floatBits(fv), name, ops};
  std::uint64_t h = hashKey(key);
  std::size_t slot = im.probe(key, h);
  if (im.table[slot] != 0) return im.byId[im.table[slot] - 1];

  if (im.usedInLastChunk == kChunkSize) {
    im.chunks.push_back(std::unique_ptr<Expr[]>(new Expr[kChunkSize]));
    im.usedInLastChunk = 0;
  }
  Expr* e = &im.chunks.back()[im.usedInLastChunk++];
  SYMRANGE_ASSERT(im.byId.size() < std::numeric_limits<std::uint32_t>::max() - 1);
  e->kind_ = k;
  e->type_ = t;
  e->symbolKind_ = sk;
  e->id_ = static_cast<std::uint32_t>(im.byId.size());
  e->int_ = iv;
  e->float_ = fv;
  e->name_ = std::string(name);
  constexpr std::uint64_t kTreeSizeCap = std::uint64_t{1} << 62;
  e->treeSize_ = 1;
  for (ExprRef o : ops) e->treeSize_ = std::min(kTreeSizeCap, e->treeSize_ + o->treeSize_);
  e->ops_ = std::move(ops);
  im.byId.push_back(e);
  im.hashes.push_back(h);
  im.table[slot] = e->id_ + 1;
  if (im.byId.size() * 2 > im.table.size()) im.grow();
  return e;
}

// ---------------------------------------------------------------------------------------------
// leaves

ExprRef ExprContext::intConst(std::int64_t v) {
  return intern(ExprKind::IntConst, ExprType::Int, {}, v);
}

ExprRef ExprContext::intLiteral(std::string_view decimal) {
  std::optional<BigInt> v = parseBigInt(decimal);
  SYMRANGE_ASSERT(v.has_value() && "intLiteral needs [-]digits");
  if (std::optional<std::int64_t> small = toInt64(*v)) return intConst(*small);
  return intern(ExprKind::BigIntConst, ExprType::Int, {}, 0, 0.0, bigText(*v));
}

ExprRef ExprContext::boolConst(bool v) {
  return intern(ExprKind::BoolConst, ExprType::Bool, {}, v ? 1 : 0);
}

ExprRef ExprContext::floatConst(double v) {
  return intern(ExprKind::FloatConst, ExprType::Float, {}, 0, v);
}

ExprRef ExprContext::intInf(int sign) {
  SYMRANGE_ASSERT(sign == 1 || sign == -1);
  return intern(ExprKind::IntInf, ExprType::Int, {}, sign);
}

ExprRef ExprContext::symbol(std::string_view name) {
  SymbolKind sk = classifySymbol(name);
  ExprType t = (sk == SymbolKind::BackedFloat || sk == SymbolKind::UnbackedFloat) ? ExprType::Float
                                                                                  : ExprType::Int;
  return symbol(name, t, sk);
}

ExprRef ExprContext::symbol(std::string_view name, ExprType type, SymbolKind kind) {
  SYMRANGE_ASSERT(!name.empty());
  return intern(ExprKind::Symbol, type, {}, 0, 0.0, name, kind);
}

// ---------------------------------------------------------------------------------------------
// arithmetic

ExprRef ExprContext::add(std::vector<ExprRef> terms) {
  std::vector<ExprRef> flat = flatten(ExprKind::Add, terms);
  std::vector<ExprRef> out;
  out.reserve(flat.size());
  // int64 terms sum exactly in 128 bits (fewer than 2^63 of them); big ones on the slow path
  Int128 total = 0;
  std::optional<BigInt> bigTotal;
  for (ExprRef t : flat) {
    if (t->isIntConst()) {
      total += t->intValue();
    } else if (t->isBigIntConst()) {
      bigTotal = bigTotal.value_or(BigInt(0)) + bigValue(t);
    } else {
      out.push_back(t);
    }
  }
  // constants merge into one term, placed last (sympy prints `u0 + 1`)
  ExprRef sum = nullptr;
  if (bigTotal || !fitsInt64(total)) {
    BigInt exact = bigTotal.value_or(BigInt(0)) + BigInt(static_cast<std::int64_t>(total >> 64)) *
                                                      (BigInt(1) << 64) +
                   BigInt(static_cast<std::uint64_t>(total));
    sum = makeInt(*this, exact);
  } else {
    sum = intConst(static_cast<std::int64_t>(total));
  }
  if (out.empty()) return sum;
  if (!(sum->isIntConst() && sum->intValue() == 0)) out.push_back(sum);
  if (out.size() == 1) return out[0];
  ExprType t = arithType(out);
  return intern(ExprKind::Add, t, std::move(out));
}

ExprRef ExprContext::sub(ExprRef a, ExprRef b) { return add(a, neg(b)); }

ExprRef ExprContext::neg(ExprRef a) { return mul(intConst(-1), a); }

ExprRef ExprContext::mul(std::vector<ExprRef> factors) {
  std::vector<ExprRef> flat = flatten(ExprKind::Mul, factors);
  std::vector<ExprRef> rest;
  std::vector<ExprRef> consts;
  rest.reserve(flat.size());
  bool zero = false;
  for (ExprRef f : flat) {
    if (f->isIntLiteral()) {
      if (f->intSign() == 0) zero = true;
      consts.push_back(f);
    } else {
      rest.push_back(f);
    }
  }
  // x*0 -> 0 for integers (a float factor could be nan/inf)
  if (zero && !anyFloat(rest)) return intConst(0);

  // The product of the constants, exactly: int64 with overflow checks, else arbitrary precision.
  std::int64_t small = 1;
  bool fits = true;
  for (ExprRef c : consts) {
    if (!c->isIntConst() || __builtin_mul_overflow(small, c->intValue(), &small)) {
      fits = false;
      break;
    }
  }
  ExprRef coefficient = nullptr;
  if (!fits) {
    BigInt product = 1;
    for (ExprRef c : consts) product *= bigValue(c);
    coefficient = makeInt(*this, product);
  }
  std::vector<ExprRef> out;
  out.reserve(rest.size() + 1);
  if (coefficient != nullptr && coefficient->isBigIntConst()) {
    if (rest.empty()) return coefficient;
    out.push_back(coefficient);  // the coefficient comes first
  } else {
    std::int64_t c = coefficient != nullptr ? coefficient->intValue() : small;
    if (rest.empty()) return intConst(c);
    // -1 folds into a leading float or int_oo factor (negation is exact): -(2.5) is -2.5,
    // -(2.5)*x is (-2.5)*x, -int_oo is int_oo's negation
    if (c == -1 && rest[0]->kind() == ExprKind::FloatConst) {
      rest[0] = floatConst(-rest[0]->floatValue());
      c = 1;
    } else if (c == -1 && rest[0]->kind() == ExprKind::IntInf) {
      rest[0] = intInf(-static_cast<int>(rest[0]->intValue()));
      c = 1;
    }
    if (c == 1 && rest.size() == 1) return rest[0];
    // the coefficient comes first (sympy prints `2*x`)
    if (c != 1) out.push_back(intConst(c));
  }
  out.insert(out.end(), rest.begin(), rest.end());
  SYMRANGE_ASSERT(out.size() >= 2);
  ExprType t = arithType(out);
  return intern(ExprKind::Mul, t, std::move(out));
}

ExprRef ExprContext::floorDiv(ExprRef a, ExprRef b) {
  if (a->isIntConst() && b->isIntConst()) {
    if (auto q = pyFloorDivChecked(a->intValue(), b->intValue())) return intConst(*q);
  }
  if (foldsBig(a, b)) return foldDivision(*this, ExprKind::FloorDiv, a, b);
  if (b->isIntConst() && b->intValue() == 1 && isIntTyped(a)) return a;
  ExprType t = anyFloat(std::vector<ExprRef>{a, b}) ? ExprType::Float : ExprType::Int;
  return intern(ExprKind::FloorDiv, t, {a, b});
}

namespace {
bool isUnitDivisor(ExprRef b) {
  return b->isIntConst() && (b->intValue() == 1 || b->intValue() == -1);
}
}  // namespace

ExprRef ExprContext::mod(ExprRef a, ExprRef b) {
  if (a->isIntConst() && b->isIntConst() && b->intValue() != 0) {
    return intConst(pyMod(a->intValue(), b->intValue()));
  }
  if (foldsBig(a, b)) return foldDivision(*this, ExprKind::Mod, a, b);
  if (isUnitDivisor(b) && isIntTyped(a)) return intConst(0);
  ExprType t = anyFloat(std::vector<ExprRef>{a, b}) ? ExprType::Float : ExprType::Int;
  return intern(ExprKind::Mod, t, {a, b});
}

ExprRef ExprContext::pythonMod(ExprRef a, ExprRef b) {
  if (a->isIntConst() && b->isIntConst() && b->intValue() != 0) {
    return intConst(pyMod(a->intValue(), b->intValue()));
  }
  if (foldsBig(a, b)) return foldDivision(*this, ExprKind::PythonMod, a, b);
  if (isUnitDivisor(b) && isIntTyped(a)) return intConst(0);
  ExprType t = anyFloat(std::vector<ExprRef>{a, b}) ? ExprType::Float : ExprType::Int;
  return intern(ExprKind::PythonMod, t, {a, b});
}

namespace {
/// Shared by max/min: flatten, dedupe (first occurrence wins), merge integer constants into the
/// position of the first one.
std::vector<ExprRef> latticeArgs(ExprKind k, const std::vector<ExprRef>& args, bool isMax,
                                 ExprContext& ctx) {
  SYMRANGE_ASSERT(!args.empty());
  std::vector<ExprRef> flat = flatten(k, args);
  std::vector<ExprRef> out;
  out.reserve(flat.size());
  std::unordered_set<ExprRef> seen;
  std::size_t firstConst = flat.size();
  std::int64_t best = 0;
  for (ExprRef a : flat) {
    if (a->isIntConst()) {
      if (firstConst == flat.size()) {
        firstConst = out.size();
        best = a->intValue();
        out.push_back(a);
      } else {
        best = isMax ? std::max(best, a->intValue()) : std::min(best, a->intValue());
      }
      continue;
    }
    // small argument lists (the usual case) dedupe by a scan, large ones by a set
    bool fresh = flat.size() <= 32 ? std::find(out.begin(), out.end(), a) == out.end()
                                   : seen.insert(a).second;
    if (fresh) out.push_back(a);
  }
  if (firstConst != flat.size()) out[firstConst] = ctx.intConst(best);
  return out;
}
}  // namespace

ExprRef ExprContext::max(std::vector<ExprRef> args) {
  std::vector<ExprRef> out = latticeArgs(ExprKind::Max, args, true, *this);
  if (out.size() == 1) return out[0];
  ExprType t = arithType(out);
  return intern(ExprKind::Max, t, std::move(out));
}

ExprRef ExprContext::min(std::vector<ExprRef> args) {
  std::vector<ExprRef> out = latticeArgs(ExprKind::Min, args, false, *this);
  if (out.size() == 1) return out[0];
  ExprType t = arithType(out);
  return intern(ExprKind::Min, t, std::move(out));
}

ExprRef ExprContext::abs(ExprRef a) {
  if (a->isIntConst() && a->intValue() != kInt64Min) return intConst(std::abs(a->intValue()));
  if (a->isIntLiteral()) return makeInt(*this, boost::multiprecision::abs(bigValue(a)));
  if (a->kind() == ExprKind::FloatConst) return floatConst(std::fabs(a->floatValue()));
  ExprType t = a->type() == ExprType::Float ? ExprType::Float : ExprType::Int;
  return intern(ExprKind::Abs, t, {a});
}

ExprRef ExprContext::powByNatural(ExprRef base, ExprRef exp) {
  if (exp->isIntConst() && isIntTyped(base)) {
    std::int64_t n = exp->intValue();
    if (n == 0) return intConst(1);  // Python: 0**0 == 1
    if (n == 1) return base;
    if (base->isIntConst() && n > 0) {
      std::int64_t result = 1;
      std::int64_t b = base->intValue();
      bool overflow = false;
      while (n > 0 && !overflow) {
        if (n & 1) overflow |= __builtin_mul_overflow(result, b, &result);
        n >>= 1;
        if (n > 0) overflow |= __builtin_mul_overflow(b, b, &b);
      }
      if (!overflow) return intConst(result);
    }
    if (base->isIntLiteral() && exp->intValue() > 0) {
      auto n64 = static_cast<std::uint64_t>(exp->intValue());
      if (std::optional<BigInt> p = pyPow(bigValue(base), n64)) return makeInt(*this, *p);
    }
  }
  ExprType t = base->type() == ExprType::Float ? ExprType::Float : ExprType::Int;
  return intern(ExprKind::PowByNatural, t, {base, exp});
}

ExprRef ExprContext::ceilDiv(ExprRef a, ExprRef b) {
  if (a->isIntConst() && b->isIntConst()) {
    if (auto q = pyCeilDivChecked(a->intValue(), b->intValue())) return intConst(*q);
  }
  if (foldsBig(a, b)) return foldDivision(*this, ExprKind::CeilDiv, a, b);
  if (b->isIntConst() && b->intValue() == 1 && isIntTyped(a)) return a;
  return intern(ExprKind::CeilDiv, ExprType::Int, {a, b});
}

ExprRef ExprContext::truncToInt(ExprRef a) {
  if (a->kind() == ExprKind::FloatConst) {
    double v = std::trunc(a->floatValue());
    // [-2^63, 2^63) are exactly the doubles that truncate into int64
    if (std::isfinite(v) && v >= -9223372036854775808.0 && v < 9223372036854775808.0) {
      return intConst(static_cast<std::int64_t>(v));
    }
    if (std::isfinite(v)) return makeInt(*this, doubleToBig(v));
  }
  if (isIntTyped(a)) return a;
  return intern(ExprKind::TruncToInt, ExprType::Int, {a});
}

ExprRef ExprContext::toFloat(ExprRef a) {
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (a->isIntConst() && a->intValue() >= -kExact && a->intValue() <= kExact) {
    return floatConst(static_cast<double>(a->intValue()));
  }
  if (a->type() == ExprType::Float) return a;
  return intern(ExprKind::ToFloat, ExprType::Float, {a});
}

ExprRef ExprContext::trueDiv(ExprRef a, ExprRef b) {
  return intern(ExprKind::TrueDiv, ExprType::Float, {a, b});
}

// ---------------------------------------------------------------------------------------------
// booleans

ExprRef ExprContext::cmp(ExprKind k, ExprRef a, ExprRef b) {
  SYMRANGE_ASSERT(k >= ExprKind::Eq && k <= ExprKind::Ge);
  auto isIntLike = [](ExprRef e) { return e->isIntConst() || e->isBoolConst(); };
  if (isIntLike(a) && isIntLike(b)) return boolConst(compareWith(k, a->intValue(), b->intValue()));
  if (a->kind() == ExprKind::FloatConst && b->kind() == ExprKind::FloatConst) {
    return boolConst(compareWith(k, a->floatValue(), b->floatValue()));
  }
  // a big integer against an integer or float constant, exactly (Python compares int and
  // float without rounding)
  if ((a->isBigIntConst() || b->isBigIntConst()) && a->isConst() && b->isConst()) {
    if (std::optional<int> c = compareConsts(a, b)) return boolConst(cmpResult(k, *c));
  }
  return intern(k, ExprType::Bool, {a, b});
}

ExprRef ExprContext::land(std::vector<ExprRef> args) {
  std::vector<ExprRef> flat = flatten(ExprKind::And, args);
  std::vector<ExprRef> out;
  out.reserve(flat.size());
  for (ExprRef a : flat) {
    if (a->isBoolConst()) {
      if (!a->boolValue()) return falseExpr();
      continue;
    }
    out.push_back(a);
  }
  if (out.empty()) return trueExpr();
  if (out.size() == 1) return out[0];
  return intern(ExprKind::And, ExprType::Bool, std::move(out));
}

ExprRef ExprContext::lor(std::vector<ExprRef> args) {
  std::vector<ExprRef> flat = flatten(ExprKind::Or, args);
  std::vector<ExprRef> out;
  out.reserve(flat.size());
  for (ExprRef a : flat) {
    if (a->isBoolConst()) {
      if (a->boolValue()) return trueExpr();
      continue;
    }
    out.push_back(a);
  }
  if (out.empty()) return falseExpr();
  if (out.size() == 1) return out[0];
  return intern(ExprKind::Or, ExprType::Bool, std::move(out));
}

ExprRef ExprContext::lnot(ExprRef a) {
  if (a->isBoolConst()) return boolConst(!a->boolValue());
  if (a->kind() == ExprKind::Not) return a->op(0);
  // without floats (no nan) the negation of a comparison is the opposite comparison
  if (a->isComparison() && a->op(0)->type() != ExprType::Float &&
      a->op(1)->type() != ExprType::Float) {
    return cmp(negatedComparison(a->kind()), a->op(0), a->op(1));
  }
  return intern(ExprKind::Not, ExprType::Bool, {a});
}

ExprRef ExprContext::where(ExprRef c, ExprRef a, ExprRef b) {
  if (c->isBoolConst()) return c->boolValue() ? a : b;
  if (a == b) return a;
  ExprType t = ExprType::Int;
  if (a->type() == ExprType::Float || b->type() == ExprType::Float) {
    t = ExprType::Float;
  } else if (a->type() == ExprType::Bool && b->type() == ExprType::Bool) {
    t = ExprType::Bool;
  }
  return intern(ExprKind::Where, t, {c, a, b});
}

ExprRef ExprContext::apply(std::string_view fn, std::vector<ExprRef> args, ExprType type) {
  SYMRANGE_ASSERT(!fn.empty());
  for (ExprRef a : args) SYMRANGE_ASSERT(a != nullptr);
  return intern(ExprKind::Apply, type, std::move(args), 0, 0.0, fn);
}

ExprRef ExprContext::make(ExprKind k, std::vector<ExprRef> ops) {
  auto need = [&](std::size_t n) { SYMRANGE_ASSERT(ops.size() == n); };
  switch (k) {
    case ExprKind::Add: return add(std::move(ops));
    case ExprKind::Mul: return mul(std::move(ops));
    case ExprKind::Max: return max(std::move(ops));
    case ExprKind::Min: return min(std::move(ops));
    case ExprKind::And: return land(std::move(ops));
    case ExprKind::Or: return lor(std::move(ops));
    case ExprKind::FloorDiv: need(2); return floorDiv(ops[0], ops[1]);
    case ExprKind::Mod: need(2); return mod(ops[0], ops[1]);
    case ExprKind::PythonMod: need(2); return pythonMod(ops[0], ops[1]);
    case ExprKind::PowByNatural: need(2); return powByNatural(ops[0], ops[1]);
    case ExprKind::CeilDiv: need(2); return ceilDiv(ops[0], ops[1]);
    case ExprKind::TrueDiv: need(2); return trueDiv(ops[0], ops[1]);
    case ExprKind::Abs: need(1); return abs(ops[0]);
    case ExprKind::TruncToInt: need(1); return truncToInt(ops[0]);
    case ExprKind::ToFloat: need(1); return toFloat(ops[0]);
    case ExprKind::Not: need(1); return lnot(ops[0]);
    case ExprKind::Where: need(3); return where(ops[0], ops[1], ops[2]);
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge: need(2); return cmp(k, ops[0], ops[1]);
    case ExprKind::IntConst:
    case ExprKind::BigIntConst:
    case ExprKind::BoolConst:
    case ExprKind::FloatConst:
    case ExprKind::IntInf:
    case ExprKind::Symbol:
    case ExprKind::Apply: break;
  }
  SYMRANGE_ASSERT(false && "make() needs an operator kind; leaves and Apply have own factories");
  return nullptr;
}

ExprRef ExprContext::substitute(ExprRef e,
                                const std::vector<std::pair<ExprRef, ExprRef>>& map) {
  std::unordered_map<ExprRef, ExprRef> memo;
  for (const auto& [from, to] : map) memo.emplace(from, to);
  auto rec = [&](auto& self, ExprRef x) -> ExprRef {
    if (auto it = memo.find(x); it != memo.end()) return it->second;
    ExprRef result = x;
    if (x->arity() > 0) {
      std::vector<ExprRef> ops;
      ops.reserve(x->arity());
      bool changed = false;
      for (ExprRef o : x->ops()) {
        ExprRef n = self(self, o);
        changed |= n != o;
        ops.push_back(n);
      }
      if (changed) {
        result = x->kind() == ExprKind::Apply ? apply(x->name(), std::move(ops), x->type())
                                              : make(x->kind(), std::move(ops));
      }
    }
    memo.emplace(x, result);
    return result;
  };
  return rec(rec, e);
}

std::vector<ExprRef> freeSymbols(ExprRef e) {
  std::vector<ExprRef> out;
  forEachSubexpr(e, [&](ExprRef x) {
    if (x->isSymbol()) out.push_back(x);
    return true;
  });
  std::sort(out.begin(), out.end(), ExprIdLess{});
  return out;
}

}  // namespace symrange::ir
