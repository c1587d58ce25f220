// engine/Report.cpp — see Report.h.
#include "engine/Report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <vector>

#include "ir/ExprPrinter.h"

namespace symrange::engine {

using nlohmann::ordered_json;
using solver::Verdict;

namespace {

/// Rounded to two decimals (timing fields).
double rounded(double v) { return static_cast<double>(static_cast<long long>(v * 100.0 + 0.5)) / 100.0; }

/// `stats.check_time_us`: the time each check took to decide (summed over its visits), over the
/// checks the analysis reached: median, p99 (nearest rank) and max. A timing field, like
/// `time_ms`: it differs between runs.
ordered_json checkTimes(const AnalysisResult& a) {
  std::vector<double> us;
  for (const CheckResult& c : a.checks)
    if (c.visits > 0) us.push_back(c.micros);
  ordered_json t;
  if (us.empty()) {
    t["median"] = 0.0;
    t["p99"] = 0.0;
    t["max"] = 0.0;
    return t;
  }
  std::sort(us.begin(), us.end());
  auto rank = [&](double q) {
    const auto r = static_cast<std::size_t>(std::ceil(q * static_cast<double>(us.size())));
    return us[std::clamp<std::size_t>(r, 1, us.size()) - 1];
  };
  t["median"] = rounded(rank(0.50));
  t["p99"] = rounded(rank(0.99));
  t["max"] = rounded(us.back());
  return t;
}

/// Symbol names as the report shows them (SymbolNamer::displayNames).
class Shown {
 public:
  explicit Shown(const AnalysisResult& a) : names_(a.displayNames.begin(), a.displayNames.end()) {}
  [[nodiscard]] std::string name(const std::string& n) const {
    auto it = names_.find(n);
    return it == names_.end() ? n : it->second;
  }
  /// `e` printed, each symbol under its shown name.
  [[nodiscard]] std::string expr(ir::ExprRef e) const {
    std::string text = ir::printExpr(e);
    if (names_.empty()) return text;
    std::string out;
    auto word = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    for (std::size_t p = 0; p < text.size();) {
      if (!word(text[p]) || (p > 0 && (word(text[p - 1]) || text[p - 1] == '.'))) {
        out += text[p++];
        continue;
      }
      std::size_t q = p;
      while (q < text.size() && word(text[q])) ++q;
      out += name(text.substr(p, q - p));
      p = q;
    }
    return out;
  }

 private:
  std::map<std::string, std::string> names_;
};

/// An empty object with room for `n` keys. ordered_json keeps its keys in a vector of
/// pair<const string, json>, whose move is a copy: every reallocation would deep-copy the
/// values already stored (the whole `checks` array, for the report's top level).
ordered_json objectFor(std::size_t n) {
  ordered_json j = ordered_json::object();
  j.get_ref<ordered_json::object_t&>().reserve(n);
  return j;
}

ordered_json rangeJson(const solver::Range& r) {
  ordered_json j = ordered_json::array();
  j.push_back(r.lo ? ordered_json(*r.lo) : ordered_json(nullptr));
  j.push_back(r.hi ? ordered_json(*r.hi) : ordered_json(nullptr));
  return j;
}

void evidence(ordered_json& j, const solver::Answer& a, const Shown& shown) {
  if (a.method != solver::Method::None) j["method"] = solver::toString(a.method);
  if (!a.because.empty() && (a.verdict == Verdict::Redundant || a.verdict == Verdict::Fails ||
                             a.verdict == Verdict::Unreachable))
    j["because"] = a.because;
  if (!a.witness.empty() && (a.verdict == Verdict::Required || a.verdict == Verdict::Fails)) {
    ordered_json w = ordered_json::object();
    for (const auto& [k, v] : a.witness) w[shown.name(k)] = v;
    j["witness"] = std::move(w);
  }
  if (!a.reason.empty()) j["reason"] = a.reason;
}

struct Counts {
  std::size_t redundant = 0, required = 0, fails = 0, unreachable = 0, unknown = 0;
};

Counts count(const AnalysisResult& a) {
  Counts c;
  for (const auto& k : a.checks) switch (k.answer.verdict) {
      case Verdict::Redundant: ++c.redundant; break;
      case Verdict::Required: ++c.required; break;
      case Verdict::Fails: ++c.fails; break;
      case Verdict::Unreachable: ++c.unreachable; break;
      case Verdict::Unknown: ++c.unknown; break;
    }
  return c;
}

}  // namespace

ordered_json makeReport(const std::string& file, const AnalysisResult& a,
                        const RewriteSummary* rewrite) {
  ordered_json j = objectFor(9);
  const Shown shown(a);
  j["schema_version"] = kReportSchemaVersion;
  j["file"] = file;
  j["inputs"] = toString(a.semantics.inputs);
  ordered_json checks = ordered_json::array();
  for (std::size_t i = 0; i < a.checks.size(); ++i) {
    const CheckResult& c = a.checks[i];
    ordered_json e = objectFor(12);
    e["node"] = c.name;
    e["graph"] = c.graph;
    e["kind"] = toString(c.kind);
    e["expr"] = c.condition ? ordered_json(shown.expr(c.condition)) : ordered_json(nullptr);
    e["verdict"] = solver::toString(c.answer.verdict);
    evidence(e, c.answer, shown);
    e["removed"] = rewrite && i < rewrite->checkRemoved.size() && rewrite->checkRemoved[i];
    if (c.sizeLike && c.answer.verdict == Verdict::Redundant)
      e["kept_because"] = "sym_constrain_range_for_size marks the symbol size-like";
    if (c.loc.line > 0 && !c.loc.file.empty()) e["line"] = c.loc.line;
    checks.push_back(std::move(e));
  }
  j["checks"] = std::move(checks);
  ordered_json branches = ordered_json::array();
  std::size_t pruned = 0;
  for (std::size_t i = 0; i < a.branches.size(); ++i) {
    const BranchResult& b = a.branches[i];
    ordered_json e = objectFor(11);
    e["node"] = b.name;
    e["graph"] = b.graph;
    e["predicate"] = b.predicate ? ordered_json(shown.expr(b.predicate)) : ordered_json(nullptr);
    e["verdict"] = toString(b.verdict);
    evidence(e, b.answer, shown);
    const bool wasPruned = rewrite && i < rewrite->branchPruned.size() && rewrite->branchPruned[i];
    pruned += wasPruned ? 1 : 0;
    e["pruned"] = wasPruned;
    if (b.decided()) e["live_branch"] = b.verdict == CondVerdict::True ? b.trueAttr : b.falseAttr;
    branches.push_back(std::move(e));
  }
  j["branches"] = std::move(branches);
  // ranges[name] = ..., without ordered_json's linear key search: a name shown twice keeps its
  // first place and its last range
  ordered_json ranges = objectFor(a.ranges.size());
  auto& rangeKeys = ranges.get_ref<ordered_json::object_t&>();
  std::unordered_map<std::string, std::size_t> rangeAt;
  rangeAt.reserve(a.ranges.size());
  for (const auto& [sym, r] : a.ranges) {
    if (r.empty) continue;
    std::string name = shown.name(sym->name());
    auto [at, fresh] = rangeAt.try_emplace(name, rangeKeys.size());
    if (fresh) rangeKeys.emplace_back(std::move(name), rangeJson(r));
    else (rangeKeys.begin() + static_cast<std::ptrdiff_t>(at->second))->second = rangeJson(r);
  }
  j["ranges"] = std::move(ranges);
  const Counts c = count(a);
  ordered_json s = objectFor(11);
  s["checks"] = a.checks.size();
  s["redundant"] = c.redundant;
  s["required"] = c.required;
  s["fails"] = c.fails;
  s["unreachable"] = c.unreachable;
  s["unknown"] = c.unknown;
  s["branches"] = a.branches.size();
  s["pruned"] = pruned;
  s["nodes_in"] = a.nodesIn;
  s["nodes_out"] = rewrite ? rewrite->nodesOut : a.nodesIn;
  s["removed_checks"] = rewrite ? rewrite->checksRemoved : 0;
  j["summary"] = std::move(s);
  ordered_json st = objectFor(8);
  st["queries"] = a.stats.queries;
  st["decided_without_smt"] = a.stats.decidedConstant + a.stats.decidedInterval +
                                a.stats.decidedLinear;
  st["smt_queries"] = a.stats.smtQueries;
  st["cache_hits"] = a.stats.cacheHits;
  st["time_ms"] = rounded(a.millis);
  st["check_time_us"] = checkTimes(a);
  if (!a.stats.unknownByReason.empty()) st["unknown_by_reason"] = a.stats.unknownByReason;
  j["stats"] = std::move(st);
  ordered_json warnings = ordered_json::array();
  for (const auto& w : a.warnings) {
    ordered_json e;
    e["node"] = w.node;
    e["graph"] = w.graph;
    if (w.loc.line > 0 && !w.loc.file.empty()) e["line"] = w.loc.line;
    e["message"] = w.message;
    warnings.push_back(std::move(e));
  }
  j["warnings"] = std::move(warnings);
  return j;
}

std::string shownName(const AnalysisResult& a, const std::string& name) {
  return Shown(a).name(name);
}

std::string shownExpr(const AnalysisResult& a, ir::ExprRef e) { return Shown(a).expr(e); }

std::string summaryLine(const std::string& file, const AnalysisResult& a,
                        const RewriteSummary* rewrite) {
  const Counts c = count(a);
  std::size_t pruned = rewrite ? rewrite->branchesPruned : 0;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%s: %zu check%s (%zu redundant, %zu required, %zu fails, %zu unreachable, "
                "%zu unknown), %zu removed; %zu branch%s, %zu pruned; nodes %zu -> %zu; %.1f ms",
                file.c_str(), a.checks.size(), a.checks.size() == 1 ? "" : "s", c.redundant,
                c.required, c.fails, c.unreachable,
                c.unknown, rewrite ? rewrite->checksRemoved : 0, a.branches.size(),
                a.branches.size() == 1 ? "" : "es", pruned,
                a.nodesIn, rewrite ? rewrite->nodesOut : a.nodesIn, a.millis);
  return buf;
}

}  // namespace symrange::engine
