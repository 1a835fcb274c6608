#include "slam/util/file_lock.hpp"

#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/process.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace slam::util {
namespace {

// How often a waiter tries the lock again: flock() cannot wait for it and
// for an interrupt at once (a signal restarts it).
constexpr std::chrono::milliseconds k_retry_interval{25};

// Return the holder that the lock file open as FD describes: "PID
// ACTIVITY\n", or less while the holder is still writing it.
LockHolder read_holder(int fd)
{
  std::array<char, 256> buffer{};
  auto got = ::pread(fd, buffer.data(), buffer.size(), 0);
  LockHolder holder;
  if (got <= 0) {
    return holder;
  }
  std::string_view text(buffer.data(), static_cast<std::size_t>(got));
  text = text.substr(0, text.find('\n'));
  auto space = text.find(' ');
  auto pid_text = text.substr(0, space);
  auto [end, error] = std::from_chars(
      pid_text.data(), pid_text.data() + pid_text.size(), holder.pid);
  if (error != std::errc() || end != pid_text.data() + pid_text.size()) {
    return {};
  }
  if (is_process_gone(holder.pid)) {
    return {}; // a holder of before, whose successor has not written yet
  }
  if (space != std::string_view::npos) {
    holder.activity = text.substr(space + 1);
  }
  return holder;
}

// Record this process as the holder in the lock file open as FD; only a
// message depends on it, so a failed write is no error.
void write_holder(int fd, std::string_view activity)
{
  auto line = fmt::format("{} {}\n", ::getpid(), activity);
  if (::pwrite(fd, line.data(), line.size(), 0) ==
      static_cast<ssize_t>(line.size())) {
    static_cast<void>(::ftruncate(fd, static_cast<off_t>(line.size())));
  }
}

[[noreturn]] void fail(std::string_view what, const std::filesystem::path& path)
{
  throw Error(fmt::format(
      "cannot {} '{}': {}", what, path.string(), std::strerror(errno)));
}

} // namespace

FileLock::FileLock(const std::filesystem::path& path,
                   std::string_view activity,
                   const std::function<void(const LockHolder&)>& on_wait)
    : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
{
  if (m_fd < 0) {
    fail("open", path);
  }
  bool waited = false;
  while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) {
      continue;
    }
    if (errno != EWOULDBLOCK) {
      ::close(m_fd);
      fail("lock", path);
    }
    if (!waited) {
      on_wait(read_holder(m_fd));
      waited = true;
    }
    if (!sleep_unless_interrupted(k_retry_interval)) {
      ::close(m_fd);
      throw Interrupted();
    }
  }
  write_holder(m_fd, activity);
}

FileLock::~FileLock()
{
  if (m_fd >= 0) {
    ::close(m_fd); // which releases the lock
  }
}

FileLock::FileLock(FileLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{
}

} // namespace slam::util
