#include "slam/local/worker_output.hpp"

#include "slam/local/lambda_log.hpp"

#include <array>
#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace slam::local {
namespace {

// How long the reader sleeps in poll() before checking for stop().
constexpr int k_poll_ms = 100;

} // namespace

WorkerOutput::WorkerOutput(int fd, std::string idle_prefix)
    : m_fd(fd), m_idle_prefix(std::move(idle_prefix)), m_prefix(m_idle_prefix)
{
  m_thread = std::thread([this] { run(); });
}

WorkerOutput::~WorkerOutput()
{
  stop();
}

void WorkerOutput::stop()
{
  m_stopping = true;
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void WorkerOutput::set_prefix(const std::string& prefix)
{
  std::lock_guard lock(m_mutex);
  m_prefix = prefix.empty() ? m_idle_prefix : prefix;
}

void WorkerOutput::drain()
{
  std::lock_guard lock(m_mutex);
  read_available();
  write_lines(true);
}

void WorkerOutput::run()
{
  while (!m_stopping) {
    pollfd fd{m_fd, POLLIN, 0};
    int ready = ::poll(&fd, 1, k_poll_ms);
    if (ready < 0 && errno != EINTR) {
      return;
    }
    if (ready <= 0) {
      continue;
    }
    std::lock_guard lock(m_mutex);
    bool open = read_available();
    write_lines(!open);
    if (!open) {
      return;
    }
  }
}

bool WorkerOutput::read_available()
{
  std::array<char, 65536> buffer{};
  while (true) {
    auto n = ::read(m_fd, buffer.data(), buffer.size());
    if (n > 0) {
      m_pending.append(buffer.data(), static_cast<std::size_t>(n));
    } else if (n == 0) {
      return false;
    } else {
      return errno == EAGAIN || errno == EINTR;
    }
  }
}

void WorkerOutput::write_lines(bool flush_partial)
{
  std::size_t start = 0;
  for (auto end = m_pending.find('\n'); end != std::string::npos;
       end = m_pending.find('\n', start)) {
    write_log_line(m_prefix + m_pending.substr(start, end - start));
    start = end + 1;
  }
  m_pending.erase(0, start);
  if (flush_partial && !m_pending.empty()) {
    write_log_line(m_prefix + m_pending);
    m_pending.clear();
  }
}

} // namespace slam::local
