// solver/SmtBackend.cpp — Z3 queries with tracked assumptions, cores, models, range search.
#include "solver/internal/SmtBackend.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "ir/ExprFunctor.h"

namespace symrange::solver {

using ir::ExprKind;
using ir::ExprRef;
using ir::ExprType;

namespace {

/// Nonlinear queries get this fraction of the budget: Z3's nonlinear arithmetic can spend a
/// long time between two resource-limit checks, so a smaller limit keeps it bounded.
constexpr std::uint64_t kNonlinearShare = 10;

/// Inactive fact definitions tolerated in the incremental solver before it is rebuilt.
constexpr std::size_t kResetDefinitions = 256;

constexpr std::int64_t kSearchLimit = std::int64_t{1} << 62;

bool nonlinearNode(ExprRef e) {
  if (e->kind() == ExprKind::Mul) {
    int nonConst = 0;
    for (ExprRef o : e->ops()) nonConst += o->isConst() ? 0 : 1;
    return nonConst >= 2;
  }
  if (ir::isDivisionKind(e->kind()) || e->kind() == ExprKind::PowByNatural) return !e->op(1)->isConst();
  return false;
}

}  // namespace

bool isNonlinear(ExprRef e) {
  return !ir::forEachSubexpr(e, [](ExprRef x) { return !nonlinearNode(x); });
}

SmtBackend::SmtBackend(const Budget& budget) : budget_(budget) {}

Z3Session& SmtBackend::main() {
  if (!main_) {
    auto t0 = std::chrono::steady_clock::now();
    main_ = std::make_unique<Z3Session>();
    millis_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  return *main_;
}

void SmtBackend::beginEvidence() {
  if (evidenceDepth_++ == 0) {
    auto t0 = std::chrono::steady_clock::now();
    z3::config cfg;
    cfg.set("auto_config", false);  // see checkFresh
    evidence_ = std::make_unique<Z3Session>(cfg);
    millis_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
}

void SmtBackend::endEvidence() {
  if (--evidenceDepth_ == 0) evidence_.reset();
}

z3::params SmtBackend::paramsFor(Z3Session& z, bool nonlinear) const {
  z3::params p(z.ctx);
  std::uint64_t limit = nonlinear ? budget_.rlimit / kNonlinearShare : budget_.rlimit;
  p.set("rlimit", static_cast<unsigned>(std::min<std::uint64_t>(std::max<std::uint64_t>(limit, 1),
                                                                 0xffffffffu)));
  p.set("random_seed", budget_.seed);
  p.set("smt.random_seed", budget_.seed);
  // nlsat (the complete real-arithmetic procedure) ignores the resource limit for long
  // stretches; the integer reasoning of the arithmetic solver remains.
  p.set("smt.arith.nl.nra", false);
  // Z3 4.8's tangent-plane lemmas can loop without ever charging the resource limit: the
  // differential campaign found Ne((u2 - u0)*(u2 - u0), 149) under four linear facts running
  // for minutes at rlimit 200k. Without them that query takes milliseconds.
  p.set("smt.arith.nl.tangents", false);
  // Last resort, not a budget: other nonlinear procedures of Z3 4.8 (the Groebner step on
  // (u0 + 5)*u0^4, found by the differential campaign) also loop without charging the limit.
  // A nonlinear check still running after Budget::safetyNetMillis is cancelled and answers
  // unknown ("z3 ignored its resource limit"); see also `overran_`. Linear checks honour
  // `rlimit` and get no timer: Z3 4.8 runs a timeout on a thread of its own and its end spins
  // (futex, sched_yield) until that thread has seen it, about 36 us of CPU per check here and
  // more wall time on a loaded machine. A solver keeps a timeout once set, hence the two
  // incremental solvers.
  if (nonlinear) p.set("timeout", std::max(budget_.safetyNetMillis, 1u));
  p.set("ctrl_c", false);  // no SIGINT handler of Z3's own: the CLI takes Ctrl-C (tools/internal/Interrupt.h)
  return p;
}

namespace {

z3::expr indicator(z3::context& ctx, ExprRef fact) {
  return ctx.bool_const(("f!" + std::to_string(fact->id())).c_str());
}

z3::expr goalLiteral(z3::context& ctx, ExprRef goal, GoalMode mode) {
  const char* tag = mode == GoalMode::Holds ? "g+" : "g-";
  return ctx.bool_const((tag + std::to_string(goal->id())).c_str());
}

}  // namespace

z3::check_result SmtBackend::timedCheck(z3::solver& s, const z3::expr_vector& assumptions) {
  auto t0 = std::chrono::steady_clock::now();
  z3::check_result r = s.check(assumptions);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  millis_ += ms;
  ++checks_;
  lastOverran_ = ms >= budget_.safetyNetMillis;
  overran_ = overran_ || lastOverran_;
  return r;
}

std::string SmtBackend::unknownReason(const std::string& z3reason, bool nonlinear) const {
  if (z3reason.find("resource") != std::string::npos) return "budget";
  if (z3reason == "canceled" || z3reason.find("timeout") != std::string::npos) {
    // Z3 5.4 reports a used-up rlimit as "canceled" too: only a check that ran as long as the
    // safety net was stopped by it.
    return lastOverran_ ? "z3 ignored its resource limit (stopped by the safety net)" : "budget";
  }
  if (nonlinear && z3reason.find("incomplete") != std::string::npos) return "nonlinear";
  return z3reason.empty() ? "unknown" : z3reason;
}

std::optional<ir::Value> SmtBackend::readValue(Z3Session& z, const z3::model& m, ExprRef sym,
                                               bool& fits) {
  z3::expr v = m.eval(z.lower.symbol(sym), true);
  if (v.is_bool()) {
    if (v.is_true()) return ir::Value::ofBool(true);
    if (v.is_false()) return ir::Value::ofBool(false);
    fits = false;
    return std::nullopt;
  }
  if (v.is_int()) {
    int64_t i = 0;
    if (v.is_numeral_i64(i)) return ir::Value::ofInt(i);
    fits = false;
    return std::nullopt;
  }
  int64_t num = 0, den = 0;
  if (v.is_numeral() && v.numerator().is_numeral_i64(num) && v.denominator().is_numeral_i64(den) &&
      den != 0) {
    return ir::Value::ofFloat(static_cast<double>(num) / static_cast<double>(den));
  }
  fits = false;
  return std::nullopt;
}

SmtResult SmtBackend::run(Z3Session& z, z3::solver& s, const SmtQuery& q,
                          std::unordered_set<std::uint64_t>* defined) {
  const bool addDefinitions = defined == nullptr;
  SmtResult out;
  bool nonlinear = false;
  struct PopOnExit {
    z3::solver* solver = nullptr;
    ~PopOnExit() {
      try {
        if (solver) solver->pop();
      } catch (const z3::exception&) {  // nothing sensible left to do with the solver
      }
    }
  } frame;
  try {
    std::unordered_map<std::string, ExprRef> byName;  // literal name -> fact; lookup only
    z3::expr_vector assumptions(z.ctx);
    for (ExprRef f : q.facts) {
      z3::expr lit = indicator(z.ctx, f);
      std::uint64_t key = static_cast<std::uint64_t>(f->id()) * 3;
      if (addDefinitions || !defined->count(key)) {
        std::optional<z3::expr> h;
        try {
          h = z.lower.factHolds(f);
        } catch (const UnsupportedExpr&) {
          // a fact without a lowering is left out: fewer facts keep unsat answers sound, and
          // a model must still pass ir::evaluate on every fact before it is believed
          if (!q.dropUnsupportedFacts) throw;
          out.exact = false;
          continue;
        }
        s.add(z3::implies(lit, *h));
        if (!addDefinitions) defined->insert(key);
      }
      byName.emplace(lit.decl().name().str(), f);
      assumptions.push_back(lit);
      out.exact = z.lower.exact(f) && out.exact;
      nonlinear = nonlinear || isNonlinear(f);
    }
    std::string goalName;
    if (q.mode != GoalMode::None) {
      z3::expr h = z.lower.holds(q.goal);
      z3::expr g = q.mode == GoalMode::Holds ? h : !h;
      if (addDefinitions) {
        // fresh solver: the goal is a tracked assumption too (its core tells it apart)
        z3::expr lit = goalLiteral(z.ctx, q.goal, q.mode);
        s.add(z3::implies(lit, g));
        goalName = lit.decl().name().str();
        assumptions.push_back(lit);
      } else {
        // incremental solver: the goal lives in a frame popped after the check (even when Z3
        // throws), so goals do not pile up as inactive clauses Z3 would keep branching on
        s.push();
        frame.solver = &s;
        s.add(g);
      }
      out.exact = z.lower.exact(q.goal) && out.exact;
      nonlinear = nonlinear || isNonlinear(q.goal);
    }
    if (nonlinear && overran_) {
      out.result = SatResult::Unknown;
      out.reason = kSkippedReason;
      return out;
    }
    s.set(paramsFor(z, nonlinear));
    z3::check_result r = timedCheck(s, assumptions);
    if (r == z3::unsat) {
      out.result = SatResult::Unsat;
      z3::expr_vector core = s.unsat_core();
      for (unsigned i = 0; i < core.size(); ++i) {
        std::string name = core[i].decl().name().str();
        if (name == goalName) {
          out.coreUsesGoal = true;
        } else if (auto it = byName.find(name); it != byName.end()) {
          out.core.push_back(it->second);
        }
      }
      std::sort(out.core.begin(), out.core.end(), ir::ExprIdLess{});
      out.core.erase(std::unique(out.core.begin(), out.core.end()), out.core.end());
    } else if (r == z3::sat) {
      out.result = SatResult::Sat;
      z3::model m = s.get_model();
      for (ExprRef sym : q.modelSymbols) {
        if (auto v = readValue(z, m, sym, out.modelFits)) out.model.emplace_back(sym, *v);
      }
    } else {
      out.result = SatResult::Unknown;
      out.reason = unknownReason(s.reason_unknown(), nonlinear);
    }
  } catch (const UnsupportedExpr& e) {
    out.result = SatResult::Unknown;
    out.reason = e.what();
  } catch (const z3::exception& e) {
    out.result = SatResult::Unknown;
    out.reason = std::string("z3 exception: ") + e.msg();
  }
  return out;
}

SmtResult SmtBackend::checkFresh(const SmtQuery& q) {
  Z3Session& z = evidence_ ? *evidence_ : main();
  SmtResult r;
  {
    z3::solver s(z.ctx, z3::solver::simple());
    r = run(z, s, q, nullptr);
  }
  if (r.result == SatResult::Unknown && evidence_ && r.reason.rfind("unsupported", 0) != 0) {
    // The evidence context runs without Z3's auto-configuration (it is created per query and
    // that halves its cost); when it gives up, the main context decides instead (its evidence
    // may then depend on earlier queries, its soundness does not).
    z3::solver s(main().ctx, z3::solver::simple());
    r = run(main(), s, q, nullptr);
  }
  return r;
}

SmtResult SmtBackend::checkIncremental(const SmtQuery& q) {
  // Definitions of facts no longer active stay in the solver (inert: their indicator is not
  // assumed); start over once they dominate.
  bool nonlinear = q.mode != GoalMode::None && isNonlinear(q.goal);
  for (ExprRef f : q.facts) nonlinear = nonlinear || isNonlinear(f);
  Incremental& inc = incremental_[nonlinear ? 1 : 0];
  if (!inc.solver || inc.defined.size() > kResetDefinitions + 4 * q.facts.size()) {
    inc.solver.emplace(main().ctx, z3::solver::simple());
    inc.defined.clear();
  }
  return run(main(), *inc.solver, q, &inc.defined);
}

EndSearch SmtBackend::searchEnd(const std::vector<ExprRef>& facts, ExprRef e, bool maximize,
                                std::optional<std::int64_t> known) {
  EndSearch out;
  out.bound = known;
  try {
    Z3Session& z = main();
    z3::solver s(z.ctx, z3::solver::simple());
    bool nonlinear = isNonlinear(e);
    for (ExprRef f : facts) {
      s.add(z.lower.factHolds(f));
      nonlinear = nonlinear || isNonlinear(f);
    }
    // Nonlinear range searches can run far past the resource limit inside Z3 4.8's arithmetic
    // solver (seen on generated programs): keep the interval bound, which is sound.
    if (nonlinear) return out;
    s.add(z.lower.defined(e));
    // A range search makes up to 64 probes: each gets a sixteenth of a check's budget, so a
    // range never costs more than a few checks (the ends stay sound when a probe gives up).
    z3::params rp = paramsFor(z, nonlinear);
    const std::uint64_t share = (nonlinear ? budget_.rlimit / kNonlinearShare : budget_.rlimit) / 16;
    rp.set("rlimit", static_cast<unsigned>(std::min<std::uint64_t>(std::max<std::uint64_t>(share, 1),
                                                                    0xffffffffu)));
    s.set(rp);
    z3::expr t = z.lower.term(e);
    if (!t.is_int()) return out;
    // Search in the direction of growth: work on v = e (maximize) or v = -e (minimize).
    auto valueOf = [&](const z3::model& m) -> std::optional<__int128> {
      int64_t v = 0;
      if (!m.eval(t, true).is_numeral_i64(v)) return std::nullopt;
      return maximize ? static_cast<__int128>(v) : -static_cast<__int128>(v);
    };
    z3::expr_vector none(z.ctx);
    z3::check_result r = timedCheck(s, none);
    if (r == z3::unsat) {
      out.factsUnsat = true;
      return out;
    }
    if (r != z3::sat) return out;
    std::optional<__int128> best = valueOf(s.get_model());
    if (!best) return out;
    std::optional<__int128> upper;
    if (known) upper = maximize ? static_cast<__int128>(*known) : -static_cast<__int128>(*known);
    __int128 step = 1;
    for (int iter = 0; iter < 64; ++iter) {
      if (upper && *best >= *upper) break;
      __int128 target = upper ? *best + (*upper - *best + 1) / 2 : *best + step;
      if (!upper && target > kSearchLimit) break;
      step *= 2;
      s.push();
      auto bound = z.ctx.int_val(static_cast<int64_t>(maximize ? target : -target));
      s.add(maximize ? t >= bound : t <= bound);
      r = timedCheck(s, none);
      if (r == z3::sat) {
        std::optional<__int128> v = valueOf(s.get_model());
        s.pop();
        if (!v) break;
        best = *v;
      } else {
        s.pop();
        if (r != z3::unsat) break;
        upper = target - 1;
      }
    }
    if (upper) {
      // upper starts at `known` and only decreases, so it is at least as tight
      auto u = static_cast<std::int64_t>(*upper);
      out.bound = maximize ? u : -u;
      out.attained = *best >= *upper;
    } else {
      out.attained = *best > kSearchLimit / 2;  // unbounded as far as the search went
    }
  } catch (const UnsupportedExpr&) {
  } catch (const z3::exception&) {
  }
  return out;
}

}  // namespace symrange::solver
