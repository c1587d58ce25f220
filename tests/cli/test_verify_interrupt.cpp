// tests/cli/test_verify_interrupt.cpp — Ctrl-C during `symrange verify`: the run stops early,
// exits 130 and still writes a report of the files it finished, marked incomplete. The signal
// is sent once the first file is reported (no timing assumption).
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/cli/CliRun.h"
#include "tests/support/ProgramGenerator.h"

namespace fs = std::filesystem;

TEST_CASE("verify: an interrupt stops the run with exit 130 and a partial report") {
  const fs::path dir = fs::temp_directory_path() / ("symrange_interrupt_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  constexpr int kFiles = 400;
  for (int k = 1; k <= kFiles; ++k) {
    symrange::testing::GenOptions o;
    o.seed = static_cast<std::uint64_t>(k);
    o.statements = 40;
    std::ofstream(dir / "in" / ("gen_" + std::to_string(k) + ".txt")) << symrange::testing::generateProgram(o);
  }
  const fs::path report = dir / "report.json", err = dir / "err";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::FILE* e = std::freopen(err.c_str(), "w", stderr);
    std::FILE* o = std::freopen("/dev/null", "w", stdout);
    if (e && o)
      ::execl(SYMRANGE_BINARY, SYMRANGE_BINARY, "verify", (dir / "in").c_str(), "--jobs", "1", "--report",
              report.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // wait until the first file is reported (a progress line on stderr), then interrupt
  bool started = false;
  for (int i = 0; i < 6000 && !started; ++i) {
    started = symrange::testing::slurp(err).find('\n') != std::string::npos;
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(started);
  ::kill(pid, SIGINT);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  const std::string stderrText = symrange::testing::slurp(err);
  INFO("stderr: " << stderrText.substr(0, 2000));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(stderrText.find("(interrupted)") != std::string::npos);
  REQUIRE(fs::exists(report));
  const auto r = nlohmann::json::parse(symrange::testing::slurp(report));
  CHECK(r["summary"]["complete"] == false);
  const auto files = r["files"].size();
  CHECK(files >= 1);
  CHECK(files < static_cast<std::size_t>(kFiles));
  CHECK(r["summary"]["files"] == files);
  for (const auto& f : r["files"]) CHECK((f.contains("summary") || f.contains("error")));
  fs::remove_all(dir);
}
