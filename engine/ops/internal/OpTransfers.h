// engine/ops/internal/OpTransfers.h — internal to the registry (engine/ops/OpSemantics.cpp): the
// transfer functions the table names, grouped by the file defining them, and their shared helpers.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/ops/OpSemantics.h"

namespace symrange::engine::ops {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// ---- helpers (OpSupport.cpp)
/// The integer a value stands for (Bool constants count as 0/1, as in Python), or nullptr.
ir::ExprRef intOf(ir::ExprContext& cx, const SymValue& v);
std::optional<std::int64_t> constInt(const SymValue& v);
/// The items of a list value, or of a varargs call starting at positional `from`.
std::vector<SymValue> listOrVarargs(const OpCall& c, std::size_t from);
/// Int expressions of `items`; nullopt when one is not an integer.
std::optional<std::vector<ir::ExprRef>> intsOf(ir::ExprContext& cx, const std::vector<SymValue>& items);
ir::ExprRef product(ir::ExprContext& cx, const std::vector<ir::ExprRef>& xs);
/// numel of `t`, materializing unknown dims; nullptr when the rank is unknown.
ir::ExprRef numelOf(OpCall& c, TensorInfo& t, std::vector<ir::ExprRef>& facts);
/// The `dtype=` keyword as a short dtype name ("f32"), `fallback` when absent or unknown.
std::string dtypeKw(const OpCall& c, std::string fallback);
OpOutcome valueOnly(SymValue v);
/// `o` with OpOutcome::raisesModelled set: its preconditions are the whole raising condition.
OpOutcome modelled(OpOutcome o);
OpOutcome tensorOf(std::vector<ir::ExprRef> dims, std::string dtype);
/// A tensor with the same shape as `t` (its dims copied) but none of its other facts.
std::shared_ptr<TensorInfo> sameShape(const TensorInfo& t, std::string dtype);
ir::ExprRef iff(ir::ExprContext& cx, ir::ExprRef a, ir::ExprRef b);
/// Broadcast shape of two tensors (or a tensor and a scalar) with the broadcast precondition.
OpOutcome broadcast(OpCall& c, const SymValue& a, const SymValue& b, std::string dtype);

// ---- Python operators, torch.sym_*, math (OpsScalar.cpp)
OpOutcome opSub(OpCall& c);
OpOutcome opNeg(OpCall& c);
OpOutcome opPos(OpCall& c);
OpOutcome opAbs(OpCall& c);
OpOutcome logicAnd(OpCall& c);
OpOutcome logicOr(OpCall& c);
OpOutcome logicNot(OpCall& c);
OpOutcome symMax(OpCall& c);
OpOutcome symMin(OpCall& c);
OpOutcome symSum(OpCall& c);
OpOutcome symFloat(OpCall& c);
OpOutcome symInt(OpCall& c);
OpOutcome intIdentity(OpCall& c);
OpOutcome symIte(OpCall& c);
OpOutcome opAdd(OpCall& c);
OpOutcome opMul(OpCall& c);
OpOutcome opFloorDiv(OpCall& c);
OpOutcome opMod(OpCall& c);
OpOutcome opTrueDiv(OpCall& c);
OpOutcome opPow(OpCall& c);
OpOutcome opLt(OpCall& c);
OpOutcome opLe(OpCall& c);
OpOutcome opGt(OpCall& c);
OpOutcome opGe(OpCall& c);
OpOutcome opEq(OpCall& c);
OpOutcome opNe(OpCall& c);

// ---- tensor ops (OpsTensor.cpp)
OpOutcome symSize(OpCall& c);
OpOutcome symNumel(OpCall& c);
OpOutcome freshNonNegative(OpCall& c);
OpOutcome rankOf(OpCall& c);
OpOutcome item(OpCall& c);
OpOutcome scalarTensor(OpCall& c);
OpOutcome full(OpCall& c);
OpOutcome sizedFactory(OpCall& c);
OpOutcome newFactory(OpCall& c);
OpOutcome likeFactory(OpCall& c);
OpOutcome arange(OpCall& c);
OpOutcome view(OpCall& c);
OpOutcome expand(OpCall& c);
OpOutcome cat(OpCall& c);
OpOutcome narrow(OpCall& c);
OpOutcome sliceOp(OpCall& c);
OpOutcome selectOp(OpCall& c);
OpOutcome unsqueeze(OpCall& c);
OpOutcome permute(OpCall& c);
OpOutcome transpose(OpCall& c);
OpOutcome nonzero(OpCall& c);
OpOutcome clamp(OpCall& c);
OpOutcome elementwise(OpCall& c);
OpOutcome elementwiseBool(OpCall& c);
OpOutcome binaryTensor(OpCall& c);
OpOutcome compareTensor(OpCall& c);
OpOutcome reduce(OpCall& c);
OpOutcome getitem(OpCall& c);
OpOutcome inPlace(OpCall& c);

// ---- checks and range constraints (OpsCheck.cpp)
OpOutcome assertScalar(OpCall& c);
OpOutcome assertAsync(OpCall& c);
OpOutcome checkIsSize(OpCall& c);
OpOutcome constrainRange(OpCall& c);
OpOutcome constrainRangeForSize(OpCall& c);
OpOutcome control(OpCall& c);

}  // namespace symrange::engine::ops
