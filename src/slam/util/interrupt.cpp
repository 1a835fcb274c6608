#include "slam/util/interrupt.hpp"

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
// functions (kill, write, _exit).
static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<pid_t>::is_always_lock_free);

constexpr int k_exit_interrupted = 130;
constexpr std::chrono::milliseconds k_sleep_slice{100};

std::atomic<int> g_requested{0};
std::atomic<int> g_deferring{0};
std::array<std::atomic<pid_t>, 32> g_children{};

// Set before the handlers are installed and never changed afterwards.
const char* g_message = "slam: error: interrupted\n";

void stop_children()
{
  for (auto& child : g_children) {
    pid_t pid = child.load();
    if (pid != 0) { // negative: a process group
      ::kill(pid, SIGTERM);
    }
  }
}

extern "C" void on_interrupt(int)
{
  bool first = g_requested.exchange(1) == 0;
  if (first && g_deferring.load() > 0) {
    return;
  }
  stop_children();
  auto written = ::write(STDERR_FILENO, g_message, std::strlen(g_message));
  static_cast<void>(written); // nothing to do about a failed write here
  ::_exit(k_exit_interrupted);
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
  sigemptyset(&action.sa_mask);
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

ChildProcessGuard::ChildProcessGuard(pid_t pid) : m_slot(-1)
{
  for (std::size_t i = 0; i < g_children.size(); ++i) {
    pid_t free = 0;
    if (g_children[i].compare_exchange_strong(free, pid)) {
      m_slot = static_cast<int>(i);
      return;
    }
  }
}

ChildProcessGuard::~ChildProcessGuard()
{
  if (m_slot >= 0) {
    g_children[static_cast<std::size_t>(m_slot)].store(0);
  }
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
