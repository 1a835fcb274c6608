#include "slam/util/interrupt.hpp"

#include "slam/util/interrupt_cleanup.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <ctime>
#include <unistd.h>

namespace slam::util {
namespace {

// The handler may only touch lock-free atomics and call async-signal-safe
// functions (kill, waitid, unlink, write, _exit).
static_assert(std::atomic<int>::is_always_lock_free);

constexpr int k_exit_signal_base = 128;
constexpr std::chrono::milliseconds k_sleep_slice{100};
// How long the children get to end on the signal before they are killed:
// pip and python end at once; a plugin may clean up.
constexpr int k_child_grace_ms = 2000;

std::atomic<int> g_requested{0}; // the signal's number, 0 for none
std::atomic<int> g_deferring{0};

// Set before the handlers are installed and never changed afterwards.
const char* g_message = "slam: error: interrupted\n";

extern "C" void on_interrupt(int signal)
{
  bool first = g_requested.exchange(signal) == 0;
  if (first && g_deferring.load() > 0) {
    return;
  }
  end_children(signal, k_child_grace_ms);
  remove_temporary_files();
  auto written = ::write(STDERR_FILENO, g_message, std::strlen(g_message));
  static_cast<void>(written); // nothing to do about a failed write here
  ::_exit(k_exit_signal_base + signal);
}

} // namespace

void install_interrupt_handlers(bool color)
{
  // After the ^C that the terminal echoes, the message starts a new line.
  bool terminal = ::isatty(STDERR_FILENO) != 0;
  if (color) {
    g_message = terminal ? "\n\033[1;31mslam: error:\033[0m interrupted\n"
                         : "\033[1;31mslam: error:\033[0m interrupted\n";
  } else {
    g_message = terminal ? "\nslam: error: interrupted\n"
                         : "slam: error: interrupted\n";
  }
  struct sigaction action = {};
  action.sa_handler = on_interrupt;
  // One handler at a time: a second signal while the first one ends slam
  // waits for it instead of starting the clean-up over.
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  // Restart system calls, so that an HTTP call under way when a deferred
  // interrupt arrives finishes normally; the waits check the flag.
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested()
{
  return g_requested.load() != 0;
}

int interrupt_signal()
{
  return g_requested.load();
}

int interrupted_exit_status()
{
  int signal = g_requested.load();
  return k_exit_signal_base + (signal != 0 ? signal : SIGINT);
}

void stay_while_ending()
{
  while (is_ending()) {
    timespec pause = {1, 0};
    ::nanosleep(&pause, nullptr);
  }
}

void clear_interrupt()
{
  g_requested.store(0);
}

DeferredInterrupts::DeferredInterrupts()
{
  ++g_deferring;
}

DeferredInterrupts::~DeferredInterrupts()
{
  --g_deferring;
}

bool sleep_unless_interrupted(std::chrono::milliseconds duration)
{
  // Short slices: the signal may be delivered to another thread, which
  // leaves this one's nanosleep running.
  auto deadline = std::chrono::steady_clock::now() + duration;
  while (!interrupt_requested()) {
    // Nanoseconds, not milliseconds: a truncated last slice would end the
    // sleep before DURATION.
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= std::chrono::nanoseconds(0)) {
      return true;
    }
    auto slice = std::min<std::chrono::nanoseconds>(left, k_sleep_slice);
    timespec time = {0, static_cast<long>(slice.count())};
    ::nanosleep(&time, nullptr);
  }
  return false;
}

} // namespace slam::util
