// tests/engine/test_differential.cpp — the soundness harness (BRIEF section 8): random programs
// (testing/ProgramGenerator) are analysed and rewritten; original and optimized programs
// then run through the reference interpreter (testing/Interpreter) on many inputs: edge
// values, random values, and the generator's reference points with their neighbours (each
// scalar +-1), on which most checks hold so the deep paths run. They
// must raise at the same check or both succeed with equal outputs. On the same runs the verdicts
// are audited: a redundant check never fires, a fails check always fires when reached, a pruned
// branch is never taken, reported witnesses really make their check fire, reported ranges
// contain every value seen. A failure prints a reproducer shrunk by deleting lines.
//
// Campaign size: SYMRANGE_DIFF_PROGRAMS (default 2000), SYMRANGE_DIFF_INPUTS (default 50),
// SYMRANGE_DIFF_SEED (default 1). See docs/testing.md. The closing messages give the verdict
// and run-outcome distributions, which say how deep the campaign went.
#include <doctest/doctest.h>

#include <bit>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/Engine.h"
#include "ir/text/Reader.h"
#include "testing/Interpreter.h"
#include "testing/ProgramGenerator.h"

namespace {

using symrange::engine::CondVerdict;
using symrange::engine::Engine;
using symrange::solver::Verdict;
using symrange::testing::RtInputs;
using symrange::testing::RtOutcome;

long envOr(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v ? std::atol(v) : fallback;
}

struct CheckFacts {
  std::string name;
  Verdict verdict;
  std::map<std::string, std::int64_t> witness;
};

/// What the engine said about one program, collected before the rewrite.
struct Verdicts {
  std::vector<CheckFacts> checks;
  std::map<std::string, CondVerdict> conds;
  std::map<std::string, std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> ranges;
};

/// The item() sources: symbol name -> input placeholder name (root graph, `Sym(uK)` items).
std::map<std::string, std::string> itemSources(const symrange::ir::Program& p) {
  std::map<std::string, std::string> m;
  for (const auto& n : p.root->nodes()) {
    const std::string& t = n->target();
    if ((t.find("item") != std::string::npos || t.find("_local_scalar_dense") != std::string::npos) &&
        n->annotation && n->annotation->sym && n->annotation->sym->isSymbol() && !n->args.empty() &&
        n->args[0].node())
      m[n->annotation->sym->name()] = n->args[0].node()->name();
  }
  return m;
}

std::string describe(const RtOutcome& o) {
  switch (o.kind) {
    case RtOutcome::Kind::Ok: return "ok";
    case RtOutcome::Kind::Raised: return "raised at " + o.node + " (" + o.what + ")";
    default: return "unsupported at " + o.node + " (" + o.what + ")";
  }
}

std::string describe(const RtInputs& in) {
  std::ostringstream s;
  for (const auto& [k, v] : in.scalars) {
    if (k.rfind('f', 0) == 0) s << k << "=" << std::bit_cast<double>(v) << " ";  // a float input
    else s << k << "=" << v << " ";
  }
  return s.str();
}

/// Runs original (unless `originalRun` gives its outcome on `in`) vs optimized on `in` and
/// audits the verdicts; returns "" or what went wrong.
std::string judge(const symrange::ir::Program& original, const symrange::ir::Program& optimized,
                  const Verdicts& v, const RtInputs& in, const RtOutcome* originalRun = nullptr) {
  const RtOutcome a = originalRun ? *originalRun : symrange::testing::interpret(original, in);
  if (a.kind == RtOutcome::Kind::Unsupported) return {};
  const RtOutcome b = symrange::testing::interpret(optimized, in);
  if (b.kind == RtOutcome::Kind::Unsupported)
    return "optimized program not evaluable where the original is: " + describe(b);
  if (a.kind != b.kind || a.node != b.node)
    return "behaviour differs: original " + describe(a) + ", optimized " + describe(b);
  if (a.kind == RtOutcome::Kind::Ok && !(a.outputs == b.outputs)) return "outputs differ";
  for (const auto& c : v.checks) {
    if (c.verdict == Verdict::Redundant && a.kind == RtOutcome::Kind::Raised && a.node == c.name)
      return "check " + c.name + " is 'redundant' but fired";
    if (c.verdict == Verdict::Fails && a.reached.count(c.name) &&
        !(a.kind == RtOutcome::Kind::Raised && a.node == c.name))
      return "check " + c.name + " is 'fails' but passed";
    if (c.verdict == Verdict::Unreachable && a.reached.count(c.name))
      return "check " + c.name + " is 'unreachable' but was reached";
  }
  for (const auto& [name, taken] : a.condTaken) {
    auto it = v.conds.find(name);
    if (it == v.conds.end()) continue;
    if ((it->second == CondVerdict::True && !taken) || (it->second == CondVerdict::False && taken))
      return "cond " + name + " decided the wrong way";
  }
  if (a.kind == RtOutcome::Kind::Ok)
    for (const auto& [sym, value] : a.seen) {
      auto r = v.ranges.find(sym);
      if (r == v.ranges.end()) continue;
      if ((r->second.first && value < *r->second.first) || (r->second.second && value > *r->second.second))
        return "symbol " + sym + " = " + std::to_string(value) + " outside its reported range";
    }
  return {};
}

struct ProgramRun {
  std::unique_ptr<symrange::ir::Program> original;
  std::optional<Engine> engine;
  Verdicts verdicts;
};

/// Reads, analyses and rewrites `text`; nullopt when the text is not readable.
std::optional<ProgramRun> prepare(const std::string& text) {
  ProgramRun r;
  try {
    r.original = symrange::ir::readProgram(text, "gen.txt");
    r.engine.emplace(Engine::fromText(text, "gen.txt"));
  } catch (const symrange::ir::InputError&) {
    return std::nullopt;
  }
  const auto& a = r.engine->analyze();
  for (const auto& c : a.checks) r.verdicts.checks.push_back({c.node->name(), c.verdict(), c.answer.witness});
  for (const auto& b : a.branches) r.verdicts.conds[b.node->name()] = b.verdict;
  for (const auto& [sym, range] : a.ranges)
    if (!range.empty) r.verdicts.ranges[sym->name()] = {range.lo, range.hi};
  r.engine->optimize();
  return r;
}

/// Greedy line deletion while `stillFails` holds.
std::string shrink(std::string text, const std::function<bool(const std::string&)>& stillFails) {
  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  bool progress = true;
  while (progress) {
    progress = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& l = lines[i];
      if (l.find("def forward") != std::string::npos || l.find("class ") != std::string::npos ||
          l.find("return") != std::string::npos || l.find("ExportedProgram") != std::string::npos)
        continue;
      std::vector<std::string> trial = lines;
      trial.erase(trial.begin() + static_cast<long>(i));
      std::string t;
      for (const auto& x : trial) t += x + "\n";
      if (stillFails(t)) {
        lines = std::move(trial);
        progress = true;
        --i;
      }
    }
  }
  std::string t;
  for (const auto& x : lines) t += x + "\n";
  return t;
}

}  // namespace

TEST_CASE("differential: optimized programs behave like the originals and verdicts hold on every run") {
  const long programs = envOr("SYMRANGE_DIFF_PROGRAMS", 2000);
  const long inputs = envOr("SYMRANGE_DIFF_INPUTS", 50);
  const long seed0 = envOr("SYMRANGE_DIFF_SEED", 1);
  long runs = 0, unsupported = 0, witnessesChecked = 0, witnessesInconclusive = 0;
  long referenceOk = 0;
  std::map<std::string, long> verdictCount, condCount;
  std::map<std::string, std::map<std::string, long>> outcomeCount;  // input kind -> outcome -> runs

  for (long k = 0; k < programs; ++k) {
    symrange::testing::GenOptions o;
    // everything follows from the seed, so SYMRANGE_DIFF_PROGRAMS=1 SYMRANGE_DIFF_SEED=s
    // replays program s of any campaign (seed 1, the first of CI's, gets the smallest shape)
    o.seed = static_cast<std::uint64_t>(seed0 + k);
    const std::uint64_t shape = o.seed - 1;
    o.symbols = 2 + static_cast<int>(shape % 3);
    o.statements = 8 + static_cast<int>(shape % 25);
    o.constRange = 6 + static_cast<int>(shape % 10);
    o.opSemantics = true;  // issue 13: -1 sizes, floats, in-place flips, raising dead code
    o.floatItems = true;   // issue 13: float item()s with NaN, infinities, rounding
    const auto generated = symrange::testing::generateProgramWithReference(o);
    const std::string& text = generated.text;
    auto run = prepare(text);
    REQUIRE_MESSAGE(run.has_value(), "generated program does not parse:\n" << text);
    for (const auto& c : run->verdicts.checks) ++verdictCount[symrange::solver::toString(c.verdict)];
    for (const auto& [name, verdict] : run->verdicts.conds) ++condCount[symrange::engine::toString(verdict)];
    const auto sources = itemSources(*run->original);

    // The generator simulated the reference input; the interpreter must agree on whether the
    // original program runs to its end there (a disagreement is a bug in one of the two).
    {
      RtInputs ref;
      ref.scalars = generated.reference;
      const RtOutcome r = symrange::testing::interpret(*run->original, ref);
      CHECK_MESSAGE((r.kind == RtOutcome::Kind::Ok) == generated.referenceReachesEnd,
                    "seed " << o.seed << ": reference " << describe(ref) << "expected to "
                            << (generated.referenceReachesEnd ? "run to the end" : "raise") << ", interpreter: "
                            << describe(r) << "\n" << text);
      referenceOk += r.kind == RtOutcome::Kind::Ok;
    }

    // Inputs: edge values, then random values around the constants the generator uses.
    std::mt19937_64 rng(o.seed);
    std::vector<RtInputs> all;
    const std::int64_t edges[] = {0, 1, -1, 2, -2, o.constRange, -o.constRange, o.constRange + 1};
    for (long i = 0; i < inputs; ++i) {
      RtInputs in;
      for (int s = 0; s < o.symbols; ++s) {
        std::int64_t v = i < 8 ? edges[(i + s) % 8]
                               : std::uniform_int_distribution<std::int64_t>(-3 * o.constRange, 3 * o.constRange)(rng);
        if (i % 17 == 16) v *= 1000003;  // large values
        in.scalars["x" + std::to_string(s)] = v;
      }
      // float inputs: special values (NaN, infinities, signed zeros, beyond 2**53) among plain ones
      for (const auto& [name, bits] : generated.reference)
        if (name.rfind('f', 0) == 0)
          in.scalars[name] = std::bit_cast<std::int64_t>(symrange::testing::randomFloat(rng, static_cast<int>(o.constRange)));
      all.push_back(in);
    }
    // The reference points (the reference first) and their neighbours: each scalar +-1.
    const std::size_t randomInputs = all.size();
    {
      std::vector<symrange::testing::GenInput> points{generated.reference};
      points.insert(points.end(), generated.points.begin(), generated.points.end());
      std::set<symrange::testing::GenInput> seen;
      auto add = [&](const symrange::testing::GenInput& scalars) {
        if (!seen.insert(scalars).second) return;
        RtInputs in;
        in.scalars = scalars;
        all.push_back(in);
      };
      for (const auto& pt : points) {
        add(pt);
        for (const auto& [input, value] : pt)
          for (std::int64_t d : {-1, 1}) {
            // (a float input is its bit pattern: -0.0 is INT64_MIN, which has no lower neighbour)
            std::int64_t moved = 0;
            if (__builtin_add_overflow(value, d, &moved)) continue;
            auto near = pt;
            near[input] = moved;
            add(near);
          }
      }
    }
    // Witnesses of required checks, combined with each input for the symbols they leave free.
    std::vector<std::pair<std::string, RtInputs>> witnessRuns;
    for (const auto& c : run->verdicts.checks) {
      if (c.verdict != Verdict::Required || c.witness.empty()) continue;
      bool mappable = true;
      RtInputs over;
      for (const auto& [sym, val] : c.witness) {
        auto it = sources.find(sym);
        if (it == sources.end() || it->second.rfind('f', 0) == 0) mappable = false;  // not a float input
        else over.scalars[it->second] = val;
      }
      if (!mappable) continue;
      for (const auto& base : all) {
        RtInputs in = base;
        for (const auto& [k2, v2] : over.scalars) in.scalars[k2] = v2;
        witnessRuns.emplace_back(c.name, in);
      }
    }

    auto failure = [&](const std::string& what, const RtInputs& in) {
      auto stillFails = [&](const std::string& t) {
        auto r2 = prepare(t);
        return r2 && !judge(*r2->original, r2->engine->program(), r2->verdicts, in).empty();
      };
      const std::string small = shrink(text, stillFails);
      FAIL_CHECK("seed " << o.seed << ": " << what << "\ninput: " << describe(in)
                         << "\nreproducer (shrunk):\n" << small << "\noptimized:\n"
                         << (prepare(small) ? prepare(small)->engine->print() : std::string("?")));
    };

    bool failed = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const RtInputs& in = all[i];
      ++runs;
      const RtOutcome a = symrange::testing::interpret(*run->original, in);
      ++outcomeCount[i < randomInputs ? "random/edge" : "reference+-1"]
                    [a.kind == RtOutcome::Kind::Ok ? "ok" : a.kind == RtOutcome::Kind::Raised ? "raised" : "unsupported"];
      const std::string why = judge(*run->original, run->engine->program(), run->verdicts, in, &a);
      if (!why.empty()) {
        failure(why, in);
        failed = true;
        break;
      }
    }
    if (failed) continue;
    std::set<std::string> witnessOk;
    std::map<std::string, std::string> witnessBad;
    for (const auto& [check, in] : witnessRuns) {
      if (witnessOk.count(check)) continue;
      const RtOutcome a = symrange::testing::interpret(*run->original, in);
      if (a.kind == RtOutcome::Kind::Unsupported) {
        ++unsupported;
        continue;
      }
      if (a.kind == RtOutcome::Kind::Raised && a.node == check) witnessOk.insert(check);
      else if (a.reached.count(check) && !(a.kind == RtOutcome::Kind::Raised && a.node == check))
        witnessBad[check] = describe(in);
    }
    for (const auto& c : run->verdicts.checks) {
      if (c.verdict != Verdict::Required || c.witness.empty()) continue;
      if (witnessOk.count(c.name)) ++witnessesChecked;
      else if (witnessBad.count(c.name)) {
        FAIL_CHECK("seed " << o.seed << ": witness of required check " << c.name
                           << " reached the check without firing it; input " << witnessBad[c.name]
                           << "\n" << text);
      } else {
        ++witnessesInconclusive;
      }
    }
  }
  MESSAGE("differential: " << programs << " programs, " << runs << " runs, witnesses confirmed "
                           << witnessesChecked << ", inconclusive " << witnessesInconclusive);
  std::ostringstream vc, cc, oc;
  for (const auto& [k, v] : verdictCount) vc << k << "=" << v << " ";
  for (const auto& [k, v] : condCount) cc << k << "=" << v << " ";
  for (const auto& [kind, counts] : outcomeCount) {
    oc << kind << ": ";
    for (const auto& [k, v] : counts) oc << k << "=" << v << " ";
  }
  MESSAGE("verdicts: " << vc.str() << "| conds: " << cc.str());
  MESSAGE("runs of the original: " << oc.str() << "| reference input runs to the end in " << referenceOk
                                   << " of " << programs << " programs");
}
