// benchmarks/harness/Report.cpp — agreement, tables and the JSON results document.
#include "benchmarks/harness/Report.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace symrange::bench {

namespace {

bool impliedByUnsatFacts(const std::string& v) {
  return v == "redundant" || v == "fails" || v == "true" || v == "false";
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string percent(std::size_t part, std::size_t whole) {
  return whole ? fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) : "-";
}

const RunMetrics* find(const std::vector<RunMetrics>& runs, const std::string& mix,
                       std::size_t nodes, const std::string& mode) {
  for (const RunMetrics& r : runs)
    if (r.ok && r.mix == mix && r.requestedNodes == nodes && r.mode == mode) return &r;
  return nullptr;
}

/// Workloads (mix, requested size) in the order they were first run.
std::vector<std::pair<std::string, std::size_t>> workloads(const std::vector<RunMetrics>& runs) {
  std::vector<std::pair<std::string, std::size_t>> out;
  for (const RunMetrics& r : runs) {
    std::pair<std::string, std::size_t> w{r.mix, r.requestedNodes};
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  }
  return out;
}

}  // namespace

bool compatible(const std::string& a, const std::string& b) {
  if (a == b || a == "unknown" || b == "unknown") return true;
  if (a == "unreachable") return impliedByUnsatFacts(b);
  if (b == "unreachable") return impliedByUnsatFacts(a);
  return false;
}

std::vector<Disagreement> compareVerdicts(const RunMetrics& reference, const RunMetrics& other) {
  std::map<std::string, std::string> theirs(other.verdicts.begin(), other.verdicts.end());
  std::vector<Disagreement> out;
  for (const auto& [node, verdict] : reference.verdicts) {
    auto it = theirs.find(node);
    const std::string got = it == theirs.end() ? "missing" : it->second;
    if (it != theirs.end() && compatible(verdict, got)) continue;
    out.push_back({reference.mix, reference.requestedNodes, other.mode, node, verdict, got});
  }
  return out;
}

void printRunTable(std::ostream& os, const std::vector<RunMetrics>& runs) {
  os << "| mix | nodes | mode | analyze s | us/node | check p50 us | check p99 us | no-SMT % "
        "| SMT queries | cache hits | unknown | removed % | conds decided | peak MiB |\n"
     << "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const RunMetrics& r : runs) {
    if (!r.ok) {
      os << "| " << r.mix << " | " << r.requestedNodes << " | " << r.mode << " | FAILED: " << r.error
         << " |||||||||||\n";
      continue;
    }
    os << "| " << r.mix << " | " << r.nodes << " | " << r.mode << " | " << fixed(r.analyzeMs / 1000.0, 3)
       << " | " << fixed(r.microsPerNode(), 1) << " | " << fixed(r.checkP50Us, 1) << " | "
       << fixed(r.checkP99Us, 1) << " | " << percent(r.checksWithoutSmt, r.checks) << " | "
       << r.smtQueries << " | " << r.cacheHits << " | " << r.unknowns << " | "
       << percent(r.removable, r.checks) << " | " << r.condsDecided << "/" << r.conds << " | "
       << fixed(r.peakRssMiB, 0) << " |\n";
  }
}

void printSpeedupTable(std::ostream& os, const std::vector<RunMetrics>& runs) {
  os << "| mix | nodes | full s | naive s | speedup | verdicts both decided | disagreements |\n"
     << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& [mix, nodes] : workloads(runs)) {
    const RunMetrics* full = find(runs, mix, nodes, "full");
    const RunMetrics* naive = find(runs, mix, nodes, "naive");
    if (!full || !naive) continue;
    std::map<std::string, std::string> nv(naive->verdicts.begin(), naive->verdicts.end());
    std::size_t both = 0;
    for (const auto& [node, v] : full->verdicts) {
      auto it = nv.find(node);
      if (it != nv.end() && v != "unknown" && it->second != "unknown") ++both;
    }
    os << "| " << mix << " | " << full->nodes << " | " << fixed(full->analyzeMs / 1000.0, 3) << " | "
       << fixed(naive->analyzeMs / 1000.0, 3) << " | "
       << (full->analyzeMs > 0 ? fixed(naive->analyzeMs / full->analyzeMs, 1) + "x" : "-") << " | "
       << both << " | " << compareVerdicts(*full, *naive).size() << " |\n";
  }
}

void printScalingTable(std::ostream& os, const std::vector<RunMetrics>& runs) {
  std::set<std::size_t> sizes;
  std::vector<std::string> mixes;
  for (const RunMetrics& r : runs) {
    if (!r.ok || r.mode != "full") continue;
    sizes.insert(r.requestedNodes);
    if (std::find(mixes.begin(), mixes.end(), r.mix) == mixes.end()) mixes.push_back(r.mix);
  }
  if (sizes.empty()) return;
  os << "| mix (full engine, us/node) |";
  for (std::size_t n : sizes) os << " " << n << " |";
  os << " growth per step | largest / 1000 |\n|---|";
  for (std::size_t i = 0; i < sizes.size(); ++i) os << "---:|";
  os << "---|---:|\n";
  for (const std::string& mix : mixes) {
    os << "| " << mix << " |";
    std::vector<double> perNode;
    for (std::size_t n : sizes) {
      const RunMetrics* r = find(runs, mix, n, "full");
      os << " " << (r ? fixed(r->microsPerNode(), 1) : "-") << " |";
      perNode.push_back(r ? r->microsPerNode() : 0.0);
    }
    std::string growth;
    for (std::size_t i = 1; i < perNode.size(); ++i) {
      if (!growth.empty()) growth += ", ";
      growth += perNode[i - 1] > 0 && perNode[i] > 0 ? fixed(perNode[i] / perNode[i - 1], 2) + "x" : "-";
    }
    const RunMetrics* base = find(runs, mix, 1000, "full");
    const RunMetrics* top = find(runs, mix, *sizes.rbegin(), "full");
    os << " " << growth << " | "
       << (base && top && base->microsPerNode() > 0 ? fixed(top->microsPerNode() / base->microsPerNode(), 2) + "x" : "-")
       << " |\n";
  }
}

nlohmann::ordered_json resultsJson(const std::vector<RunMetrics>& runs,
                                   const std::vector<Disagreement>& disagreements,
                                   const std::string& command) {
  nlohmann::ordered_json j;
  j["machine"] = machineDescription();
  j["command"] = command;
  nlohmann::ordered_json rs = nlohmann::ordered_json::array();
  for (const RunMetrics& r : runs) rs.push_back(toJson(r, false));
  j["runs"] = std::move(rs);
  nlohmann::ordered_json ds = nlohmann::ordered_json::array();
  for (const Disagreement& d : disagreements)
    ds.push_back({{"mix", d.mix}, {"nodes", d.nodes}, {"mode", d.mode}, {"node", d.node},
                  {"full", d.reference}, {"got", d.got}});
  j["disagreements"] = std::move(ds);
  return j;
}

std::string machineDescription() {
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGE_SIZE);
  const double gib = static_cast<double>(pages) * static_cast<double>(pageSize) / (1024.0 * 1024.0 * 1024.0);
  struct utsname u {};
  ::uname(&u);
  return cpu + ", " + std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) + " cores, " + fixed(gib, 0) +
         " GiB, " + u.sysname + " " + u.release;
}

}  // namespace symrange::bench
