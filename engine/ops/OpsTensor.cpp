// engine/ops/OpsTensor.cpp — transfer functions of tensor ops: sizes, item(), factories
// (sizes >= 0), view/reshape, expand, cat, narrow, slice, select, nonzero, clamp, elementwise ops,
// reductions, getitem.
#include "engine/ops/internal/OpTransfers.h"

#include <algorithm>
#include <limits>

namespace symrange::engine::ops {

using ir::ExprContext;
using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

// --------------------------------------------------------------------------------------------
// sizes of tensors and scalars of tensors

/// Sizes, strides and storage offsets we cannot express: fresh non-negative integers (PyTorch
/// has no negative sizes or strides).
OpOutcome freshNonNegative(OpCall& c) {
  OpOutcome o;
  ExprRef s = c.fresh(ExprType::Int, c.annotatedSym());
  o.guarantees.push_back(c.cx.ge(s, c.cx.intConst(0)));
  o.value = SymValue::scalar(s);
  return o;
}

OpOutcome symSize(OpCall& c) {
  OpOutcome o;
  const SymValue& t = c.arg(0);
  const SymValue& d = c.argOr(1, "dim");
  if (d.isNone()) {  // sym_size.default / x.size(): the whole shape
    if (t.isTensor() && t.tensor()->rankKnown) {
      std::vector<SymValue> items;
      for (std::size_t i = 0; i < t.tensor()->dims.size(); ++i)
        items.push_back(SymValue::scalar(
            c.dimOf(*t.tensor(), static_cast<std::int64_t>(i), nullptr, o.guarantees)));
      o.value = SymValue::list(std::move(items), false);
      o.raisesModelled = true;
    }
    return o;
  }
  auto di = constInt(d);
  if (!di) return o;
  if (t.isTensor()) {
    if (ExprRef e = c.dimOf(*t.tensor(), *di, c.annotatedSym(), o.guarantees)) {
      o.value = SymValue::scalar(e);
      o.raisesModelled = t.tensor()->rankKnown;  // else the dim may be out of range: IndexError
    }
    return o;
  }
  return freshNonNegative(c);  // not a tensor we know: still a size once the op succeeded
}

OpOutcome symNumel(OpCall& c) {
  OpOutcome o;
  const SymValue& t = c.arg(0);
  if (t.isTensor()) {
    o.raisesModelled = true;  // numel() of a tensor never raises
    if (ExprRef n = numelOf(c, *t.tensor(), o.guarantees)) {
      o.value = SymValue::scalar(n);
      return o;
    }
    ExprRef s = c.fresh(ExprType::Int, c.annotatedSym());
    o.guarantees.push_back(c.cx.ge(s, c.cx.intConst(0)));
    o.value = SymValue::scalar(s);
    return o;
  }
  return freshNonNegative(c);
}

OpOutcome rankOf(OpCall& c) {
  const SymValue& t = c.arg(0);
  if (t.isTensor() && t.tensor()->rankKnown)
    return modelled(valueOnly(
        SymValue::scalar(c.cx.intConst(static_cast<std::int64_t>(t.tensor()->dims.size())))));
  OpOutcome o;
  o.raisesModelled = t.isTensor();  // dim() of a tensor never raises
  return o;
}

/// item() / _local_scalar_dense: the scalar of a scalar_tensor, else a fresh symbol (bounded by
/// a clamp the tensor went through).
OpOutcome item(OpCall& c) {
  OpOutcome o;
  const SymValue& t = c.arg(0);
  TensorInfo* info = t.isTensor() ? t.tensor() : nullptr;
  if (info && info->scalar) {
    o.value = SymValue::scalar(info->scalar);
    return o;
  }
  // The element's Python type: from the dtype, else from the annotation; with neither (the
  // `.code` form), the element may be a float, so it is one (a Float symbol gives no integer
  // fact, see docs/architecture.md "Floats").
  ExprRef hint = c.annotatedSym();
  ExprType type = hint ? hint->type() : ExprType::Float;
  if (info && info->isIntegralDtype()) type = ExprType::Int;
  if (info && info->isFloatDtype()) type = ExprType::Float;
  if (info && info->isBoolDtype()) type = ExprType::Bool;
  if (hint && hint->type() != type) hint = nullptr;
  ExprRef u = c.fresh(type, hint);
  if (info && type == ExprType::Int) {
    if (info->elemLo) o.guarantees.push_back(c.cx.ge(u, info->elemLo));
    if (info->elemHi) o.guarantees.push_back(c.cx.le(u, info->elemHi));
  }
  o.value = SymValue::scalar(u);
  return o;
}

OpOutcome scalarTensor(OpCall& c) {
  auto t = TensorInfo::withDims({}, dtypeKw(c, "f32"));
  if (!c.arg(0).isScalar()) return valueOnly(SymValue::tensor(std::move(t)));
  t->scalar = c.arg(0).expr();
  return modelled(valueOnly(SymValue::tensor(std::move(t))));
}

// --------------------------------------------------------------------------------------------
// tensor factories and shape ops

/// Sizes `>= 0` become preconditions (the factory raises on a negative size).
static OpOutcome factoryWithSizes(OpCall& c, const std::vector<SymValue>& sizes, std::string dtype) {
  OpOutcome o;
  auto xs = intsOf(c.cx, sizes);
  if (!xs) {
    o.value = SymValue::tensor(TensorInfo::unknown(std::move(dtype)));
    return o;
  }
  for (ExprRef e : *xs) o.preconditions.push_back(c.cx.ge(e, c.cx.intConst(0)));
  o.value = SymValue::tensor(TensorInfo::withDims(*xs, std::move(dtype)));
  return o;
}

OpOutcome full(OpCall& c) {
  std::string dtype = c.arg(1).isFloat() ? "f32" : c.arg(1).isBool() ? "b8" : "i64";
  if (!c.arg(0).isList()) return valueOnly(SymValue::tensor(TensorInfo::unknown(dtypeKw(c, dtype))));
  return factoryWithSizes(c, c.arg(0).items(), dtypeKw(c, dtype));
}

/// zeros/ones/empty/rand/randn(size...) : sizes as a list or varargs.
OpOutcome sizedFactory(OpCall& c) { return factoryWithSizes(c, listOrVarargs(c, 0), dtypeKw(c, "f32")); }

/// new_full/new_zeros/new_ones/new_empty(self, size, ...).
OpOutcome newFactory(OpCall& c) {
  std::string dtype = c.arg(0).isTensor() ? c.arg(0).tensor()->dtype : "";
  return factoryWithSizes(c, c.arg(1).isList() ? c.arg(1).items() : listOrVarargs(c, 1),
                          dtypeKw(c, dtype));
}

/// *_like(self): same shape.
OpOutcome likeFactory(OpCall& c) {
  const SymValue& t = c.arg(0);
  if (!t.isTensor()) return valueOnly(SymValue::tensor(TensorInfo::unknown()));
  return valueOnly(SymValue::tensor(sameShape(*t.tensor(), dtypeKw(c, t.tensor()->dtype))));
}

/// arange(end) / arange(start, end[, step]) on integers.
OpOutcome arange(OpCall& c) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  std::vector<ExprRef> xs;
  for (std::size_t i = 0; i < c.argCount(); ++i) {
    ExprRef e = intOf(cx, c.arg(i));
    if (!e) break;
    xs.push_back(e);
  }
  if (const SymValue* s = c.kwarg("start"); s && xs.size() == 1)
    if (ExprRef e = intOf(cx, *s)) xs.insert(xs.begin(), e);
  if (const SymValue* s = c.kwarg("step"); s && xs.size() == 2)
    if (ExprRef e = intOf(cx, *s)) xs.push_back(e);
  const std::string dtype = dtypeKw(c, "i64");
  if (xs.empty() || xs.size() > 3) {
    o.value = SymValue::tensor(TensorInfo::unknown(dtype));
    return o;
  }
  ExprRef start = xs.size() == 1 ? cx.intConst(0) : xs[0];
  ExprRef end = xs.size() == 1 ? xs[0] : xs[1];
  ExprRef step = xs.size() == 3 ? xs[2] : cx.intConst(1);
  if (!step->isIntConst() || step->intValue() == 0) {
    o.value = SymValue::tensor(TensorInfo::withDims({nullptr}, dtype));
    if (!step->isIntConst()) o.preconditions.push_back(cx.ne(step, cx.intConst(0)));
    return o;
  }
  ExprRef len;
  if (step->intValue() > 0) {
    o.preconditions.push_back(cx.ge(end, start));
    len = step->intValue() == 1 ? cx.sub(end, start) : cx.ceilDiv(cx.sub(end, start), step);
  } else {
    o.preconditions.push_back(cx.le(end, start));
    len = cx.ceilDiv(cx.sub(start, end), cx.neg(step));
  }
  o.value = SymValue::tensor(TensorInfo::withDims({len}, dtype));
  return o;
}

namespace {

/// What a size entry is at run time with respect to -1: a constant -1, a value proved `>= 0`
/// (never -1), or an expression that may be -1 (`minusOne` is then `e == -1`).
struct SizeEntry {
  ExprRef e;
  ExprRef minusOne;  // Bool: true, false, or `Eq(e, -1)`
};

SizeEntry classify(OpCall& c, ExprRef e) {
  ExprContext& cx = c.cx;
  if (e->isIntConst()) return {e, cx.boolConst(e->intValue() == -1)};
  if (c.proves(cx.ge(e, cx.intConst(0)))) return {e, cx.falseExpr()};
  return {e, cx.eq(e, cx.intConst(-1))};
}

bool isFalse(ExprRef b) { return b->isBoolConst() && !b->boolValue(); }
bool isTrue(ExprRef b) { return b->isBoolConst() && b->boolValue(); }

}  // namespace

/// view/reshape/_unsafe_view/view_copy, after ATen's infer_size_impl
/// (aten/src/ATen/InferSize.h): at most one entry may be -1 ("only one dimension can be
/// inferred"); every other entry must be `> -1` ("invalid shape dimension"); with a -1, the
/// product of the others must be non-zero and divide numel, and the -1 becomes numel / product;
/// without one, numel must equal the product. A symbolic entry may be -1 at run time, so unless
/// it is proved `>= 0` the result dim is `entry == -1 ? numel // product : entry`.
OpOutcome view(OpCall& c) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  const SymValue& t = c.arg(0);
  std::string dtype = t.isTensor() ? t.tensor()->dtype : "";
  auto sizes = intsOf(cx, c.arg(1).isList() ? c.arg(1).items() : listOrVarargs(c, 1));
  if (!sizes) {
    o.value = SymValue::tensor(TensorInfo::unknown(dtype));
    return o;
  }
  ExprRef zero = cx.intConst(0), one = cx.intConst(1);
  std::vector<SizeEntry> es;
  for (ExprRef e : *sizes) {
    es.push_back(classify(c, e));
    if (!isTrue(es.back().minusOne)) o.preconditions.push_back(cx.ge(e, cx.intConst(-1)));
  }
  // at most one -1
  for (std::size_t i = 0; i < es.size(); ++i)
    for (std::size_t j = i + 1; j < es.size(); ++j)
      if (!isFalse(es[i].minusOne) && !isFalse(es[j].minusOne))
        o.preconditions.push_back(cx.lnot(cx.land(es[i].minusOne, es[j].minusOne)));
  std::vector<ExprRef> factors, flags;
  bool symbolic = false, inferred = false;
  for (const SizeEntry& s : es) {
    if (isFalse(s.minusOne)) {
      factors.push_back(s.e);
    } else if (isTrue(s.minusOne)) {
      inferred = true;
    } else {
      symbolic = true;
      flags.push_back(s.minusOne);
      factors.push_back(cx.where(s.minusOne, one, s.e));
    }
  }
  ExprRef numel = t.isTensor() ? numelOf(c, *t.tensor(), o.preconditions) : nullptr;
  ExprRef newsize = product(cx, factors);
  std::vector<ExprRef> dims = *sizes;
  if (!symbolic) {
    if (inferred) {
      ExprRef d = nullptr;
      if (numel) {
        o.preconditions.push_back(cx.ne(newsize, zero));
        o.preconditions.push_back(cx.eq(cx.pythonMod(numel, newsize), zero));
        d = cx.floorDiv(numel, newsize);
      }
      for (std::size_t i = 0; i < es.size(); ++i)
        if (isTrue(es[i].minusOne)) dims[i] = d;
    } else if (numel) {
      o.preconditions.push_back(cx.eq(newsize, numel));
    }
    o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), dtype));
    return o;
  }
  // Some entry may or may not be -1. The quotient divides by Max(newsize, 1): the same value
  // where a -1 is inferred (newsize > 0 there), and never a division by zero elsewhere.
  ExprRef any = inferred ? cx.trueExpr() : cx.lor(flags);
  ExprRef d = nullptr;
  if (numel) {
    ExprRef divisor = cx.max(newsize, one);
    ExprRef inferOk = cx.land(cx.gt(newsize, zero), cx.eq(cx.pythonMod(numel, divisor), zero));
    o.preconditions.push_back(cx.lor(cx.lnot(any), inferOk));
    if (!inferred) o.preconditions.push_back(cx.lor(any, cx.eq(newsize, numel)));
    d = cx.floorDiv(numel, divisor);
  }
  for (std::size_t i = 0; i < es.size(); ++i) {
    if (isFalse(es[i].minusOne)) continue;
    if (isTrue(es[i].minusOne) || !d) dims[i] = d;
    else dims[i] = cx.where(es[i].minusOne, d, es[i].e);
  }
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), dtype));
  return o;
}

/// expand, after ATen's inferExpandGeometry (aten/src/ATen/ExpandUtils.cpp): sizes align at the
/// end; a -1 keeps the existing dim, and is an error in a leading, non-existing dim ("isn't
/// allowed in a leading, non-existing dimension"); any other target must equal the existing
/// size or the existing size must be 1 ("must match the existing size"), and a negative target
/// raises. A symbolic target may be -1: unless proved `>= 0`, the dim is `s == -1 ? d : s`.
OpOutcome expand(OpCall& c) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  const SymValue& t = c.arg(0);
  std::string dtype = t.isTensor() ? t.tensor()->dtype : "";
  auto sizes = intsOf(cx, c.arg(1).isList() ? c.arg(1).items() : listOrVarargs(c, 1));
  if (!sizes || !t.isTensor() || !t.tensor()->rankKnown || t.tensor()->dims.size() > sizes->size()) {
    o.value = SymValue::tensor(TensorInfo::unknown(dtype));
    return o;
  }
  TensorInfo& in = *t.tensor();
  ExprRef zero = cx.intConst(0), one = cx.intConst(1);
  const std::size_t lead = sizes->size() - in.dims.size();
  std::vector<ExprRef> dims(sizes->size(), nullptr);
  for (std::size_t i = 0; i < sizes->size(); ++i) {
    ExprRef s = (*sizes)[i];
    if (i < lead) {  // a new leading dim: -1 and any negative size raise
      o.preconditions.push_back(cx.ge(s, zero));
      dims[i] = s;
      continue;
    }
    ExprRef d = c.dimOf(in, static_cast<std::int64_t>(i - lead), nullptr, o.guarantees);
    const SizeEntry e = classify(c, s);
    ExprRef matches = cx.land(cx.ge(s, zero), cx.lor(cx.eq(d, one), cx.eq(d, s)));
    if (isTrue(e.minusOne)) {
      dims[i] = d;
    } else if (isFalse(e.minusOne)) {
      dims[i] = s;
      if (d != s) o.preconditions.push_back(matches);
      else if (!s->isIntConst()) o.preconditions.push_back(cx.ge(s, zero));
    } else {
      dims[i] = cx.where(e.minusOne, d, s);
      o.preconditions.push_back(cx.lor(e.minusOne, matches));
    }
  }
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), dtype));
  return o;
}

/// cat/concat: sizes add up on `dim`; the other dims must agree (the op raises otherwise).
OpOutcome cat(OpCall& c) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  const SymValue& list = c.arg(0);
  const SymValue& dimV = c.argOr(1, "dim");
  std::int64_t dim = dimV.isNone() ? 0 : constInt(dimV).value_or(kInt64Max);
  if (!list.isList() || list.items().empty() || dim == kInt64Max) {
    o.value = SymValue::tensor(TensorInfo::unknown());
    return o;
  }
  std::vector<TensorInfo*> ts;
  for (const auto& v : list.items()) {
    if (!v.isTensor() || !v.tensor()->rankKnown) {
      o.value = SymValue::tensor(TensorInfo::unknown());
      return o;
    }
    ts.push_back(v.tensor());
  }
  const auto rank = static_cast<std::int64_t>(ts[0]->dims.size());
  for (auto* t : ts)
    if (static_cast<std::int64_t>(t->dims.size()) != rank) {
      o.value = SymValue::tensor(TensorInfo::unknown(ts[0]->dtype));
      return o;
    }
  if (dim < 0) dim += rank;
  if (dim < 0 || dim >= rank) {
    o.value = SymValue::tensor(TensorInfo::unknown(ts[0]->dtype));
    return o;
  }
  std::vector<ExprRef> dims(static_cast<std::size_t>(rank));
  std::vector<ExprRef> parts;
  for (auto* t : ts) parts.push_back(c.dimOf(*t, dim, nullptr, o.guarantees));
  for (std::int64_t i = 0; i < rank; ++i) {
    if (i == dim) {
      dims[static_cast<std::size_t>(i)] = parts.size() == 1 ? parts[0] : cx.add(parts);
      continue;
    }
    ExprRef first = c.dimOf(*ts[0], i, nullptr, o.guarantees);
    dims[static_cast<std::size_t>(i)] = first;
    for (std::size_t k = 1; k < ts.size(); ++k) {
      ExprRef other = c.dimOf(*ts[k], i, nullptr, o.guarantees);
      if (other != first) o.preconditions.push_back(cx.eq(other, first));
    }
  }
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), ts[0]->dtype));
  return o;
}

/// Resolves dim argument `dimV` against tensor `t`; nullopt when unknown.
static std::optional<std::int64_t> normDim(const TensorInfo& t, const SymValue& dimV, std::int64_t dflt) {
  std::int64_t d = dimV.isNone() ? dflt : constInt(dimV).value_or(kInt64Max);
  if (d == kInt64Max || !t.rankKnown) return std::nullopt;
  const auto r = static_cast<std::int64_t>(t.dims.size());
  if (d < 0) d += r;
  if (d < 0 || d >= r) return std::nullopt;
  return d;
}

OpOutcome narrow(OpCall& c) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  const SymValue& t = c.arg(0);
  if (!t.isTensor()) return valueOnly(SymValue::tensor(TensorInfo::unknown()));
  TensorInfo& in = *t.tensor();
  auto d = normDim(in, c.argOr(1, "dim"), 0);
  ExprRef start = intOf(cx, c.argOr(2, "start"));
  ExprRef length = intOf(cx, c.argOr(3, "length"));
  if (!d || !start || !length) return valueOnly(SymValue::tensor(TensorInfo::unknown(in.dtype)));
  ExprRef n = c.dimOf(in, *d, nullptr, o.guarantees);
  ExprRef zero = cx.intConst(0);
  ExprRef s = cx.where(cx.lt(start, zero), cx.add(start, n), start);
  o.preconditions.push_back(cx.ge(length, zero));
  o.preconditions.push_back(cx.ge(start, cx.neg(n)));
  o.preconditions.push_back(cx.le(start, n));
  o.preconditions.push_back(cx.le(cx.add(s, length), n));
  std::vector<ExprRef> dims = in.dims;
  dims[static_cast<std::size_t>(*d)] = length;
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), in.dtype));
  return o;
}

/// Python's clamped slice bound: `b < 0 ? max(b + n, 0) : min(b, n)`.
static ExprRef sliceBound(ExprContext& cx, ExprRef b, ExprRef n) {
  ExprRef zero = cx.intConst(0);
  if (b->isIntConst())
    return b->intValue() < 0 ? cx.max(cx.add(b, n), zero) : cx.min(b, n);
  return cx.where(cx.lt(b, zero), cx.max(cx.add(b, n), zero), cx.min(b, n));
}

OpOutcome sliceOp(OpCall& c) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  const SymValue& t = c.arg(0);
  if (!t.isTensor()) return valueOnly(SymValue::tensor(TensorInfo::unknown()));
  TensorInfo& in = *t.tensor();
  auto d = normDim(in, c.argOr(1, "dim"), 0);
  const SymValue& sv = c.argOr(2, "start");
  const SymValue& ev = c.argOr(3, "end");
  const SymValue& stv = c.argOr(4, "step");
  if (!d) return valueOnly(SymValue::tensor(TensorInfo::unknown(in.dtype)));
  std::int64_t step = stv.isNone() ? 1 : constInt(stv).value_or(0);
  ExprRef start = sv.isNone() ? cx.intConst(0) : intOf(cx, sv);
  ExprRef n = c.dimOf(in, *d, nullptr, o.guarantees);
  ExprRef end = ev.isNone() ? n : intOf(cx, ev);
  std::vector<ExprRef> dims = in.dims;
  if (step <= 0 || !start || !end) {
    if (step < 0 || (stv.isInt() && stv.expr()->isIntConst() && step == 0))
      o.preconditions.push_back(cx.falseExpr());  // slice step must be positive
    dims[static_cast<std::size_t>(*d)] = nullptr;
    o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), in.dtype));
    return o;
  }
  if (end->isIntConst() && end->intValue() >= kInt64Max - 1) end = n;
  ExprRef s = sliceBound(cx, start, n);
  ExprRef e = end == n ? n : sliceBound(cx, end, n);
  ExprRef diff = cx.sub(e, s);
  ExprRef len = step == 1 ? cx.max(diff, cx.intConst(0))
                          : cx.max(cx.ceilDiv(diff, cx.intConst(step)), cx.intConst(0));
  dims[static_cast<std::size_t>(*d)] = len;
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), in.dtype));
  return o;
}

/// select(t, dim, i): needs -size <= i < size.
static OpOutcome selectAt(OpCall& c, const SymValue& t, std::int64_t dimDefault, const SymValue& dimV,
                   const SymValue& idx) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  if (!t.isTensor()) return valueOnly(SymValue::tensor(TensorInfo::unknown()));
  TensorInfo& in = *t.tensor();
  auto d = normDim(in, dimV, dimDefault);
  ExprRef i = intOf(cx, idx);
  if (!d) return valueOnly(SymValue::tensor(TensorInfo::unknown(in.dtype)));
  ExprRef n = c.dimOf(in, *d, nullptr, o.guarantees);
  if (i) {
    o.preconditions.push_back(cx.ge(i, cx.neg(n)));
    o.preconditions.push_back(cx.lt(i, n));
    o.raisesModelled = true;
  }
  std::vector<ExprRef> dims = in.dims;
  dims.erase(dims.begin() + *d);
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), in.dtype));
  return o;
}

OpOutcome selectOp(OpCall& c) { return selectAt(c, c.arg(0), 0, c.argOr(1, "dim"), c.argOr(2, "index")); }

OpOutcome unsqueeze(OpCall& c) {
  const SymValue& t = c.arg(0);
  if (!t.isTensor() || !t.tensor()->rankKnown)
    return valueOnly(SymValue::tensor(TensorInfo::unknown(t.isTensor() ? t.tensor()->dtype : "")));
  auto d = constInt(c.argOr(1, "dim"));
  const auto r = static_cast<std::int64_t>(t.tensor()->dims.size());
  if (!d) return valueOnly(SymValue::tensor(TensorInfo::unknown(t.tensor()->dtype)));
  std::int64_t k = *d < 0 ? *d + r + 1 : *d;
  if (k < 0 || k > r) return {};
  std::vector<ExprRef> dims = t.tensor()->dims;
  dims.insert(dims.begin() + k, c.cx.intConst(1));
  return valueOnly(SymValue::tensor(TensorInfo::withDims(std::move(dims), t.tensor()->dtype)));
}

OpOutcome permute(OpCall& c) {
  const SymValue& t = c.arg(0);
  std::string dtype = t.isTensor() ? t.tensor()->dtype : "";
  auto order = intsOf(c.cx, c.arg(1).isList() ? c.arg(1).items() : listOrVarargs(c, 1));
  if (!t.isTensor() || !t.tensor()->rankKnown || !order ||
      order->size() != t.tensor()->dims.size())
    return valueOnly(SymValue::tensor(TensorInfo::unknown(dtype)));
  const auto r = static_cast<std::int64_t>(order->size());
  std::vector<ExprRef> dims;
  for (ExprRef e : *order) {
    if (!e->isIntConst()) return valueOnly(SymValue::tensor(TensorInfo::unknown(dtype)));
    std::int64_t k = e->intValue() < 0 ? e->intValue() + r : e->intValue();
    if (k < 0 || k >= r) return {};
    dims.push_back(t.tensor()->dims[static_cast<std::size_t>(k)]);
  }
  return valueOnly(SymValue::tensor(TensorInfo::withDims(std::move(dims), dtype)));
}

OpOutcome transpose(OpCall& c) {
  const SymValue& t = c.arg(0);
  std::string dtype = t.isTensor() ? t.tensor()->dtype : "";
  if (!t.isTensor() || !t.tensor()->rankKnown)
    return valueOnly(SymValue::tensor(TensorInfo::unknown(dtype)));
  const auto r = static_cast<std::int64_t>(t.tensor()->dims.size());
  std::int64_t a = 0, b = 1;
  if (c.argCount() >= 3) {
    auto x = constInt(c.arg(1)), y = constInt(c.arg(2));
    if (!x || !y) return valueOnly(SymValue::tensor(TensorInfo::unknown(dtype)));
    a = *x < 0 ? *x + r : *x;
    b = *y < 0 ? *y + r : *y;
  } else if (r < 2) {
    return valueOnly(SymValue::tensor(sameShape(*t.tensor(), dtype)));
  }
  if (a < 0 || b < 0 || a >= r || b >= r) return {};
  std::vector<ExprRef> dims = t.tensor()->dims;
  std::swap(dims[static_cast<std::size_t>(a)], dims[static_cast<std::size_t>(b)]);
  return valueOnly(SymValue::tensor(TensorInfo::withDims(std::move(dims), dtype)));
}

/// nonzero(t): [u, rank(t)] with a fresh u, 0 <= u <= numel(t).
OpOutcome nonzero(OpCall& c) {
  OpOutcome o;
  ExprContext& cx = c.cx;
  const SymValue& t = c.arg(0);
  ExprRef u = c.fresh(ExprType::Int, c.annotatedDim(0));
  o.guarantees.push_back(cx.ge(u, cx.intConst(0)));
  std::vector<ExprRef> dims{u, nullptr};
  if (t.isTensor()) {
    TensorInfo& in = *t.tensor();
    if (in.rankKnown) dims[1] = cx.intConst(static_cast<std::int64_t>(in.dims.size()));
    if (ExprRef n = numelOf(c, in, o.guarantees)) o.guarantees.push_back(cx.le(u, n));
  }
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), "i64"));
  return o;
}

/// clamp on a scalar: Max/Min; on a tensor: the same shape, elements within the bounds.
OpOutcome clamp(OpCall& c) {
  ExprContext& cx = c.cx;
  const SymValue& x = c.arg(0);
  ExprRef lo = intOf(cx, c.argOr(1, "min"));
  ExprRef hi = intOf(cx, c.argOr(2, "max"));
  if (x.isInt()) {
    ExprRef e = x.expr();
    if (lo) e = cx.max(e, lo);
    if (hi) e = cx.min(e, hi);
    return valueOnly(SymValue::scalar(e));
  }
  if (!x.isTensor()) return {};
  auto out = sameShape(*x.tensor(), x.tensor()->dtype);
  // NaN survives clamp (it never satisfies a bound): only tensors known to hold integers
  if (out->isIntegralDtype()) {
    out->elemLo = lo;
    out->elemHi = (lo && hi) ? cx.max(lo, hi) : hi;  // clamp(min > max) gives max everywhere
    if (lo && hi) out->elemLo = cx.min(lo, hi);
  }
  return valueOnly(SymValue::tensor(std::move(out)));
}

OpOutcome elementwise(OpCall& c) {
  const SymValue& t = c.arg(0);
  if (!t.isTensor()) return valueOnly(SymValue::tensor(TensorInfo::unknown()));
  return valueOnly(SymValue::tensor(sameShape(*t.tensor(), dtypeKw(c, t.tensor()->dtype))));
}

OpOutcome elementwiseBool(OpCall& c) {
  const SymValue& t = c.arg(0);
  if (!t.isTensor()) return valueOnly(SymValue::tensor(TensorInfo::unknown("b8")));
  return valueOnly(SymValue::tensor(sameShape(*t.tensor(), "b8")));
}

OpOutcome binaryTensor(OpCall& c) { return broadcast(c, c.arg(0), c.arg(1), ""); }
OpOutcome compareTensor(OpCall& c) { return broadcast(c, c.arg(0), c.arg(1), "b8"); }

/// sum/max/min/mean/... : without dims a 0-d tensor; with a dim list the dims go (keepdim: 1).
OpOutcome reduce(OpCall& c) {
  const SymValue& t = c.arg(0);
  std::string dtype = t.isTensor() ? t.tensor()->dtype : "";
  const SymValue& dimV = c.argOr(1, "dim");
  if (dimV.isNone()) return tensorOf({}, dtype);
  if (!t.isTensor() || !t.tensor()->rankKnown)
    return valueOnly(SymValue::tensor(TensorInfo::unknown(dtype)));
  std::vector<SymValue> ds = dimV.isList() ? dimV.items() : std::vector<SymValue>{dimV};
  const auto r = static_cast<std::int64_t>(t.tensor()->dims.size());
  std::vector<bool> drop(static_cast<std::size_t>(r), false);
  for (const auto& dv : ds) {
    auto d = constInt(dv);
    if (!d) return valueOnly(SymValue::tensor(TensorInfo::unknown(dtype)));
    std::int64_t k = *d < 0 ? *d + r : *d;
    if (k < 0 || k >= r) return {};
    drop[static_cast<std::size_t>(k)] = true;
  }
  const SymValue& keep = c.argOr(2, "keepdim");
  const bool keepdim = keep.isBool() && keep.expr()->isBoolConst() && keep.expr()->boolValue();
  std::vector<ExprRef> dims;
  for (std::int64_t i = 0; i < r; ++i) {
    if (!drop[static_cast<std::size_t>(i)])
      dims.push_back(t.tensor()->dims[static_cast<std::size_t>(i)]);
    else if (keepdim)
      dims.push_back(c.cx.intConst(1));
  }
  // max/min with an int dim return (values, indices)
  const std::string key = opKey(c.node);
  if (dimV.isInt() && (key.ends_with("::max") || key.ends_with("::min"))) {
    auto values = TensorInfo::withDims(dims, dtype);
    auto indices = TensorInfo::withDims(dims, "i64");
    return valueOnly(SymValue::list({SymValue::tensor(values), SymValue::tensor(indices)}, true));
  }
  return tensorOf(std::move(dims), dtype);
}

OpOutcome getitem(OpCall& c) {
  const SymValue& x = c.arg(0);
  const SymValue& i = c.arg(1);
  if (x.isList()) {
    auto k = constInt(i);
    if (!k) return {};
    const auto n = static_cast<std::int64_t>(x.items().size());
    std::int64_t j = *k < 0 ? *k + n : *k;
    if (j < 0 || j >= n) return {};
    return modelled(valueOnly(x.items()[static_cast<std::size_t>(j)]));
  }
  if (x.isTensor()) {
    if (i.isInt()) return selectAt(c, x, 0, SymValue::none(), i);
    return valueOnly(SymValue::tensor(TensorInfo::unknown(x.tensor()->dtype)));
  }
  return {};
}

/// An in-place op returns argument 0 itself (the analysis then forgets what it changed).
OpOutcome inPlace(OpCall& c) {
  if (c.arg(0).isTensor()) return valueOnly(c.arg(0));
  return {};
}

}  // namespace symrange::engine::ops
