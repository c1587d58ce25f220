// tools/VerifyCommand.cpp — `symrange verify PATH... [--jobs N] [--report PATH] [--junit PATH]
// [--sarif PATH] [--shard K/N | --shard-total N] [--budget N] [--engine dask ADDRESS]` and
// `symrange merge REPORT... --report PATH` (BRIEF section 4; docs/distributed.md).
// `--engine` hands the run to the Python driver `python3 -m symrange.batch` (exec, same process).
// Exit: 0 all good, 1 a malformed file or a `fails` check, 2 usage error, 130 interrupted
// (the partial report is still written). `merge`: 0, 1 as `verify` for the merged files, 2 when
// an input is missing or not a verify report.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <chrono>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tools/Batch.h"
#include "tools/internal/Commands.h"
#include "tools/internal/EngineFlags.h"
#include "tools/internal/Interrupt.h"
#include "tools/internal/Output.h"
#include "tools/internal/Sarif.h"
#include "tools/internal/ViewOutput.h"

namespace symrange::tools {

namespace {

struct VerifyOptions {
  std::vector<std::string> paths;
  unsigned jobs = 0;
  std::string report, junit, shard, sarif, dot, html;
  unsigned shardTotal = 0;          // --shard-total: N of JOB_COMPLETION_INDEX
  std::vector<std::string> onEngine;  // --engine NAME ADDRESS
  EngineFlags engine;
  std::vector<std::string> extensions{".txt", ".py", ".graph", ".pt2"};
};

struct Shard {
  unsigned index = 0, total = 1;
};

/// The shard of this process: `--shard K/N` (K in 0..N-1); else TEST_SHARD_INDEX /
/// TEST_TOTAL_SHARDS; else JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) of `--shard-total N`;
/// else SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN) of SLURM_ARRAY_TASK_COUNT; else 0/1.
bool parseShard(const std::string& text, Shard& s, std::string& error, unsigned shardTotal = 0) {
  std::string k, n;
  const char* jobIndex = std::getenv("JOB_COMPLETION_INDEX");
  const char* slurmId = std::getenv("SLURM_ARRAY_TASK_ID");
  if (!text.empty()) {
    auto slash = text.find('/');
    if (slash == std::string::npos) {
      error = "--shard expects K/N";
      return false;
    }
    k = text.substr(0, slash);
    n = text.substr(slash + 1);
  } else if (const char* ti = std::getenv("TEST_TOTAL_SHARDS")) {
    n = ti;
    const char* si = std::getenv("TEST_SHARD_INDEX");
    k = si ? si : "0";
  } else if (jobIndex) {
    if (shardTotal == 0) {
      error = "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the number of "
              "completions with --shard-total N (or --shard K/N)";
      return false;
    }
    k = jobIndex;
    n = std::to_string(shardTotal);
  } else if (slurmId) {
    const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
    const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
    if (!count) {
      error = "SLURM_ARRAY_TASK_ID is set without SLURM_ARRAY_TASK_COUNT";
      return false;
    }
    k = slurmId;
    n = count;
    if (min) {  // --array=1-8: task 1 is shard 0
      try {
        std::size_t pk = 0, pm = 0;
        long kk = std::stol(k, &pk), mm = std::stol(min, &pm);
        if (pk == k.size() && pm == std::string(min).size() && mm >= 0 && kk >= mm) k = std::to_string(kk - mm);
      } catch (const std::exception&) {
      }  // left as it is: rejected below
    }
  } else if (shardTotal > 0) {
    error = "--shard-total needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); elsewhere use --shard K/N";
    return false;
  } else {
    return true;
  }
  try {
    std::size_t pk = 0, pn = 0;
    long kk = std::stol(k, &pk), nn = std::stol(n, &pn);
    if (pk != k.size() || pn != n.size() || nn < 1 || kk < 0 || kk >= nn) throw std::out_of_range("");
    s.index = static_cast<unsigned>(kk);
    s.total = static_cast<unsigned>(nn);
  } catch (const std::exception&) {
    error = "invalid shard '" + k + "/" + n + "': expected K/N with 0 <= K < N";
    return false;
  }
  return true;
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

/// `--engine NAME ADDRESS`: replaces this process by the Python driver (python/symrange/batch.py)
/// with the run as a JSON spec; `SYMRANGE_PYTHON` names the interpreter (default python3). The
/// package next to the binary (a build tree's python/) goes first on PYTHONPATH.
int execEngine(const VerifyOptions& o, const Shard& shard) {
  if (!o.dot.empty() || !o.html.empty()) {
    std::cerr << "symrange verify: --dot and --html are not supported with --engine (run "
                 "`symrange verify` on the report's files, or write views from a local run)\n";
    return 2;
  }
  nlohmann::ordered_json spec = nlohmann::ordered_json::object();
  spec["engine"] = o.onEngine[0];
  spec["address"] = o.onEngine[1];
  spec["paths"] = o.paths;
  spec["extensions"] = o.extensions;
  spec["shard"] = {shard.index, shard.total};
  spec["report"] = o.report;
  spec["junit"] = o.junit;
  spec["sarif"] = o.sarif;
  spec["budget"] = o.engine.budget;
  spec["constraint_semantics"] = engine::toString(o.engine.constraintSemantics);
  spec["inputs"] = engine::toString(o.engine.inputs);
  spec["ops"] = o.engine.ops;
  std::error_code ec;
  const auto here = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "python";
  if (!ec && std::filesystem::exists(here / "symrange" / "batch.py", ec)) {
    const char* old = std::getenv("PYTHONPATH");
    const std::string path = here.string() + (old && *old ? ":" + std::string(old) : "");
    ::setenv("PYTHONPATH", path.c_str(), 1);
  }
  const char* env = std::getenv("SYMRANGE_PYTHON");
  const std::string python = env && *env ? env : "python3";
  const std::string specText = spec.dump();
  std::cerr.flush();
  sigset_t sigint;  // blocked for the watcher thread (tools/Interrupt.cpp); the mask survives exec
  sigemptyset(&sigint);
  sigaddset(&sigint, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &sigint, nullptr);
  std::vector<const char*> argv = {python.c_str(), "-m", "symrange.batch", "--spec", specText.c_str(), nullptr};
  ::execvp(python.c_str(), const_cast<char* const*>(argv.data()));
  std::cerr << "symrange verify: error: cannot run " << python << " for --engine " << o.onEngine[0]
            << ": " << std::strerror(errno) << " (set SYMRANGE_PYTHON)\n";
  return 2;
}

int runVerify(const VerifyOptions& o) {
  setGracefulInterrupt(true);  // Ctrl-C from here on: stop early, still write the report
  if (!o.onEngine.empty() && o.onEngine[0] != "dask" && o.onEngine[0] != "ray") {
    std::cerr << "symrange verify: --engine '" << o.onEngine[0] << "': expected dask or ray\n";
    return 2;
  }
  Shard shard;
  std::string error;
  if (!parseShard(o.shard, shard, error, o.shardTotal)) {
    std::cerr << "symrange verify: " << error << "\n";
    return 2;
  }
  std::vector<std::string> all;
  try {
    all = collectFiles(o.paths, o.extensions);
  } catch (const std::exception& e) {
    std::cerr << "symrange verify: " << e.what() << "\n";
    return 2;
  }
  if (all.empty()) {
    std::cerr << "symrange verify: error: no files to analyse: nothing under " << joined(o.paths)
              << " ends in " << joined(o.extensions) << " (see --ext)\n";
    return 2;
  }
  std::vector<std::string> files;
  for (auto& f : all)
    if (shardOf(f, shard.total) == shard.index) files.push_back(f);

  BatchOptions bo;
  bo.jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  try {
    bo.engine = engineOptions(o.engine);
  } catch (const ir::InputError& err) {
    std::cerr << err.what() << "\n";
    return 2;
  }
  if (!o.onEngine.empty()) return execEngine(o, shard);
  if (o.report.empty() && o.sarif.empty() && o.dot.empty() && o.html.empty()) {
    verdictsOnly(bo.engine);  // the summary counts verdicts, JUnit names the failing checks
  }
  bo.stop = &interruptFlag();
  const bool tty = isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  std::size_t failures = 0;
  auto progress = [&](std::size_t done, const FileResult& r) {
    if (r.malformed || r.fails) ++failures;
    if (tty) {
      double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      double left = done ? elapsed / static_cast<double>(done) * static_cast<double>(files.size() - done) : 0.0;
      const int width = 30;
      int filled = files.empty() ? width : static_cast<int>(width * done / files.size());
      std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done
                << "/" << files.size() << "  failures: " << failures << "  left: "
                << static_cast<long>(left + 0.5) << "s   " << std::flush;
    } else {
      const std::string file = r.json.value("file", std::string());
      if (r.malformed) std::cerr << "bad   " << r.json["error"].get<std::string>() << "\n";
      else std::cerr << (r.fails ? "FAILS " : "ok    ") << file << "\n";
    }
  };
  std::vector<FileResult> results = runBatch(files, bo, progress);
  if (tty) std::cerr << "\n";

  const BatchOutcome outcome =
      finishBatch(std::move(results), !interruptFlag().load(), shard.index, shard.total, std::cerr);
  if (!writeBatchOutputs(outcome, {o.report, o.junit, o.sarif})) return 2;
  if ((!o.dot.empty() || !o.html.empty()) && !writeBatchViews(outcome.report, o.dot, o.html)) return 2;
  std::cerr << closingSummary(outcome);
  return outcome.exitCode();
}

/// The shape `merge` relies on: {"files": [{"file": ...}, ...], "summary": {...}} (optional).
bool isVerifyReport(const nlohmann::ordered_json& r) {
  if (!r.is_object() || !r.contains("files") || !r["files"].is_array()) return false;
  if (r.contains("summary") && !r["summary"].is_object()) return false;
  for (const auto& f : r["files"]) {
    if (!f.is_object() || !f.contains("file") || !f["file"].is_string()) return false;
    if (f.contains("error")) continue;
    if (!f.contains("summary") || !f["summary"].is_object()) return false;
    if (!f.contains("checks") || !f["checks"].is_array()) return false;
    for (const auto& c : f["checks"])
      if (!c.is_object()) return false;
    if (f.contains("stats") && !f["stats"].is_object()) return false;
  }
  return true;
}

int runMerge(const std::vector<std::string>& inputs, const std::string& out, const std::string& junit) {
  std::vector<nlohmann::ordered_json> files;
  bool complete = true;
  for (const auto& path : inputs) {
    std::string text, error;
    if (!readInput(path, text, error)) {
      std::cerr << path << ":1:1: error: cannot read: " << error << "\n";
      return 2;
    }
    auto r = nlohmann::ordered_json::parse(text, nullptr, false);
    if (r.is_discarded()) {
      std::cerr << path << ":1:1: error: not a JSON report\n";
      return 2;
    }
    bool shaped = isVerifyReport(r);
    try {  // the fields the summary and JUnit XML read have the types they need
      if (shaped) (void)junitXml(batchReport(r["files"].get<std::vector<nlohmann::ordered_json>>(), true));
    } catch (const nlohmann::json::exception&) {
      shaped = false;
    }
    if (!shaped) {
      std::cerr << path << ":1:1: error: not a report of `symrange verify` (an object with a "
                           "\"files\" array of file objects and a \"summary\" object)\n";
      return 2;
    }
    for (auto& f : r["files"]) files.push_back(std::move(f));
    if (r.contains("summary") && !r["summary"].value("complete", true)) complete = false;
  }
  auto report = batchReport(std::move(files), complete);
  bool bad = report["summary"]["malformed"].get<std::uint64_t>() > 0 ||
             report["summary"]["files_with_failing_checks"].get<std::uint64_t>() > 0;
  if (!writeOutput(out.empty() ? "-" : out, report.dump(2) + "\n", "merged report")) return 2;
  if (!junit.empty() && !writeOutput(junit, junitXml(report), "JUnit XML")) return 2;
  std::cerr << "symrange merge:\n" << summaryTable(report);
  return bad ? 1 : 0;
}

}  // namespace

void registerVerifyCommand(CLI::App& app, int& exitCode) {
  auto o = std::make_shared<VerifyOptions>();
  auto* cmd = app.add_subcommand("verify", "analyse many files (directories walked recursively)");
  cmd->add_option("PATH", o->paths, "files and directories")->required();
  cmd->add_option("--jobs,-j", o->jobs, "worker threads (0, the default: all cores)")
      ->check(wholeNumber(0));
  cmd->add_option("--report", o->report, "write the JSON report to PATH");
  cmd->add_option("--junit", o->junit, "write JUnit XML to PATH");
  cmd->add_option("--sarif", o->sarif, "write the findings of every file as a SARIF 2.1.0 log to PATH");
  cmd->add_option("--shard", o->shard,
                  "analyse only shard K of N (0 <= K < N); default from TEST_SHARD_INDEX/TEST_TOTAL_SHARDS, "
                  "JOB_COMPLETION_INDEX (with --shard-total) or SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT")
      ->check(CLI::Validator(
          [](std::string& text) {
            Shard s;
            std::string error;
            return parseShard(text, s, error) ? std::string() : error;
          },
          "K/N"));
  cmd->add_option("--shard-total", o->shardTotal,
                  "N of the shard JOB_COMPLETION_INDEX names (a Kubernetes Indexed Job's completions)")
      ->check(wholeNumber(1));
  cmd->add_option("--engine", o->onEngine,
                  "NAME ADDRESS: run on an existing cluster (dask: a scheduler address "
                  "tcp://HOST:PORT or a scheduler file) through the Python package; docs/distributed.md")
      ->expected(2)
      ->allow_extra_args(false);
  cmd->add_option("--dot", o->dot, "write a Graphviz DOT graph per file into the directory DIR");
  cmd->add_option("--html", o->html, "write an HTML page per file and index.html into the directory DIR");
  addEngineFlags(*cmd, o->engine);
  cmd->add_option("--ext", o->extensions, "file name endings taken from directories")
      ->default_str(".txt .py .graph .pt2");
  cmd->callback([o, &exitCode] { exitCode = runVerify(*o); });

  auto inputs = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>();
  auto junit = std::make_shared<std::string>();
  auto* merge = app.add_subcommand("merge", "join shard reports of `verify` into one");
  merge->add_option("REPORT", *inputs, "shard reports")->required();
  merge->add_option("--report", *out, "write the merged report to PATH (default: stdout)");
  merge->add_option("--junit", *junit, "write JUnit XML to PATH");
  merge->callback([inputs, out, junit, &exitCode] { exitCode = runMerge(*inputs, *out, *junit); });
}

}  // namespace symrange::tools
