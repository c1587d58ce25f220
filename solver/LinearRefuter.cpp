// solver/LinearRefuter.cpp — the linear tier's searches (LinearRefuter.h): the constraints read
// as rows (LinearReader.h), their sources numbered, splits the bounds decide pruned, then every
// case of the splits refuted (CaseSearch), a point found in one case (PointSearch), or the rows
// projected onto an expression (linearBound). The elimination itself is in LinearRows.h.
#include "solver/internal/LinearRefuter.h"

#include <algorithm>
#include <map>

#include "solver/internal/LinearReader.h"
#include "solver/internal/LinearRows.h"

namespace symrange::solver {

using ir::ExprRef;
using ir::ExprType;

namespace linear {
namespace {

/// Refutes `base` in every case of the splits, depth first. A case refuted without the rows of
/// the alternative it chose holds for every alternative of that split (the others are skipped).
class CaseSearch {
 public:
  /// `splits[k]`'s alternatives as systems whose rows come from `marker(k)` (and their own
  /// sources).
  CaseSearch(std::vector<std::vector<System>> splits, std::vector<std::size_t> markers,
             std::vector<Sources> splitFrom, const LinearLimits& limits)
      : splits_(std::move(splits)), markers_(std::move(markers)), splitFrom_(std::move(splitFrom)),
        limits_(limits) {}

  std::optional<Sources> run(const System& base, std::size_t level) {
    if (cases_ >= limits_.maxCases) return std::nullopt;
    ++cases_;
    Outcome o = eliminate(base, limits_, work_);
    if (o.kind == Outcome::Refuted) return o.from;
    if (o.kind == Outcome::GaveUp || level == splits_.size()) return std::nullopt;
    Sources all = splitFrom_[level];
    for (const System& alt : splits_[level]) {
      System rows = base;
      for (const System::RowRef& r : alt.rows) rows.add(alt.termsOf(r), r.c, r.from);
      std::optional<Sources> d = run(rows, level + 1);
      if (!d) return std::nullopt;
      if (!d->test(markers_[level])) return d;  // this split played no part
      d->reset(markers_[level]);
      all |= *d;
    }
    return all;
  }

 private:
  std::vector<std::vector<System>> splits_;
  std::vector<std::size_t> markers_;
  std::vector<Sources> splitFrom_;
  const LinearLimits& limits_;
  std::size_t cases_ = 0;
  std::size_t work_ = 0;
};


/// A point of `base` in one case of the splits: depth first over the alternatives, a case
/// given up as soon as its rows are refuted, at most `maxCases` eliminations that record steps.
class PointSearch {
 public:
  PointSearch(std::vector<const std::vector<System>*> splits, std::uint32_t variables,
              const LinearLimits& limits, Acceptor& acceptor)
      : splits_(std::move(splits)), variables_(variables), limits_(limits), acceptor_(acceptor) {}

  std::optional<std::vector<std::int64_t>> run(const System& base, std::size_t level) {
    if (leaves_ >= limits_.maxCases || work_ > limits_.maxWork || acceptor_.calls == 0) {
      return std::nullopt;
    }
    if (level == splits_.size()) {
      ++leaves_;
      std::vector<Step> steps;
      if (eliminate(base, limits_, work_, &steps).kind != Outcome::Feasible) return std::nullopt;
      return backSubstitute(steps, variables_, acceptor_);
    }
    if (level > 0 && eliminate(base, limits_, work_).kind != Outcome::Feasible) return std::nullopt;
    for (const System& alt : *splits_[level]) {
      System rows = base;
      for (const System::RowRef& r : alt.rows) rows.add(alt.termsOf(r), r.c, r.from);
      if (auto p = run(rows, level + 1)) return p;
    }
    return std::nullopt;
  }

 private:
  std::vector<const std::vector<System>*> splits_;
  std::uint32_t variables_;
  const LinearLimits& limits_;
  Acceptor& acceptor_;
  std::size_t leaves_ = 0;
  std::size_t work_ = 0;
};

/// Dep sets numbered as sources.
class SourceTable {
 public:
  /// The source of `deps` (nullopt when there are kMaxSources already).
  std::optional<std::size_t> of(const DepSet& deps) {
    if (auto it = ids_.find(deps); it != ids_.end()) return it->second;
    if (sets_.size() == kMaxSources) return std::nullopt;
    ids_.emplace(deps, sets_.size());
    sets_.push_back(deps);
    return sets_.size() - 1;
  }
  std::optional<std::size_t> marker() {
    if (sets_.size() == kMaxSources) return std::nullopt;
    sets_.emplace_back();
    return sets_.size() - 1;
  }
  bool add(System& sys, const Row& r, std::optional<std::size_t> extra = std::nullopt) {
    Sources from;
    std::optional<std::size_t> s = of(r.deps);
    if (!s) return false;
    from.set(*s);
    if (extra) from.set(*extra);
    sys.add(r.terms, r.c, from);
    return true;
  }
  [[nodiscard]] DepSet depsOf(const Sources& from) const {
    DepSet out;
    for (std::size_t i = 0; i < sets_.size(); ++i) {
      if (from.test(i)) out = unite(out, sets_[i]);
    }
    return out;
  }

 private:
  std::map<DepSet, std::size_t> ids_;
  std::vector<DepSet> sets_;
};

/// The rows read as a base system and the alternatives of every split (the goal's first, then
/// the facts', then Max/Min/Abs), their sources numbered in `table`.
struct Read {
  System base;
  std::size_t goalSplits = 0;  // splits [0, goalSplits) are the goal's
  std::size_t factSplits = 0;  // then the facts', then Max/Min/Abs
  std::vector<std::vector<System>> splits;
  std::vector<std::size_t> markers;
  std::vector<Sources> splitFrom;
};

/// Splits decided by the bounds of the base's single-variable rows: an alternative one of whose
/// rows those bounds refute is dropped (its refutation's sources join the split's); a split
/// left with one alternative joins the base. The sources of a refutation when none is left.
std::optional<Sources> pruneSplits(Read& read, std::uint32_t variables) {
  struct End {
    std::optional<Wide> at;
    Sources from;
  };
  std::vector<End> lo(variables);
  std::vector<End> hi(variables);
  auto learn = [&](const System& sys, const System::RowRef& r) {
    if (r.size != 1) return;
    const auto [v, a] = sys.termsOf(r)[0];
    const Wide b = boundOf(a, r.c);
    if (a > 0 && (!hi[v].at || b < *hi[v].at)) hi[v] = End{b, r.from};
    if (a < 0 && (!lo[v].at || b > *lo[v].at)) lo[v] = End{b, r.from};
  };
  for (const System::RowRef& r : read.base.rows) learn(read.base, r);
  // a row the bounds refute: its least value over them is above 0
  auto refutedByBounds = [&](const System& sys, const System::RowRef& r, Sources& why) {
    Wide least = r.c;
    Sources from;
    for (const auto& [v, a] : sys.termsOf(r)) {
      const End& e = a > 0 ? lo[v] : hi[v];
      if (!e.at || *e.at > (Wide{1} << 62) || *e.at < -(Wide{1} << 62)) return false;
      least += a * *e.at;
      from |= e.from;
    }
    if (least <= 0) return false;
    why |= from;
    return true;
  };
  Read out;  // the splits left, in their order
  out.base = std::move(read.base);
  for (std::size_t k = 0; k < read.splits.size(); ++k) {
    std::vector<System> alts;
    Sources dropped;
    for (System& alt : read.splits[k]) {
      bool refuted = false;
      for (const System::RowRef& r : alt.rows) refuted = refuted || refutedByBounds(alt, r, dropped);
      if (!refuted) alts.push_back(std::move(alt));
    }
    Sources from = read.splitFrom[k];
    from |= dropped;
    if (alts.empty()) return from;
    if (alts.size() == 1) {
      for (const System::RowRef& r : alts[0].rows) {
        Sources rowFrom = r.from;
        rowFrom.reset(read.markers[k]);
        rowFrom |= from;
        out.base.add(alts[0].termsOf(r), r.c, rowFrom);
        learn(out.base, out.base.rows.back());
      }
      continue;
    }
    if (k < read.goalSplits) ++out.goalSplits;
    if (k >= read.goalSplits && k < read.goalSplits + read.factSplits) ++out.factSplits;
    out.splits.push_back(std::move(alts));
    out.markers.push_back(read.markers[k]);
    out.splitFrom.push_back(from);
  }
  read = std::move(out);
  return std::nullopt;
}

std::optional<Read> number(const ReadRows& reader, SourceTable& table) {
  Read out;
  for (const Row& r : reader.base) {
    if (!table.add(out.base, r)) return std::nullopt;
  }
  std::vector<const Split*> order;
  for (const Split& s : reader.goalSplits) order.push_back(&s);
  for (const Split& s : reader.factSplits) order.push_back(&s);
  for (const Split& s : reader.atomSplits) order.push_back(&s);
  out.goalSplits = reader.goalSplits.size();
  out.factSplits = reader.factSplits.size();
  for (const Split* s : order) {
    std::optional<std::size_t> marker = table.marker();
    std::optional<std::size_t> own = table.of(s->deps);
    if (!marker || !own) return std::nullopt;
    std::vector<System> alts;
    for (const std::vector<Row>& alt : s->alts) {
      alts.emplace_back();
      for (const Row& r : alt) {
        if (!table.add(alts.back(), r, marker)) return std::nullopt;
      }
    }
    out.splits.push_back(std::move(alts));
    out.markers.push_back(*marker);
    Sources from;
    if (!s->deps.empty()) from.set(*own);
    out.splitFrom.push_back(from);
  }
  return out;
}

/// The constraints read and their splits pruned (`read`), or the sources of the refutation
/// pruning found (`refuted`); neither when there are too many constraints or sources.
struct Prepared {
  std::optional<Read> read;
  std::optional<Sources> refuted;
};

Prepared prepare(const ReadRows& reader, SourceTable& table) {
  Prepared out;
  out.read = number(reader, table);
  if (out.read) out.refuted = pruneSplits(*out.read, reader.variables);
  if (out.refuted) out.read.reset();
  return out;
}

}  // namespace
}  // namespace linear

std::optional<DepSet> refuteLinear(const Box& box, std::span<const Constraint> constraints,
                                   const LinearLimits& limits) {
  using namespace linear;
  if (constraints.size() > limits.maxConstraints) return std::nullopt;
  SourceTable table;
  Prepared prepared = prepare(readRows(box, constraints), table);
  if (prepared.refuted) return table.depsOf(*prepared.refuted);
  std::optional<Read>& read = prepared.read;
  if (!read) return std::nullopt;
  CaseSearch search(std::move(read->splits), std::move(read->markers), std::move(read->splitFrom),
                    limits);
  std::optional<Sources> from = search.run(read->base, 0);
  if (!from) return std::nullopt;
  return table.depsOf(*from);
}

std::optional<std::vector<std::pair<ExprRef, std::int64_t>>> linearPoint(
    const Box& box, std::span<const Constraint> constraints, const PointFilter& accept,
    const LinearLimits& limits) {
  using namespace linear;
  if (constraints.size() > limits.maxConstraints) return std::nullopt;
  const ReadRows reader = readRows(box, constraints);
  SourceTable table;
  std::optional<Read> read = prepare(reader, table).read;
  if (!read) return std::nullopt;
  const std::vector<std::pair<ExprRef, std::uint32_t>>& symbols = reader.symbols;
  std::vector<std::pair<ExprRef, std::int64_t>> point;
  Acceptor acceptor;
  acceptor.accept = [&](const std::vector<std::int64_t>& values) {
    point.clear();
    for (const auto& [sym, v] : symbols) point.emplace_back(sym, values[v]);
    return accept(point);
  };
  // the goal's cases alone first (a point usually meets the facts' `!=` without choosing for
  // them), then with Max/Min/Abs equal to an operand (exact values), then every split
  const std::size_t atoms = read->goalSplits + read->factSplits;
  std::vector<const std::vector<System>*> goal;
  std::vector<const std::vector<System>*> withAtoms;
  std::vector<const std::vector<System>*> all;
  for (std::size_t k = 0; k < read->splits.size(); ++k) {
    if (k < read->goalSplits) goal.push_back(&read->splits[k]);
    if (k < read->goalSplits || k >= atoms) withAtoms.push_back(&read->splits[k]);
    all.push_back(&read->splits[k]);
  }
  for (const auto* splits : {&goal, &withAtoms, &all}) {
    if (splits != &goal && splits->size() == goal.size()) continue;
    if (splits == &all && all.size() == withAtoms.size()) continue;
    if (PointSearch(*splits, reader.variables, limits, acceptor).run(read->base, 0)) return point;
  }
  return std::nullopt;
}

std::optional<std::int64_t> linearBound(const Box& box, std::span<const Constraint> constraints,
                                        ExprRef e, bool upper, const LinearLimits& limits) {
  using namespace linear;
  if (constraints.size() > limits.maxConstraints || e->type() != ExprType::Int) return std::nullopt;
  const ReadRows reader = readRows(box, constraints, e);
  const std::uint32_t t = *reader.projected;
  SourceTable table;
  std::optional<Read> read = number(reader, table);
  if (!read) return std::nullopt;
  std::size_t work = 0;
  System rest;
  // the splits are left out: a relaxation, so the bound stays sound (maybe not tight)
  if (eliminate(read->base, limits, work, nullptr, t, &rest).kind != Outcome::Feasible) {
    return std::nullopt;
  }
  std::optional<Wide> bound;
  for (const System::RowRef& r : rest.rows) {
    auto terms = rest.termsOf(r);
    if (terms.size() != 1 || terms[0].first != t) continue;
    const Wide a = terms[0].second;  // a·t + c <= 0
    if (upper != (a > 0)) continue;
    const Wide b = boundOf(a, r.c);
    bound = !bound ? b : (upper ? std::min(*bound, b) : std::max(*bound, b));
  }
  if (!bound || !inInt64(*bound)) return std::nullopt;
  return static_cast<std::int64_t>(*bound);
}

}  // namespace symrange::solver
