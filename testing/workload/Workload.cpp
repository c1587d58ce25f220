// testing/workload/Workload.cpp — the workload driver: mix names, and the loop that fills a
// program with independent groups of the mix's recipe until the requested size is reached.
#include "testing/workload/Workload.h"

#include <algorithm>

#include "testing/workload/internal/Builder.h"
#include "testing/workload/internal/Recipes.h"

namespace symrange::bench {
namespace {

using detail::Builder;

struct Recipe {
  Mix mix;
  const char* name;
  void (*group)(Builder&, std::size_t);
  std::size_t minGroup, maxGroup;  // group sizes drawn from [minGroup, maxGroup] nodes
  int scalarPercent, asyncPercent;  // check spellings (Builder::setCheckStyles)
  bool reuse;                       // Builder::setReuse
};

const std::vector<Recipe>& recipes() {
  static const std::vector<Recipe> kRecipes = {
      {Mix::Interval, "interval", detail::intervalGroup, 24, 56, 60, 25, false},
      {Mix::Relational, "relational", detail::relationalGroup, 36, 64, 75, 10, true},
      {Mix::Nonlinear, "nonlinear", detail::nonlinearGroup, 40, 64, 70, 15, true},
      {Mix::Conds, "conds", detail::condsGroup, 36, 72, 80, 5, true},
      {Mix::Realistic, "realistic", detail::realisticGroup, 20, 50, 60, 25, false},
  };
  return kRecipes;
}

const Recipe& recipeOf(Mix m) {
  for (const Recipe& r : recipes())
    if (r.mix == m) return r;
  return recipes().front();
}

}  // namespace

const std::vector<Mix>& allMixes() {
  static const std::vector<Mix> kMixes = {Mix::Interval, Mix::Relational, Mix::Nonlinear, Mix::Conds,
                                          Mix::Realistic};
  return kMixes;
}

const char* toString(Mix m) { return recipeOf(m).name; }

std::optional<Mix> parseMix(std::string_view name) {
  for (const Recipe& r : recipes())
    if (name == r.name) return r.mix;
  return std::nullopt;
}

Workload generateWorkload(const WorkloadSpec& spec) {
  const Recipe& recipe = recipeOf(spec.mix);
  Builder b(spec.seed * 31 + static_cast<std::uint64_t>(spec.mix));
  b.setCheckStyles(recipe.scalarPercent, recipe.asyncPercent);
  b.setReuse(recipe.reuse);
  // Each group gets a budget drawn from the recipe's range; the last one takes whatever is
  // left when less than a minimal group would remain after it, so the total lands near the
  // request (recipes overshoot their budget by at most one statement).
  while (b.nodes() < spec.nodes) {
    const std::size_t left = spec.nodes - b.nodes();
    std::size_t budget = std::min<std::size_t>(
        left, static_cast<std::size_t>(b.uniform(static_cast<std::int64_t>(recipe.minGroup),
                                                 static_cast<std::int64_t>(recipe.maxGroup))));
    if (left - budget < recipe.minGroup) budget = left;
    b.beginGroup();
    recipe.group(b, budget);
  }
  Workload w;
  w.text = b.program();
  w.nodes = b.nodes();
  w.checks = b.checks();
  w.reference = b.reference();
  return w;
}

}  // namespace symrange::bench
