// engine/ops/CustomOps.cpp — see CustomOps.h.
#include "engine/ops/CustomOps.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

#include "ir/ExprParser.h"

namespace symrange::engine {

using ir::ExprRef;
using ir::ExprType;

OpSpec CustomOp::spec() const {
  OpSpec s{key, pure ? OpEffect::Pure : OpEffect::Effect, &customTransfer};
  s.raises = pure ? Raises::OnPreconditions : Raises::Maybe;
  s.mutates = mutates ? Mutates::ArgumentsValuesAndSizes : Mutates::Nothing;
  return s;
}

CustomOpTable::CustomOpTable(std::vector<CustomOp> ops) : ops_(std::move(ops)) {}

const CustomOp* CustomOpTable::find(std::string_view key) const {
  for (auto it = ops_.rbegin(); it != ops_.rend(); ++it)
    if (it->key == key) return &*it;
  return nullptr;
}

std::string customOpKey(std::string_view target) {
  std::string_view t = target;
  if (t.starts_with("torch.ops.")) t.remove_prefix(10);
  std::string_view ns, name;
  if (auto colons = t.find("::"); colons != std::string_view::npos) {
    ns = t.substr(0, colons);
    name = t.substr(colons + 2);
  } else if (auto dot = t.find('.'); dot != std::string_view::npos) {
    ns = t.substr(0, dot);
    name = t.substr(dot + 1);
  } else {
    return "";
  }
  name = name.substr(0, name.find('.'));  // drop the overload
  if (ns.empty() || name.empty()) return "";
  return std::string(ns) + "::" + std::string(name);
}

std::optional<CustomOp::Returns> parseReturns(std::string_view s) {
  using R = CustomOp::Returns;
  if (s == "int") return R::Int;
  if (s == "bool") return R::Bool;
  if (s == "float") return R::Float;
  if (s == "tensor") return R::Tensor;
  if (s == "none") return R::None;
  return std::nullopt;
}

namespace {

/// `argN` -> N; nullopt for any other name.
std::optional<std::size_t> argIndex(std::string_view name) {
  if (!name.starts_with("arg") || name.size() == 3 || name.size() > 6) return std::nullopt;
  std::size_t i = 0;
  for (char ch : name.substr(3)) {
    if (ch < '0' || ch > '9') return std::nullopt;
    i = i * 10 + static_cast<std::size_t>(ch - '0');
  }
  return i;
}

std::string validateExpr(const CustomOp& op, const std::string& text) {
  ir::ExprContext scratch;
  ExprRef e;
  try {
    e = ir::parseExpr(scratch, text, ir::SourceLoc{"", 1, 1});
  } catch (const ir::InputError& err) {
    return "`" + text + "`: " + err.message();
  }
  if (e->type() != ExprType::Bool) return "`" + text + "` is not a condition";
  for (ExprRef s : ir::freeSymbols(e)) {
    if (s->name() == "result") {
      if (op.returns != CustomOp::Returns::Int)
        return "`" + text + "` names `result`, but only an \"int\" result can be constrained";
    } else if (!argIndex(s->name())) {
      return "`" + text + "` names `" + s->name() + "`: only `result` and `arg0`, `arg1`, ... may appear";
    }
  }
  return "";
}

}  // namespace

std::string validateCustomOp(const CustomOp& op) {
  if (op.key.empty() || op.key.find("::") == std::string::npos)
    return "the target must name a namespace and an op, e.g. `mylib::my_op`";
  if (op.key.starts_with("aten::") || op.key.starts_with("hop::") ||
      op.key.starts_with("operator::") || op.key.starts_with("builtins::") ||
      op.key.starts_with("math::") || op.key.starts_with("torch::") ||
      op.key.starts_with("method::"))
    return "`" + op.key + "` is not a custom op (its namespace belongs to PyTorch or Python)";
  for (const auto& s : opTable())
    if (s.key == op.key) return "`" + op.key + "` is built in; its semantics cannot be replaced";
  for (const auto* list : {&op.guarantees, &op.preconditions})
    for (const std::string& text : *list)
      if (std::string why = validateExpr(op, text); !why.empty()) return why;
  return "";
}

namespace {

ir::InputError opsError(const std::string& file, const std::string& where, const std::string& what) {
  return ir::InputError(ir::SourceLoc{file, 0, 0}, where + ": " + what);
}

std::vector<std::string> stringList(const nlohmann::json& v, const std::string& file,
                                    const std::string& where) {
  if (!v.is_array()) throw opsError(file, where, "expected a list of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string())
      throw opsError(file, where + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

}  // namespace

std::vector<CustomOp> parseCustomOps(std::string_view json, const std::string& file) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    throw opsError(file, "JSON", e.what());
  }
  if (!doc.is_object() || !doc.contains("ops") || !doc["ops"].is_array())
    throw opsError(file, "top level", "expected an object {\"ops\": [...]}");
  for (const auto& [k, v] : doc.items())
    if (k != "ops") throw opsError(file, k, "unknown key");
  std::vector<CustomOp> ops;
  const auto& list = doc["ops"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "ops[" + std::to_string(i) + "]";
    const auto& e = list[i];
    if (!e.is_object()) throw opsError(file, where, "expected an object");
    CustomOp op;
    for (const auto& [k, v] : e.items()) {
      const std::string at = where + "." + k;
      if (k == "target") {
        if (!v.is_string()) throw opsError(file, at, "expected a string");
        op.key = customOpKey(v.get<std::string>());
      } else if (k == "returns") {
        auto r = v.is_string() ? parseReturns(v.get<std::string>()) : std::nullopt;
        if (!r) throw opsError(file, at, "expected \"int\", \"bool\", \"float\", \"tensor\" or \"none\"");
        op.returns = *r;
      } else if (k == "guarantees") {
        op.guarantees = stringList(v, file, at);
      } else if (k == "preconditions") {
        op.preconditions = stringList(v, file, at);
      } else if (k == "pure" || k == "mutates") {
        if (!v.is_boolean()) throw opsError(file, at, "expected true or false");
        (k == "pure" ? op.pure : op.mutates) = v.get<bool>();
      } else {
        throw opsError(file, at, "unknown key (target, returns, guarantees, preconditions, pure, mutates)");
      }
    }
    if (!e.contains("target")) throw opsError(file, where, "missing \"target\"");
    if (op.pure && op.mutates) throw opsError(file, where, "an op that mutates is not pure");
    if (std::string why = validateCustomOp(op); !why.empty()) throw opsError(file, where, why);
    ops.push_back(std::move(op));
  }
  return ops;
}

std::vector<CustomOp> readCustomOpsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ir::InputError(ir::SourceLoc{path, 0, 0}, std::string("cannot open: ") + std::strerror(errno));
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parseCustomOps(data, path);
}

OpOutcome customTransfer(OpCall& c) {
  OpOutcome o;
  const CustomOp* op =
      c.semantics.customOps ? c.semantics.customOps->find(opKey(c.node)) : nullptr;
  SYMRANGE_ASSERT(op != nullptr);
  std::vector<std::pair<ExprRef, ExprRef>> subst;
  for (std::size_t i = 0; i < c.argCount(); ++i)
    if (c.arg(i).isInt()) subst.emplace_back(c.cx.symbol("arg" + std::to_string(i)), c.arg(i).expr());
  switch (op->returns) {
    case CustomOp::Returns::Int: {
      ExprRef r = c.fresh(ExprType::Int, c.annotatedSym());
      subst.emplace_back(c.cx.symbol("result"), r);
      o.value = SymValue::scalar(r);
      break;
    }
    case CustomOp::Returns::Bool:
      o.value = SymValue::scalar(c.fresh(ExprType::Bool, c.annotatedSym()));
      break;
    case CustomOp::Returns::Float:
      o.value = SymValue::scalar(c.fresh(ExprType::Float, c.annotatedSym()));
      break;
    case CustomOp::Returns::Tensor:
    case CustomOp::Returns::None:
      break;  // opaque: the annotation shapes it
  }
  // An expression over `result` and the integer arguments, or nullptr when it names an argument
  // that is absent or not an integer at this call.
  auto instantiate = [&](const std::string& text) -> ExprRef {
    ExprRef e;
    try {
      e = ir::parseExpr(c.cx, text, ir::SourceLoc{"", 1, 1});
    } catch (const ir::InputError&) {
      return nullptr;  // validated on load; never here
    }
    for (ExprRef s : ir::freeSymbols(e)) {
      bool bound = false;
      for (const auto& [from, to] : subst) bound = bound || from == s;
      if (!bound) return nullptr;
    }
    return c.cx.substitute(e, subst);
  };
  o.raisesModelled = true;
  for (const std::string& text : op->preconditions) {
    if (ExprRef e = instantiate(text)) o.preconditions.push_back(e);
    else o.raisesModelled = false;
  }
  for (const std::string& text : op->guarantees)
    if (ExprRef e = instantiate(text)) o.guarantees.push_back(e);
  return o;
}

}  // namespace symrange::engine
