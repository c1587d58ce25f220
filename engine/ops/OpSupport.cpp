// engine/ops/OpSupport.cpp — helpers shared by the transfer functions: reading operands as
// integers, shapes, broadcasting.
#include "engine/ops/internal/OpTransfers.h"

#include <algorithm>
#include <limits>
#include <map>

namespace symrange::engine::ops {

using ir::ExprContext;
using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

// ---------------------------------------------------------------------------------------------
// helpers



/// The integer a value stands for (Bool constants count as 0/1, as in Python), or nullptr.
ExprRef intOf(ExprContext& cx, const SymValue& v) {
  if (v.isInt()) return v.expr();
  if (v.isBool() && v.expr()->isBoolConst()) return cx.intConst(v.expr()->boolValue() ? 1 : 0);
  return nullptr;
}

std::optional<std::int64_t> constInt(const SymValue& v) {
  if (v.isInt() && v.expr()->isIntConst()) return v.expr()->intValue();
  return std::nullopt;
}

/// The items of a list value, or of a varargs call starting at positional `from`.
std::vector<SymValue> listOrVarargs(const OpCall& c, std::size_t from) {
  const SymValue& a = c.arg(from);
  if (a.isList()) return a.items();
  std::vector<SymValue> out;
  for (std::size_t i = from; i < c.argCount(); ++i) out.push_back(c.arg(i));
  return out;
}

/// Int expressions of `items`; nullopt when one is not an integer.
std::optional<std::vector<ExprRef>> intsOf(ExprContext& cx, const std::vector<SymValue>& items) {
  std::vector<ExprRef> out;
  for (const auto& v : items) {
    ExprRef e = intOf(cx, v);
    if (!e) return std::nullopt;
    out.push_back(e);
  }
  return out;
}

ExprRef product(ExprContext& cx, const std::vector<ExprRef>& xs) {
  if (xs.empty()) return cx.intConst(1);
  if (xs.size() == 1) return xs[0];
  return cx.mul(xs);
}

/// numel of `t`, materializing unknown dims; nullptr when the rank is unknown.
ExprRef numelOf(OpCall& c, TensorInfo& t, std::vector<ExprRef>& facts) {
  if (!t.rankKnown) return nullptr;
  std::vector<ExprRef> dims;
  for (std::size_t i = 0; i < t.dims.size(); ++i)
    dims.push_back(c.dimOf(t, static_cast<std::int64_t>(i), nullptr, facts));
  return product(c.cx, dims);
}

std::string dtypeKw(const OpCall& c, std::string fallback) {
  const ir::Argument* a = c.node.kwarg("dtype");
  if (!a) return fallback;
  if (const auto* raw = std::get_if<ir::Argument::Raw>(&a->value)) {
    static const std::map<std::string, std::string, std::less<>> names = {
        {"torch.float32", "f32"}, {"torch.float", "f32"},   {"torch.float64", "f64"},
        {"torch.double", "f64"},  {"torch.float16", "f16"}, {"torch.half", "f16"},
        {"torch.bfloat16", "bf16"}, {"torch.int64", "i64"}, {"torch.long", "i64"},
        {"torch.int32", "i32"},   {"torch.int", "i32"},     {"torch.int16", "i16"},
        {"torch.int8", "i8"},     {"torch.uint8", "u8"},    {"torch.bool", "b8"}};
    auto it = names.find(raw->text);
    if (it != names.end()) return it->second;
  }
  return "";
}

OpOutcome valueOnly(SymValue v) {
  OpOutcome o;
  o.value = std::move(v);
  return o;
}

OpOutcome modelled(OpOutcome o) {
  o.raisesModelled = true;
  return o;
}

OpOutcome tensorOf(std::vector<ExprRef> dims, std::string dtype) {
  return valueOnly(SymValue::tensor(TensorInfo::withDims(std::move(dims), std::move(dtype))));
}

/// A tensor with the same (shared-by-copy) shape as `t` but otherwise fresh facts.
std::shared_ptr<TensorInfo> sameShape(const TensorInfo& t, std::string dtype) {
  auto out = std::make_shared<TensorInfo>();
  out->rankKnown = t.rankKnown;
  out->dims = t.dims;
  out->dtype = std::move(dtype);
  return out;
}

ExprRef iff(ExprContext& cx, ExprRef a, ExprRef b) {
  return cx.lor(cx.land(a, b), cx.land(cx.lnot(a), cx.lnot(b)));
}

/// Broadcast shape of two tensors (or a tensor and a scalar); adds the broadcast precondition.
OpOutcome broadcast(OpCall& c, const SymValue& a, const SymValue& b, std::string dtype) {
  OpOutcome o;
  const TensorInfo* ta = a.isTensor() ? a.tensor() : nullptr;
  const TensorInfo* tb = b.isTensor() ? b.tensor() : nullptr;
  if (dtype.empty()) dtype = ta ? ta->dtype : tb ? tb->dtype : "";
  if (ta && !tb && (b.isScalar() || b.isNone())) {
    o.value = SymValue::tensor(sameShape(*ta, dtype));
    return o;
  }
  if (tb && !ta && a.isScalar()) {
    o.value = SymValue::tensor(sameShape(*tb, dtype));
    return o;
  }
  if (!ta || !tb || !ta->rankKnown || !tb->rankKnown) {
    o.value = SymValue::tensor(TensorInfo::unknown(dtype));
    return o;
  }
  const std::size_t r = std::max(ta->dims.size(), tb->dims.size());
  std::vector<ExprRef> dims(r, nullptr);
  for (std::size_t i = 0; i < r; ++i) {
    const std::size_t fromEnd = r - 1 - i;
    ExprRef da = fromEnd < ta->dims.size() ? ta->dims[ta->dims.size() - 1 - fromEnd] : nullptr;
    ExprRef db = fromEnd < tb->dims.size() ? tb->dims[tb->dims.size() - 1 - fromEnd] : nullptr;
    const bool hasA = fromEnd < ta->dims.size(), hasB = fromEnd < tb->dims.size();
    if (hasA && !hasB) {
      dims[i] = da;
    } else if (hasB && !hasA) {
      dims[i] = db;
    } else if (da && db) {
      ExprRef one = c.cx.intConst(1);
      if (da == db || db == one) {
        dims[i] = da;
      } else if (da == one) {
        dims[i] = db;
      } else {
        dims[i] = c.cx.where(c.cx.eq(da, one), db, da);
        o.preconditions.push_back(
            c.cx.lor(std::vector<ExprRef>{c.cx.eq(da, db), c.cx.eq(da, one), c.cx.eq(db, one)}));
      }
    }  // else unknown dim
  }
  o.value = SymValue::tensor(TensorInfo::withDims(std::move(dims), dtype));
  return o;
}

}  // namespace symrange::engine::ops
