// tools/internal/Interrupt.h — Ctrl-C for the whole `symrange` process. SIGINT is blocked in every
// thread (the mask is set first thing in main, before any thread exists, so workers and Z3's timer
// threads inherit it) and taken by one thread waiting in sigwait(), so no signal handler ever runs
// and no library (Z3) can swallow the signal or race on the handler. A command that can stop
// cleanly (`verify`) asks for a graceful stop: SIGINT then sets the flag it polls; any other
// command exits 130 at once, as a shell expects of an interrupted program.
#pragma once

#include <atomic>

namespace symrange::tools {

/// Blocks SIGINT in the calling thread and starts the waiting thread. Call once, first in main.
void startInterruptWatch();

/// While a command runs gracefully, SIGINT sets the flag returned by interruptFlag() instead of
/// exiting the process.
void setGracefulInterrupt(bool on);

/// Set by a SIGINT received in graceful mode (also before the command switched it on: a signal
/// that arrives first is never lost).
[[nodiscard]] const std::atomic<bool>& interruptFlag();

}  // namespace symrange::tools
