// tools/Interrupt.cpp — see Interrupt.h.
#include "tools/internal/Interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <thread>

namespace symrange::tools {

namespace {

std::atomic<bool> gInterrupted{false};
std::atomic<bool> gGraceful{false};

void waitForSigint(sigset_t set) {
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0 || sig != SIGINT) continue;
    gInterrupted.store(true);
    if (!gGraceful.load()) ::_exit(130);
  }
}

}  // namespace

void startInterruptWatch() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) return;  // then SIGINT keeps its default
  std::thread(waitForSigint, set).detach();
}

void setGracefulInterrupt(bool on) { gGraceful.store(on); }

const std::atomic<bool>& interruptFlag() { return gInterrupted; }

}  // namespace symrange::tools
