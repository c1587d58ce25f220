// tests/cli/test_verify_interrupt.cpp — Ctrl-C during `symrange verify`: the run stops early,
// exits 130 and still writes a report of the files it finished, marked incomplete. SIGINT is
// sent once the first file is reported (the process is then surely past its start-up), at once
// or after a random delay; with -j1 and -j2, many times. No timing assumption decides a result:
// a run that finished before the signal arrived must simply be a complete, normal run.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "testing/ProgramGenerator.h"
#include "tests/cli/CliRun.h"

namespace fs = std::filesystem;

namespace {

constexpr int kFiles = 300;

/// kFiles generated programs (40 statements each) in DIR/in.
void writeInputs(const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  for (int k = 1; k <= kFiles; ++k) {
    symrange::testing::GenOptions o;
    o.seed = static_cast<std::uint64_t>(k);
    o.statements = 40;
    std::ofstream(dir / "in" / ("gen_" + std::to_string(k) + ".txt")) << symrange::testing::generateProgram(o);
  }
}

struct Outcome {
  int status = 0;
  std::string err;
  nlohmann::json report;  // null when none was written
};

/// Runs `verify DIR/in --jobs JOBS --report ...`, sends SIGINT `delayMs` after the first
/// progress line and waits for the process.
Outcome interruptedRun(const fs::path& dir, const char* jobs, int delayMs) {
  const fs::path report = dir / "report.json", err = dir / "err";
  fs::remove(report);
  fs::remove(err);
  std::fflush(nullptr);  // the child must not print the test runner's buffered output again
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::FILE* e = std::freopen(err.c_str(), "w", stderr);
    std::FILE* o = std::freopen("/dev/null", "w", stdout);
    if (e && o)
      ::execl(SYMRANGE_BINARY, SYMRANGE_BINARY, "verify", (dir / "in").c_str(), "--jobs", jobs, "--report",
              report.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  bool started = false;
  for (int i = 0; i < 6000 && !started; ++i) {
    started = symrange::testing::slurp(err).find('\n') != std::string::npos;
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(started);
  if (delayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
  ::kill(pid, SIGINT);
  Outcome out;
  REQUIRE(::waitpid(pid, &out.status, 0) == pid);
  out.err = symrange::testing::slurp(err);
  if (fs::exists(report)) out.report = nlohmann::json::parse(symrange::testing::slurp(report), nullptr, false);
  return out;
}

/// The run either stopped (130, a partial report marked incomplete) or, when it ended before
/// the signal arrived, is a complete run. Returns true for the first.
bool checkOutcome(const Outcome& r) {
  INFO("stderr: " << r.err.substr(r.err.size() > 2000 ? r.err.size() - 2000 : 0));
  REQUIRE_MESSAGE(WIFEXITED(r.status), "killed by signal " << (WIFSIGNALED(r.status) ? WTERMSIG(r.status) : 0));
  const int code = WEXITSTATUS(r.status);
  REQUIRE(r.report.is_object());
  const auto files = r.report["files"].size();
  CHECK(r.report["summary"]["files"] == files);
  for (const auto& f : r.report["files"]) CHECK((f.contains("summary") || f.contains("error")));
  if (code == 130) {
    CHECK(r.report["summary"]["complete"] == false);
    CHECK(r.err.find("(interrupted)") != std::string::npos);
    CHECK(files < static_cast<std::size_t>(kFiles));
    return true;
  }
  CHECK((code == 0 || code == 1));
  CHECK(r.report["summary"]["complete"] == true);
  CHECK(files == static_cast<std::size_t>(kFiles));
  return false;
}

}  // namespace

TEST_CASE("verify: an interrupt stops the run with exit 130 and a partial report") {
  const fs::path dir = fs::temp_directory_path() / ("symrange_interrupt_" + std::to_string(::getpid()));
  writeInputs(dir);
  for (const char* jobs : {"1", "2"}) {
    CAPTURE(jobs);
    const Outcome r = interruptedRun(dir, jobs, 0);
    CHECK(checkOutcome(r));  // signalled right after the first file: never the whole run
    CHECK(r.report["files"].size() >= 1);
  }
  fs::remove_all(dir);
}

TEST_CASE("verify -j2: SIGINT at random moments, every try exits 130 with a partial report") {
  const fs::path dir = fs::temp_directory_path() / ("symrange_interrupt_many_" + std::to_string(::getpid()));
  writeInputs(dir);
  std::mt19937 rng(20261203);
  std::uniform_int_distribution<int> delay(0, 250);
  constexpr int kTries = 10;
  int interrupted = 0, tries = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < kTries; ++t) {
    const int ms = delay(rng);
    CAPTURE(t);
    CAPTURE(ms);
    ++tries;
    if (checkOutcome(interruptedRun(dir, t % 3 == 2 ? "1" : "2", ms))) ++interrupted;
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(12)) break;  // a slow machine
  }
  // a run of 300 files lasts far longer (tens of seconds) than the longest delay: every try
  // stops early
  CHECK(interrupted == tries);
  fs::remove_all(dir);
}
