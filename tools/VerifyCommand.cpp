// tools/VerifyCommand.cpp — `symrange verify PATH... [--jobs N] [--report PATH] [--junit PATH]
// [--shard K/N] [--budget N]` and `symrange merge REPORT... --report PATH` (BRIEF section 4).
// Exit: 0 all good, 1 a malformed file or a `fails` check, 2 usage error, 130 interrupted
// (the partial report is still written).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tools/Batch.h"
#include "tools/Commands.h"
#include "tools/EngineFlags.h"

namespace symrange::tools {

namespace {

std::atomic<bool> gStop{false};
extern "C" void onSigint(int) { gStop.store(true); }

struct VerifyOptions {
  std::vector<std::string> paths;
  unsigned jobs = 0;
  std::string report, junit, shard;
  EngineFlags engine;
  std::vector<std::string> extensions{".txt", ".py", ".graph", ".pt2"};
};

struct Shard {
  unsigned index = 0, total = 1;
};

/// `--shard K/N` (K in 0..N-1), else TEST_SHARD_INDEX / TEST_TOTAL_SHARDS, else 0/1.
bool parseShard(const std::string& text, Shard& s, std::string& error) {
  std::string k, n;
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

bool writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  if (!out) {
    std::cerr << path << ": error: cannot write\n";
    return false;
  }
  out << text;
  return static_cast<bool>(out);
}

int runVerify(const VerifyOptions& o) {
  Shard shard;
  std::string error;
  if (!parseShard(o.shard, shard, error)) {
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
  std::vector<std::string> files;
  for (auto& f : all)
    if (shardOf(f, shard.total) == shard.index) files.push_back(f);

  gStop.store(false);
  auto previous = std::signal(SIGINT, onSigint);
  BatchOptions bo;
  bo.jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  try {
    bo.engine = engineOptions(o.engine);
  } catch (const ir::InputError& err) {
    std::signal(SIGINT, previous);
    std::cerr << err.what() << "\n";
    return 2;
  }
  bo.stop = &gStop;
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
  std::signal(SIGINT, previous);
  if (tty) std::cerr << "\n";

  std::vector<nlohmann::ordered_json> objects;
  bool bad = false;
  for (auto& r : results) {
    if (!r.done) continue;
    bad = bad || r.malformed || r.fails;
    objects.push_back(std::move(r.json));
  }
  const bool complete = !gStop.load();
  auto report = batchReport(std::move(objects), complete);
  if (shard.total > 1) report["summary"]["shard"] = std::to_string(shard.index) + "/" + std::to_string(shard.total);
  if (!o.report.empty() && !writeFile(o.report, report.dump(2) + "\n")) return 2;
  if (!o.junit.empty() && !writeFile(o.junit, junitXml(report))) return 2;
  std::cerr << "symrange verify" << (complete ? "" : " (interrupted)") << ":\n" << summaryTable(report);
  if (!complete) return 130;
  return bad ? 1 : 0;
}

int runMerge(const std::vector<std::string>& inputs, const std::string& out, const std::string& junit) {
  std::vector<nlohmann::ordered_json> files;
  bool complete = true;
  for (const auto& path : inputs) {
    std::ifstream in(path);
    if (!in) {
      std::cerr << path << ":1:1: error: cannot read\n";
      return 2;
    }
    nlohmann::ordered_json r;
    try {
      r = nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
      std::cerr << path << ":1:" << e.byte << ": error: not a JSON report: " << e.what() << "\n";
      return 2;
    }
    if (!r.is_object() || !r.contains("files") || !r["files"].is_array()) {
      std::cerr << path << ":1:1: error: not a verify report (no \"files\" array)\n";
      return 2;
    }
    for (auto& f : r["files"]) files.push_back(std::move(f));
    if (r.contains("summary") && !r["summary"].value("complete", true)) complete = false;
  }
  auto report = batchReport(std::move(files), complete);
  bool bad = report["summary"]["malformed"].get<std::uint64_t>() > 0 ||
             report["summary"]["files_with_failing_checks"].get<std::uint64_t>() > 0;
  if (!out.empty() && !writeFile(out, report.dump(2) + "\n")) return 2;
  if (out.empty()) std::cout << report.dump(2) << "\n";
  if (!junit.empty() && !writeFile(junit, junitXml(report))) return 2;
  std::cerr << "symrange merge:\n" << summaryTable(report);
  return bad ? 1 : 0;
}

}  // namespace

void registerVerifyCommand(CLI::App& app, int& exitCode) {
  auto o = std::make_shared<VerifyOptions>();
  auto* cmd = app.add_subcommand("verify", "analyse many files (directories walked recursively)");
  cmd->add_option("PATH", o->paths, "files and directories")->required();
  cmd->add_option("--jobs,-j", o->jobs, "worker threads (default: all cores)");
  cmd->add_option("--report", o->report, "write the JSON report to PATH");
  cmd->add_option("--junit", o->junit, "write JUnit XML to PATH");
  cmd->add_option("--shard", o->shard,
                  "analyse only shard K of N (0 <= K < N); default from TEST_SHARD_INDEX/TEST_TOTAL_SHARDS");
  addEngineFlags(*cmd, o->engine);
  cmd->add_option("--ext", o->extensions, "file name endings taken from directories")
      ->default_str(".txt .py .graph");
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
