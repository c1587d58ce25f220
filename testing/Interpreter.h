// testing/Interpreter.h — the reference interpreter for the symbolic part of a graph.
// Evaluates every SymInt/SymBool node with Python semantics on concrete inputs, evaluates op
// preconditions (a negative size raises, a zero divisor raises), raises at the first failing
// check, runs the taken cond branch, and returns the symbolic outputs and concrete output shapes.
// It is written independently of engine/ and never uses the prover: it is the oracle the
// differential tests compare the engine against.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ir/Graph.h"

namespace symrange::testing {

/// A concrete value of a node.
struct RtValue {
  enum class Kind : std::uint8_t { None, Int, Bool, Float, Tensor, Tuple, Graph, Opaque };
  Kind kind = Kind::None;
  std::int64_t i = 0;                // Int, Bool (0/1)
  std::string big;                   // Int beyond int64 (Python ints): its decimal text, i unused
  double f = 0.0;                    // Float
  std::vector<std::int64_t> shape;   // Tensor
  /// Tensor: its storage, the scalar it holds when known (item() sources, scalar_tensor).
  /// Shared by views and written by in-place ops (`logical_not_`, `fill_`). For a float tensor
  /// (`floating`) the scalar is the bit pattern of its value as a double (an f32 tensor's value
  /// already rounded to float32).
  std::shared_ptr<std::optional<std::int64_t>> item = std::make_shared<std::optional<std::int64_t>>();
  bool floating = false;             // Tensor: f16/bf16/f32/f64 elements
  std::vector<RtValue> items;        // Tuple
  const ir::Graph* graph = nullptr;  // Graph (a get_attr of a sub-module)

  static RtValue ofInt(std::int64_t v) { RtValue r; r.kind = Kind::Int; r.i = v; return r; }
  static RtValue ofBool(bool v) { RtValue r; r.kind = Kind::Bool; r.i = v; return r; }
  bool operator==(const RtValue& o) const;
};

/// Concrete inputs: a scalar for each `i64[]`/`b8[]` placeholder that item() reads (by
/// placeholder name), and a value for each backed/unbacked symbol in input shapes (by name).
/// The scalar of a float placeholder (`f32[]`, `f64[]`) is the bit pattern of a double
/// (`std::bit_cast<std::int64_t>(v)`); an `f32[]` tensor holds it rounded to float32.
struct RtInputs {
  std::map<std::string, std::int64_t> scalars;
  std::map<std::string, std::int64_t> symbols;
};

struct RtOutcome {
  enum class Kind : std::uint8_t {
    Ok,           // ran to the end
    Raised,       // a check fired or an op raised: `node` says where, `what` says why
    Unsupported,  // the interpreter cannot evaluate something (inconclusive)
  };
  Kind kind = Kind::Ok;
  std::string node;
  std::string what;
  std::vector<RtValue> outputs;
  /// Values of every SymInt node that was evaluated, by graph path "/" node name (for range
  /// audits): e.g. "forward/item" -> 3.
  std::map<std::string, std::int64_t> seen;
  /// Names of the call nodes executed (any graph), for reachability audits.
  std::set<std::string> reached;
  /// For each executed `cond` node: the predicate's value (true = the true branch ran).
  std::map<std::string, bool> condTaken;
};

/// Runs `p` on `in`. Never throws for program behaviour (raises are outcomes).
[[nodiscard]] RtOutcome interpret(const ir::Program& p, const RtInputs& in);

}  // namespace symrange::testing
