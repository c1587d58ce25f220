// engine/ops/SymValue.h — the symbolic value of a node: a SymInt/SymBool/SymFloat expression, a
// tensor (its shape as expressions), a list/tuple of values, a sub-graph reference, None, or
// an opaque value the engine does not understand (which guarantees nothing).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ir/Expr.h"

namespace symrange::ir {
class Graph;
}

namespace symrange::engine {

/// What the engine knows about a tensor. Shared between every copy of the value (a list
/// element, a `getitem` of it), so a dimension materialized once is the same symbol everywhere.
struct TensorInfo {
  /// false when the rank is unknown (then `dims` is empty and `lazyDims` holds the dims
  /// materialized so far, by non-negative index).
  bool rankKnown = false;
  /// One expression per dim; nullptr for a dim not known yet (materialized on first use as a
  /// fresh symbol `>= 0`).
  std::vector<ir::ExprRef> dims;
  std::map<std::int64_t, ir::ExprRef> lazyDims;
  /// Names for dims materialized later (the annotation of an opaque tensor), by index.
  std::vector<ir::ExprRef> dimHints;
  std::string dtype;  // "f32", "i64", "b8", ... ("" when unknown)
  /// The element of a 0-d tensor built by `scalar_tensor(x)`: x itself.
  ir::ExprRef scalar = nullptr;
  /// Bounds every element satisfies (from `clamp`), for `item()` of the tensor.
  ir::ExprRef elemLo = nullptr;
  ir::ExprRef elemHi = nullptr;
  /// The opaque boolean standing for the truth value of this (data-dependent) tensor when it is
  /// used as a `cond` predicate; created once.
  ir::ExprRef truth = nullptr;

  [[nodiscard]] static std::shared_ptr<TensorInfo> unknown(std::string dtype = {}) {
    auto t = std::make_shared<TensorInfo>();
    t->dtype = std::move(dtype);
    return t;
  }
  [[nodiscard]] static std::shared_ptr<TensorInfo> withDims(std::vector<ir::ExprRef> dims,
                                                            std::string dtype = {}) {
    auto t = std::make_shared<TensorInfo>();
    t->rankKnown = true;
    t->dims = std::move(dims);
    t->dtype = std::move(dtype);
    return t;
  }
  /// True when every dim is known.
  [[nodiscard]] bool shapeKnown() const {
    if (!rankKnown) return false;
    for (auto d : dims)
      if (d == nullptr) return false;
    return true;
  }
  [[nodiscard]] bool isFloatDtype() const {
    return dtype == "f16" || dtype == "bf16" || dtype == "f32" || dtype == "f64" ||
           dtype.rfind("f8", 0) == 0 || dtype == "c64" || dtype == "c128";
  }
  [[nodiscard]] bool isBoolDtype() const { return dtype == "b8"; }
  /// Known to hold integers ("i64", "u8", ...). An unknown dtype ("", the `.code` form) may
  /// hold floats, NaN included.
  [[nodiscard]] bool isIntegralDtype() const {
    return dtype.size() >= 2 && (dtype[0] == 'i' || dtype[0] == 'u') &&
           dtype.find_first_not_of("0123456789", 1) == std::string::npos;
  }
};

class SymValue {
 public:
  enum class Kind : std::uint8_t { None, Opaque, Int, Bool, Float, Tensor, List, Graph };

  SymValue() = default;
  [[nodiscard]] static SymValue none() { return SymValue(Kind::None); }
  [[nodiscard]] static SymValue opaque() { return SymValue(Kind::Opaque); }
  /// An Int, Bool or Float value from the expression's type.
  [[nodiscard]] static SymValue scalar(ir::ExprRef e) {
    SymValue v(e->type() == ir::ExprType::Int    ? Kind::Int
               : e->type() == ir::ExprType::Bool ? Kind::Bool
                                                 : Kind::Float);
    v.expr_ = e;
    return v;
  }
  [[nodiscard]] static SymValue tensor(std::shared_ptr<TensorInfo> t) {
    SymValue v(Kind::Tensor);
    v.tensor_ = std::move(t);
    return v;
  }
  [[nodiscard]] static SymValue list(std::vector<SymValue> items, bool tuple) {
    SymValue v(Kind::List);
    v.items_ = std::make_shared<std::vector<SymValue>>(std::move(items));
    v.tuple_ = tuple;
    return v;
  }
  [[nodiscard]] static SymValue graph(ir::Graph* g) {
    SymValue v(Kind::Graph);
    v.graph_ = g;
    return v;
  }

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool isNone() const { return kind_ == Kind::None; }
  [[nodiscard]] bool isOpaque() const { return kind_ == Kind::Opaque; }
  [[nodiscard]] bool isInt() const { return kind_ == Kind::Int; }
  [[nodiscard]] bool isBool() const { return kind_ == Kind::Bool; }
  [[nodiscard]] bool isFloat() const { return kind_ == Kind::Float; }
  [[nodiscard]] bool isScalar() const { return expr_ != nullptr; }
  [[nodiscard]] bool isTensor() const { return kind_ == Kind::Tensor; }
  [[nodiscard]] bool isList() const { return kind_ == Kind::List; }
  [[nodiscard]] bool isGraph() const { return kind_ == Kind::Graph; }

  /// The expression of an Int/Bool/Float value (nullptr otherwise).
  [[nodiscard]] ir::ExprRef expr() const { return expr_; }
  [[nodiscard]] TensorInfo* tensor() const { return tensor_.get(); }
  [[nodiscard]] const std::shared_ptr<TensorInfo>& tensorPtr() const { return tensor_; }
  [[nodiscard]] const std::vector<SymValue>& items() const {
    static const std::vector<SymValue> empty;
    return items_ ? *items_ : empty;
  }
  [[nodiscard]] bool isTuple() const { return tuple_; }
  [[nodiscard]] ir::Graph* graph() const { return graph_; }

 private:
  explicit SymValue(Kind k) : kind_(k) {}
  Kind kind_ = Kind::Opaque;
  ir::ExprRef expr_ = nullptr;
  std::shared_ptr<TensorInfo> tensor_;
  std::shared_ptr<std::vector<SymValue>> items_;
  bool tuple_ = false;
  ir::Graph* graph_ = nullptr;
};

}  // namespace symrange::engine
