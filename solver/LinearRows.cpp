// solver/LinearRows.cpp — the linear tier's rows: tightening, bounds propagation, Fourier–Motzkin
// elimination and back-substitution (LinearRows.h).
#include "solver/internal/LinearRows.h"

#include <algorithm>
#include <tuple>

namespace symrange::solver::linear {

bool scaled(Wide v, Wide k, Wide& out) { return !__builtin_mul_overflow(v, k, &out); }

bool addScaled(Lin& acc, const Lin& x, Wide k) {
  Wide c = 0;
  if (!scaled(x.c, k, c) || __builtin_add_overflow(acc.c, c, &acc.c)) return false;
  for (const auto& [v, a] : x.terms) {
    Wide t = 0;
    if (!scaled(a, k, t)) return false;
    acc.terms.emplace_back(v, t);
  }
  return true;
}

namespace {

Wide wideAbs(Wide v) { return v < 0 ? -v : v; }

Wide wideGcd(Wide a, Wide b) {
  a = wideAbs(a);
  b = wideAbs(b);
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace

Wide ceilDiv(Wide c, Wide g) { return c >= 0 ? (c + g - 1) / g : -((-c) / g); }

Wide floorDiv(Wide n, Wide d) { return n >= 0 ? n / d : -((-n + d - 1) / d); }

Wide boundOf(Wide a, Wide rest) { return a > 0 ? floorDiv(-rest, a) : ceilDiv(rest, -a); }

bool inInt64(Wide v) {
  return v > static_cast<Wide>(ir::kInt64Min) && v <= static_cast<Wide>(ir::kInt64Max);
}

Norm makeRow(std::vector<std::pair<std::uint32_t, Wide>>& terms, Wide c, DepSet deps, Row& out) {
  std::sort(terms.begin(), terms.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t w = 0;
  for (std::size_t r = 0; r < terms.size(); ++r) {
    if (w > 0 && terms[w - 1].first == terms[r].first) {
      if (__builtin_add_overflow(terms[w - 1].second, terms[r].second, &terms[w - 1].second)) {
        return Norm::Overflow;
      }
    } else {
      terms[w++] = terms[r];
    }
  }
  terms.resize(w);
  std::erase_if(terms, [](const auto& t) { return t.second == 0; });
  if (terms.empty()) return c > 0 ? Norm::Contradiction : Norm::Trivial;
  Wide g = 0;
  for (const auto& t : terms) g = wideGcd(g, t.second);
  if (g > 1) {
    for (auto& t : terms) t.second /= g;
    c = ceilDiv(c, g);
  }
  if (!inInt64(c)) return Norm::Overflow;
  out.terms.clear();
  for (const auto& [v, a] : terms) {
    if (!inInt64(a)) return Norm::Overflow;
    out.terms.emplace_back(v, static_cast<std::int64_t>(a));
  }
  out.c = static_cast<std::int64_t>(c);
  out.deps = std::move(deps);
  return Norm::Keep;
}

std::optional<Sources> propagateBounds(System& sys, std::size_t& work) {
  constexpr Wide kLimit = Wide{1} << 40;  // bounds and coefficients used (no overflow below)
  constexpr int kRounds = 4;
  struct End {
    std::optional<Wide> at;
    Sources from;
    bool tightened = false;
  };
  std::uint32_t vars = 0;
  for (const auto& [v, a] : sys.terms) vars = std::max(vars, v + 1);
  std::vector<End> lo(vars);
  std::vector<End> hi(vars);
  auto bound = [&](std::uint32_t v, bool upper, Wide b, const Sources& from, bool derived) {
    End& e = upper ? hi[v] : lo[v];
    if (e.at && (upper ? b >= *e.at : b <= *e.at)) return false;
    e = End{b, from, derived || e.tightened};
    return true;
  };
  const std::size_t n = sys.rows.size();
  for (std::size_t i = 0; i < n; ++i) {
    const System::RowRef& r = sys.rows[i];
    if (r.size != 1) continue;
    const auto [v, a] = sys.termsOf(r)[0];
    bound(v, a > 0, boundOf(a, r.c), r.from, false);
  }
  for (int round = 0; round < kRounds; ++round) {
    bool changed = false;
    work += n;
    for (std::size_t i = 0; i < n; ++i) {
      const System::RowRef& r = sys.rows[i];
      if (r.size < 2) continue;
      auto terms = sys.termsOf(r);
      // the least value of each term over the bounds; one term may lack it (then only that
      // term's variable is bounded)
      Wide least = r.c;
      std::size_t missing = terms.size();
      bool usable = true;
      for (std::size_t k = 0; k < terms.size() && usable; ++k) {
        const auto [v, a] = terms[k];
        const End& e = a > 0 ? lo[v] : hi[v];
        if (a > kLimit || a < -kLimit) {
          usable = false;
        } else if (!e.at || *e.at > kLimit || *e.at < -kLimit) {
          if (missing != terms.size()) usable = false;
          missing = k;
        } else {
          least += a * *e.at;
        }
      }
      if (!usable) continue;
      for (std::size_t k = 0; k < terms.size(); ++k) {
        if (missing != terms.size() && k != missing) continue;
        const auto [v, a] = terms[k];
        // a·v + (the others) <= 0 and the others are at least `others`
        Wide others = least;
        Sources from = r.from;
        for (std::size_t j = 0; j < terms.size(); ++j) {
          if (j == k) continue;
          const End& e = terms[j].second > 0 ? lo[terms[j].first] : hi[terms[j].first];
          from |= e.from;
        }
        if (missing == terms.size()) {
          const End& own = a > 0 ? lo[v] : hi[v];
          others -= a * *own.at;
        }
        const bool upper = a > 0;
        if (bound(v, upper, boundOf(a, others), from, true)) changed = true;
        if (lo[v].at && hi[v].at && *lo[v].at > *hi[v].at) {
          Sources both = lo[v].from;
          both |= hi[v].from;
          return both;
        }
      }
    }
    if (!changed) break;
  }
  for (std::uint32_t v = 0; v < vars; ++v) {
    if (lo[v].tightened && inInt64(*lo[v].at)) {
      const std::pair<std::uint32_t, std::int64_t> t{v, -1};  // lo - v <= 0
      sys.add({&t, 1}, static_cast<std::int64_t>(*lo[v].at), lo[v].from);
    }
    if (hi[v].tightened && inInt64(-*hi[v].at)) {
      const std::pair<std::uint32_t, std::int64_t> t{v, 1};  // v - hi <= 0
      sys.add({&t, 1}, static_cast<std::int64_t>(-*hi[v].at), hi[v].from);
    }
  }
  return std::nullopt;
}

Outcome eliminate(const System& start, const LinearLimits& limits, std::size_t& work,
                  std::vector<Step>* steps, std::optional<std::uint32_t> keep, System* rest) {
  const Outcome gaveUp{Outcome::GaveUp, {}};
  for (const System::RowRef& r : start.rows) {
    if (r.size == 0 && r.c > 0) return Outcome{Outcome::Refuted, r.from};
  }
  System sys = start;
  if (std::optional<Sources> crossed = propagateBounds(sys, work)) {
    return Outcome{Outcome::Refuted, *crossed};
  }
  System next;
  // rows by (hash of the left-hand side, constant descending, position)
  std::vector<std::tuple<std::uint64_t, std::int64_t, std::uint32_t>> order;
  std::vector<std::uint32_t> kept;
  std::vector<std::pair<std::uint32_t, Wide>> scratch;
  Row r;  // a combined row (its terms' storage reused)
  // per variable: rows with a positive and with a negative coefficient
  std::vector<std::pair<std::size_t, std::size_t>> sides;
  while (true) {
    work += sys.rows.size();
    if (work > limits.maxWork) return gaveUp;
    // keep the tightest row per left-hand side (the largest constant), constant rows dropped
    order.clear();
    std::uint32_t vars = 0;
    for (std::uint32_t i = 0; i < sys.rows.size(); ++i) {
      if (sys.rows[i].size == 0) continue;
      std::uint64_t h = 0xcbf29ce484222325ULL;
      for (const auto& [v, a] : sys.termsOf(sys.rows[i])) {
        h = (h ^ v) * 0x100000001b3ULL;
        h = (h ^ static_cast<std::uint64_t>(a)) * 0x100000001b3ULL;
        vars = std::max(vars, v + 1);
      }
      order.emplace_back(h, -sys.rows[i].c, i);
    }
    std::sort(order.begin(), order.end());
    kept.clear();
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::uint32_t i = std::get<2>(order[k]);
      bool dup = false;
      // earlier rows with the same hash (a tighter or equal constant first)
      for (std::size_t j = k; j-- > 0 && std::get<0>(order[j]) == std::get<0>(order[k]);) {
        auto ti = sys.termsOf(sys.rows[i]);
        auto tj = sys.termsOf(sys.rows[std::get<2>(order[j])]);
        if (std::equal(ti.begin(), ti.end(), tj.begin(), tj.end())) {
          dup = true;
          break;
        }
      }
      if (!dup) kept.push_back(i);
    }
    std::sort(kept.begin(), kept.end());  // position order: the result does not depend on hashes
    // the variable whose elimination makes the fewest rows
    sides.assign(vars, {0, 0});
    for (std::uint32_t i : kept) {
      for (const auto& [v, a] : sys.termsOf(sys.rows[i])) (a > 0 ? sides[v].first : sides[v].second) += 1;
    }
    std::uint32_t best = 0;
    std::size_t bestCost = SIZE_MAX;
    for (std::uint32_t v = 0; v < vars; ++v) {
      const auto [p, n] = sides[v];
      if (p + n > 0 && p * n < bestCost && v != keep) {
        bestCost = p * n;
        best = v;
      }
    }
    if (bestCost == SIZE_MAX) {
      if (rest) {
        rest->rows.clear();
        rest->terms.clear();
        for (std::uint32_t i : kept) rest->add(sys.termsOf(sys.rows[i]), sys.rows[i].c, {});
      }
      return Outcome{Outcome::Feasible, {}};
    }
    auto coefOf = [&sys, best](std::uint32_t i) -> std::int64_t {
      for (const auto& [v, a] : sys.termsOf(sys.rows[i])) {
        if (v == best) return a;
      }
      return 0;
    };
    next.rows.clear();
    next.terms.clear();
    std::vector<std::uint32_t> pos;
    std::vector<std::uint32_t> neg;
    for (std::uint32_t i : kept) {
      const std::int64_t a = coefOf(i);
      if (a > 0) {
        pos.push_back(i);
      } else if (a < 0) {
        neg.push_back(i);
      } else {
        next.add(sys.termsOf(sys.rows[i]), sys.rows[i].c, sys.rows[i].from);
      }
    }
    work += pos.size() * neg.size();
    if (work > limits.maxWork) return gaveUp;
    if (steps) {
      steps->push_back(Step{best, {}});
      for (std::uint32_t i : pos) steps->back().rows.add(sys.termsOf(sys.rows[i]), sys.rows[i].c, {});
      for (std::uint32_t i : neg) steps->back().rows.add(sys.termsOf(sys.rows[i]), sys.rows[i].c, {});
    }
    for (std::uint32_t p : pos) {
      for (std::uint32_t n : neg) {
        // a·v + P <= 0 and -b·v + N <= 0 give b·P + a·N <= 0
        const Wide a = coefOf(p);
        const Wide b = -Wide{coefOf(n)};
        scratch.clear();
        for (const auto& [v, x] : sys.termsOf(sys.rows[p])) scratch.emplace_back(v, b * x);
        for (const auto& [v, x] : sys.termsOf(sys.rows[n])) scratch.emplace_back(v, a * x);
        Sources from = sys.rows[p].from;
        from |= sys.rows[n].from;
        switch (makeRow(scratch, b * sys.rows[p].c + a * sys.rows[n].c, {}, r)) {
          case Norm::Contradiction: return Outcome{Outcome::Refuted, from};
          case Norm::Keep: next.add(r.terms, r.c, from); break;
          case Norm::Trivial:
          case Norm::Overflow: break;
        }
        if (next.rows.size() > limits.maxRows) return gaveUp;
      }
    }
    std::swap(sys, next);
  }
}

namespace {

class BackSubstitution {
 public:
  BackSubstitution(const std::vector<Step>& steps, std::uint32_t variables, Acceptor& acceptor)
      : steps_(steps), value_(variables, 0), acceptor_(acceptor) {}

  std::optional<std::vector<std::int64_t>> run() {
    if (!assign(0)) return std::nullopt;
    return value_;
  }

 private:
  static constexpr std::size_t kTries = 24;    // values per variable (a residue mod 12 both ways)
  static constexpr std::size_t kNodes = 512;   // values in all

  bool assign(std::size_t k) {
    if (k == steps_.size()) {
      if (acceptor_.calls == 0) return false;
      --acceptor_.calls;
      return acceptor_.accept(value_);
    }
    const Step& step = steps_[steps_.size() - 1 - k];
    constexpr Wide kFar = Wide{1} << 100;
    Wide lo = -kFar;
    Wide hi = kFar;
    for (const System::RowRef& r : step.rows.rows) {
      Wide a = 0;
      Wide rest = r.c;  // a·x + rest <= 0
      for (const auto& [v, coef] : step.rows.termsOf(r)) {
        if (v == step.var) {
          a = coef;
          continue;
        }
        Wide t = 0;
        if (!scaled(coef, value_[v], t) || __builtin_add_overflow(rest, t, &rest)) return false;
      }
      if (a > 0) hi = std::min(hi, boundOf(a, rest));
      if (a < 0) lo = std::max(lo, boundOf(a, rest));
    }
    if (lo > hi) return false;
    // the value nearest 0, then its neighbours (from an end of the range: inwards only)
    const Wide start = lo > 0 ? lo : (hi < 0 ? hi : Wide{0});
    const int dir = lo > 0 ? 1 : (hi < 0 ? -1 : 0);
    std::array<Wide, kTries> values{};
    std::size_t n = 0;
    values[n++] = start;
    for (Wide d = 1; n < kTries && d < Wide{kTries}; ++d) {
      if (dir >= 0 && start + d <= hi) values[n++] = start + d;
      if (n < kTries && dir <= 0 && start - d >= lo) values[n++] = start - d;
    }
    for (std::size_t t = 0; t < n; ++t) {
      if (nodes_++ >= kNodes) return false;
      if (!inInt64(values[t])) continue;
      value_[step.var] = static_cast<std::int64_t>(values[t]);
      if (assign(k + 1)) return true;
      if (acceptor_.calls == 0) return false;
    }
    return false;
  }

  const std::vector<Step>& steps_;
  std::vector<std::int64_t> value_;
  Acceptor& acceptor_;
  std::size_t nodes_ = 0;
};

}  // namespace

std::optional<std::vector<std::int64_t>> backSubstitute(const std::vector<Step>& steps,
                                                       std::uint32_t variables,
                                                       Acceptor& acceptor) {
  return BackSubstitution(steps, variables, acceptor).run();
}

}  // namespace symrange::solver::linear
