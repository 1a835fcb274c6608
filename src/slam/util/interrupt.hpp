#pragma once

#include <chrono>

namespace slam::util {

// Install the handlers of SIGINT and SIGTERM. Outside a DeferredInterrupts
// scope a signal ends slam at once, as by default, but first passes the
// signal to the child processes it started (killing those still there
// after a moment), removes its temporary files (interrupt_cleanup.hpp)
// and prints "slam: error: interrupted" (in colour when COLOR); the exit
// status is 128 plus the signal's number: 130 for SIGINT, 143 for
// SIGTERM. Inside one, the first signal only sets a flag that the running
// code checks to stop cleanly; a second one ends slam at once.
void install_interrupt_handlers(bool color);

// Return whether SIGINT or SIGTERM has arrived.
bool interrupt_requested();

// Return the number of the last interrupt's signal, 0 when none arrived.
int interrupt_signal();

// Return the exit status that the last interrupt calls for: 128 plus its
// signal's number, 130 (as for Ctrl-C) when none arrived.
int interrupted_exit_status();

// Block for good while an interrupt is ending slam: a thread whose child
// the handler stopped must not report that child's end as a failure (and
// exit with its own status) before the handler ends slam.
void stay_while_ending();

// Forget an interrupt that has been dealt with.
void clear_interrupt();

// While one exists, SIGINT and SIGTERM set the interrupt flag instead of
// ending slam, for waits that can say what goes on without them.
class DeferredInterrupts
{
public:
  DeferredInterrupts();
  ~DeferredInterrupts();
  DeferredInterrupts(const DeferredInterrupts&) = delete;
  DeferredInterrupts& operator=(const DeferredInterrupts&) = delete;
};

// Sleep for DURATION, or less when an interrupt arrives; return false when
// interrupted.
bool sleep_unless_interrupted(std::chrono::milliseconds duration);

} // namespace slam::util
