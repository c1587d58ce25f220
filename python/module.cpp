// python/module.cpp — `symrange._native`, the C++ side of the Python package `symrange`:
// analyse a program (text or a file, `.pt2` included) and return the JSON report, the optimized
// text and the node names left in the optimized root graph; optimize a `.pt2` into another.
// Bad input raises symrange.InputError (a ValueError) with the `FILE: error: ...` message.
// The batch part (symrange.batch, docs/distributed.md): collect and shard files, analyse a list of
// files into per-file results (JSON text, tools/Batch.h resultToJson), and finish a run from
// such results: the report, JUnit XML, SARIF and exit code of `symrange verify`, by its own code.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include <iostream>

#include "engine/ops/CustomOps.h"
#include "engine/Engine.h"
#include "ir/Diagnostic.h"
#include "ir/pt2/Pt2.h"
#include "tools/Batch.h"

namespace py = pybind11;
using namespace symrange;

namespace {

engine::EngineOptions options(std::uint64_t budget, const std::string& semantics,
                              const std::string& inputs) {
  engine::EngineOptions o;
  if (budget > 0) o.budget.rlimit = budget;
  const auto constraints = engine::parseConstraintSemantics(semantics);
  if (!constraints) throw py::value_error("constraint_semantics must be 'aten' or 'range'");
  o.semantics.constraints = *constraints;
  const auto model = engine::parseInputModel(inputs);
  if (!model) throw py::value_error("inputs must be 'unchecked' or 'checked' (docs/input-model.md)");
  o.semantics.inputs = *model;
  return o;
}

py::dict result(engine::Engine& e, const std::string& file) {
  e.analyze();
  py::dict d;
  std::vector<std::string> warnings;
  for (const auto& w : e.analyze().warnings) warnings.push_back(w.node + " (" + w.graph + "): " + w.message);
  std::vector<std::pair<std::string, std::string>> explanations;
  for (const auto& c : e.analyze().checks) explanations.emplace_back(c.name + "\n" + c.graph, e.explain(c.name, c.graph));
  for (const auto& b : e.analyze().branches) explanations.emplace_back(b.name + "\n" + b.graph, e.explain(b.name, b.graph));
  e.optimize();
  d["report"] = e.report(file).dump();
  d["summary"] = e.summary(file);
  d["optimized"] = e.print();
  d["warnings"] = warnings;
  d["explanations"] = explanations;
  std::vector<std::string> remaining;
  for (const auto& n : e.program().root->nodes()) remaining.push_back(n->name());
  d["remaining"] = remaining;
  return d;
}

py::dict analyzeText(const std::string& text, const std::string& file, std::uint64_t budget,
                     const std::string& semantics, const std::string& inputs) {
  engine::Engine e = engine::Engine::fromText(text, file, options(budget, semantics, inputs));
  return result(e, file);
}

py::dict analyzeFile(const std::string& path, std::uint64_t budget, const std::string& semantics,
                     const std::string& inputs) {
  engine::Engine e = engine::Engine::fromFile(path, options(budget, semantics, inputs));
  return result(e, path);
}

py::dict optimizePt2(const std::string& src, const std::string& dst, std::uint64_t budget,
                     const std::string& semantics, const std::string& inputs) {
  ir::pt2::Pt2Program p = ir::pt2::readPt2(src);
  engine::Engine e(std::move(p.program), options(budget, semantics, inputs));
  py::dict d = result(e, src);
  ir::pt2::writePt2(e.program(), p.archive, dst);
  return d;
}

std::vector<std::string> analyseFiles(const std::vector<std::string>& files, std::uint64_t budget,
                                      const std::string& semantics, const std::string& inputs,
                                      const std::string& ops, std::uint64_t maxFileBytes) {
  tools::BatchOptions o;
  o.engine = options(budget, semantics, inputs);
  if (!ops.empty())
    o.engine.semantics.customOps = std::make_shared<engine::CustomOpTable>(engine::readCustomOpsFile(ops));
  if (maxFileBytes > 0) o.maxFileBytes = maxFileBytes;
  std::vector<std::string> wires;
  py::gil_scoped_release unlocked;  // other Python threads of the worker run meanwhile
  for (const auto& f : files) wires.push_back(tools::resultToJson(tools::analyseFile(f, o)).dump());
  return wires;
}

std::pair<int, std::string> finishBatch(const std::vector<std::string>& wires, bool complete,
                                        unsigned shardIndex, unsigned shardTotal,
                                        const std::string& report, const std::string& junit,
                                        const std::string& sarif) {
  std::vector<tools::FileResult> results;
  for (const auto& w : wires) {
    auto j = nlohmann::ordered_json::parse(w, nullptr, false);
    if (j.is_discarded()) throw py::value_error("a file result is not JSON");
    try {
      results.push_back(tools::resultFromJson(j));
    } catch (const std::exception& e) {
      throw py::value_error(std::string("not a file result: ") + e.what());
    }
  }
  const tools::BatchOutcome outcome =
      tools::finishBatch(std::move(results), complete, shardIndex, shardTotal, std::cerr);
  std::cerr.flush();
  if (!tools::writeBatchOutputs(outcome, {report, junit, sarif})) return {2, ""};
  return {outcome.exitCode(), tools::closingSummary(outcome)};
}

}  // namespace

PYBIND11_MODULE(_native, m) {
  m.doc() = "symrange: symbolic range analysis of torch.export programs (native part)";
  py::register_exception<ir::InputError>(m, "InputError", PyExc_ValueError);
  m.def("analyze_text", &analyzeText, py::arg("text"), py::arg("file"), py::arg("budget") = 0,
        py::arg("constraint_semantics") = "aten", py::arg("inputs") = "unchecked");
  m.def("analyze_file", &analyzeFile, py::arg("path"), py::arg("budget") = 0,
        py::arg("constraint_semantics") = "aten", py::arg("inputs") = "unchecked");
  m.def("optimize_pt2", &optimizePt2, py::arg("src"), py::arg("dst"), py::arg("budget") = 0,
        py::arg("constraint_semantics") = "aten", py::arg("inputs") = "unchecked");
  m.def("collect_files", &tools::collectFiles, py::arg("paths"), py::arg("extensions"));
  m.def("shard_of", &tools::shardOf, py::arg("path"), py::arg("total"));
  m.def("analyse_files", &analyseFiles, py::arg("files"), py::arg("budget") = 0,
        py::arg("constraint_semantics") = "aten", py::arg("inputs") = "unchecked",
        py::arg("ops") = "", py::arg("max_file_bytes") = 0);
  m.def(
      "failed_file",
      [](const std::string& file, const std::string& message) {
        return tools::resultToJson(tools::failedFile(file, message)).dump();
      },
      py::arg("file"), py::arg("message"));
  m.def("finish_batch", &finishBatch, py::arg("results"), py::arg("complete"),
        py::arg("shard_index") = 0, py::arg("shard_total") = 1, py::arg("report") = "",
        py::arg("junit") = "", py::arg("sarif") = "");
}
