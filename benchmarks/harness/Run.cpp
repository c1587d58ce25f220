// benchmarks/harness/Run.cpp — measuring one run in a child process: the child generates the
// workload, parses and analyses it, and writes its metrics as JSON to a pipe; the parent reads
// them and takes the child's peak resident memory from wait4().
#include "benchmarks/harness/Run.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>

#include "engine/Engine.h"

namespace symrange::bench {

namespace {

using Clock = std::chrono::steady_clock;

double millisSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// The q-quantile (0 < q <= 1) of `v` by the nearest-rank method; 0 for an empty `v`.
double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

RunMetrics measure(const WorkloadSpec& spec, const Mode& mode) {
  RunMetrics r;
  r.mix = toString(spec.mix);
  r.mode = mode.name;
  r.requestedNodes = spec.nodes;
  auto t0 = Clock::now();
  const Workload w = generateWorkload(spec);
  r.generateMs = millisSince(t0);
  t0 = Clock::now();
  engine::Engine e = engine::Engine::fromText(w.text, "workload", mode.options);
  r.parseMs = millisSince(t0);
  t0 = Clock::now();
  const engine::AnalysisResult& a = e.analyze();
  r.analyzeMs = millisSince(t0);

  r.nodes = a.nodesIn;
  r.checks = a.checks.size();
  r.conds = a.branches.size();
  std::vector<double> micros;
  for (const engine::CheckResult& c : a.checks) {
    const solver::Answer& ans = c.answer;
    if (c.visits > 0) micros.push_back(c.micros);
    if (ans.verdict == solver::Verdict::Unknown) ++r.unknowns;
    else if (ans.method != solver::Method::Smt && ans.method != solver::Method::None) ++r.checksWithoutSmt;
    if (c.removable()) ++r.removable;
    r.verdicts.emplace_back(c.graph + "/" + c.name, solver::toString(ans.verdict));
  }
  for (const engine::BranchResult& b : a.branches) {
    if (b.verdict == engine::CondVerdict::Unknown) ++r.unknowns;
    if (b.decided()) ++r.condsDecided;
    r.verdicts.emplace_back(b.graph + "/" + b.name, engine::toString(b.verdict));
  }
  r.checkP50Us = quantile(micros, 0.50);
  r.checkP99Us = quantile(micros, 0.99);
  r.smtQueries = a.stats.smtQueries;
  r.cacheHits = a.stats.cacheHits;
  return r;
}

bool writeAll(int fd, const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {
    const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

RunMetrics runIsolated(const WorkloadSpec& spec, const Mode& mode) {
  RunMetrics failed;
  failed.mix = toString(spec.mix);
  failed.mode = mode.name;
  failed.requestedNodes = spec.nodes;
  failed.ok = false;
  int fds[2];
  if (::pipe(fds) != 0) {
    failed.error = std::string("pipe: ") + std::strerror(errno);
    return failed;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    failed.error = std::string("fork: ") + std::strerror(errno);
    ::close(fds[0]);
    ::close(fds[1]);
    return failed;
  }
  if (pid == 0) {  // the child: measure, report, leave without running destructors twice
    ::close(fds[0]);
    int rc = 0;
    std::string out;
    try {
      out = toJson(measure(spec, mode), true).dump();
    } catch (const std::exception& e) {
      out = nlohmann::json{{"ok", false}, {"error", e.what()}}.dump();
      rc = 1;
    }
    rc = writeAll(fds[1], out) ? rc : 2;
    ::close(fds[1]);
    ::_exit(rc);
  }
  ::close(fds[1]);
  std::string in;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    in.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  struct rusage usage {};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    failed.error = std::string("child killed by signal ") + strsignal(WTERMSIG(status));
    return failed;
  }
  RunMetrics r;
  try {
    r = metricsFromJson(nlohmann::json::parse(in));
  } catch (const std::exception& e) {
    failed.error = std::string("unreadable child report: ") + e.what();
    return failed;
  }
  r.mix = failed.mix;
  r.mode = failed.mode;
  r.requestedNodes = spec.nodes;
  r.peakRssMiB = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
  return r;
}

nlohmann::ordered_json toJson(const RunMetrics& r, bool withVerdicts) {
  nlohmann::ordered_json j;
  j["mix"] = r.mix;
  j["mode"] = r.mode;
  j["requested_nodes"] = r.requestedNodes;
  j["ok"] = r.ok;
  if (!r.ok) {
    j["error"] = r.error;
    return j;
  }
  j["nodes"] = r.nodes;
  j["checks"] = r.checks;
  j["conds"] = r.conds;
  j["generate_ms"] = r.generateMs;
  j["parse_ms"] = r.parseMs;
  j["analyze_ms"] = r.analyzeMs;
  j["us_per_node"] = r.microsPerNode();
  j["check_p50_us"] = r.checkP50Us;
  j["check_p99_us"] = r.checkP99Us;
  j["checks_without_smt"] = r.checksWithoutSmt;
  j["smt_queries"] = r.smtQueries;
  j["cache_hits"] = r.cacheHits;
  j["unknowns"] = r.unknowns;
  j["removable"] = r.removable;
  j["conds_decided"] = r.condsDecided;
  j["peak_rss_mib"] = r.peakRssMiB;
  if (withVerdicts) {
    nlohmann::ordered_json v = nlohmann::ordered_json::array();
    for (const auto& [node, verdict] : r.verdicts) v.push_back({node, verdict});
    j["verdicts"] = std::move(v);
  }
  return j;
}

RunMetrics metricsFromJson(const nlohmann::json& j) {
  RunMetrics r;
  r.ok = j.value("ok", false);
  if (!r.ok) {
    r.error = j.value("error", std::string("unknown failure"));
    return r;
  }
  r.mix = j.value("mix", "");
  r.mode = j.value("mode", "");
  r.requestedNodes = j.at("requested_nodes").get<std::size_t>();
  r.nodes = j.at("nodes").get<std::size_t>();
  r.checks = j.at("checks").get<std::size_t>();
  r.conds = j.at("conds").get<std::size_t>();
  r.generateMs = j.at("generate_ms").get<double>();
  r.parseMs = j.at("parse_ms").get<double>();
  r.analyzeMs = j.at("analyze_ms").get<double>();
  r.checkP50Us = j.at("check_p50_us").get<double>();
  r.checkP99Us = j.at("check_p99_us").get<double>();
  r.checksWithoutSmt = j.at("checks_without_smt").get<std::size_t>();
  r.smtQueries = j.at("smt_queries").get<std::size_t>();
  r.cacheHits = j.at("cache_hits").get<std::size_t>();
  r.unknowns = j.at("unknowns").get<std::size_t>();
  r.removable = j.at("removable").get<std::size_t>();
  r.condsDecided = j.at("conds_decided").get<std::size_t>();
  r.peakRssMiB = j.value("peak_rss_mib", 0.0);
  if (j.contains("verdicts"))
    for (const auto& v : j.at("verdicts")) r.verdicts.emplace_back(v.at(0).get<std::string>(), v.at(1).get<std::string>());
  return r;
}

}  // namespace symrange::bench
