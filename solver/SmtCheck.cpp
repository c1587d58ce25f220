// solver/SmtCheck.cpp — SmtChecker on top of SmtBackend (fresh solver per check).
#include "solver/SmtCheck.h"

#include <algorithm>

#include "solver/internal/SmtBackend.h"

namespace symrange::solver {

const char* toString(SatResult r) {
  switch (r) {
    case SatResult::Sat: return "sat";
    case SatResult::Unsat: return "unsat";
    case SatResult::Unknown: return "unknown";
  }
  return "unknown";
}

struct SmtChecker::Impl {
  Budget budget;
  std::unique_ptr<SmtBackend> backend;  // created at the first check
};

SmtChecker::SmtChecker(Budget budget) : impl_(std::make_unique<Impl>()) {
  impl_->budget = budget;
}

SmtChecker::~SmtChecker() = default;

SatAnswer SmtChecker::check(const std::vector<ir::ExprRef>& assertions) {
  if (!impl_->backend) impl_->backend = std::make_unique<SmtBackend>(impl_->budget);
  SmtQuery q;
  q.facts = assertions;
  std::sort(q.facts.begin(), q.facts.end(), ir::ExprIdLess{});
  q.facts.erase(std::unique(q.facts.begin(), q.facts.end()), q.facts.end());
  SmtResult r = impl_->backend->checkFresh(q);
  return {r.result, r.reason};
}

}  // namespace symrange::solver
