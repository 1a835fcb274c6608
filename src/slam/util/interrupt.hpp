#pragma once

#include <chrono>
#include <sys/types.h>

namespace slam::util {

// Install the handlers of SIGINT and SIGTERM. Outside a DeferredInterrupts
// scope a signal ends slam at once, as by default, but first stops the
// child processes it started and prints "slam: error: interrupted" (in
// colour when COLOR), and the exit status is 130. Inside one, the first
// signal only sets a flag that the running code checks to stop cleanly; a
// second one ends slam at once.
void install_interrupt_handlers(bool color);

// Return whether SIGINT or SIGTERM has arrived.
bool interrupt_requested();

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

// While one exists, an interrupt that ends slam first sends SIGTERM to the
// child process PID (to the process group -PID when negative), so that no
// pip or plugin is left running.
class ChildProcessGuard
{
public:
  explicit ChildProcessGuard(pid_t pid);
  ~ChildProcessGuard();
  ChildProcessGuard(const ChildProcessGuard&) = delete;
  ChildProcessGuard& operator=(const ChildProcessGuard&) = delete;

private:
  int m_slot; // -1 when every slot was taken
};

// Sleep for DURATION, or less when an interrupt arrives; return false when
// interrupted.
bool sleep_unless_interrupted(std::chrono::milliseconds duration);

} // namespace slam::util
