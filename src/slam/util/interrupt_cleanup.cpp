#include "slam/util/interrupt_cleanup.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <ctime>
#include <sys/wait.h>
#include <unistd.h>

namespace slam::util {
namespace {

static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<pid_t>::is_always_lock_free);

constexpr long k_poll_ns = 10'000'000; // 10 ms between checks for the end

std::atomic<int> g_ending{0};
std::array<std::atomic<pid_t>, 32> g_children{};

// A temporary file's slot: free, being filled (skipped by the handler), or
// ready. Once slam is ending no slot is filled again, so the handler never
// reads a path while it changes.
enum SlotState : int { k_free = 0, k_filling = 1, k_ready = 2 };

struct TemporaryFileSlot
{
  std::atomic<int> state{k_free};
  std::array<char, PATH_MAX> path{};
};

std::array<TemporaryFileSlot, 32> g_temporary_files;

long long now_ns()
{
  timespec time = {};
  ::clock_gettime(CLOCK_MONOTONIC, &time);
  return static_cast<long long>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

// Return whether the process PID has ended: a zombie, or already reaped
// by the thread that started it.
bool has_ended(pid_t pid)
{
  siginfo_t info = {};
  if (::waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno == ECHILD;
  }
  return info.si_pid == pid;
}

void wait_for_children(long long deadline_ns)
{
  for (auto& child : g_children) {
    pid_t pid = child.load();
    pid_t leader = pid < 0 ? -pid : pid;
    while (leader != 0 && !has_ended(leader) && now_ns() < deadline_ns) {
      timespec pause = {0, k_poll_ns};
      ::nanosleep(&pause, nullptr);
    }
  }
}

} // namespace

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

TemporaryFileGuard::TemporaryFileGuard(const std::filesystem::path& path)
    : m_slot(-1)
{
  const auto& name = path.native();
  if (name.size() >= PATH_MAX) {
    return;
  }
  for (std::size_t i = 0; i < g_temporary_files.size(); ++i) {
    auto& slot = g_temporary_files[i];
    int free = k_free;
    if (!slot.state.compare_exchange_strong(free, k_filling)) {
      continue;
    }
    if (g_ending.load() != 0) {
      slot.state.store(k_free);
      return;
    }
    std::memcpy(slot.path.data(), name.c_str(), name.size() + 1);
    slot.state.store(k_ready);
    m_slot = static_cast<int>(i);
    return;
  }
}

TemporaryFileGuard::~TemporaryFileGuard()
{
  if (m_slot >= 0) {
    g_temporary_files[static_cast<std::size_t>(m_slot)].state.store(k_free);
  }
}

void end_children(int signal, int grace_ms)
{
  g_ending.store(1);
  for (auto& child : g_children) {
    if (pid_t pid = child.load(); pid != 0) {
      ::kill(pid, signal);
    }
  }
  wait_for_children(now_ns() + static_cast<long long>(grace_ms) * 1'000'000);
  // A group whole, even when its leader ended: what it started may not
  // have.
  for (auto& child : g_children) {
    if (pid_t pid = child.load(); pid != 0) {
      ::kill(pid, SIGKILL);
    }
  }
}

void remove_temporary_files()
{
  g_ending.store(1);
  for (auto& slot : g_temporary_files) {
    if (slot.state.load() == k_ready) {
      ::unlink(slot.path.data());
    }
  }
}

bool is_ending()
{
  return g_ending.load() != 0;
}

} // namespace slam::util
