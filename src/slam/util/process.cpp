#include "slam/util/process.hpp"

#include "slam/util/child_spawn.hpp"
#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/interrupt_cleanup.hpp"
#include "slam/util/log.hpp"
#include "slam/util/unique_fd.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace slam::util {
namespace {

// Build the child's environment: ours, with OVERRIDES applied.
std::vector<std::string> child_environment(
    const std::map<std::string, std::optional<std::string>>& overrides)
{
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string item(*entry);
    auto name = item.substr(0, item.find('='));
    if (overrides.count(name) == 0) {
      env.push_back(std::move(item));
    }
  }
  for (const auto& [name, value] : overrides) {
    if (value) {
      env.push_back(name + "=" + *value);
    }
  }
  return env;
}

struct Pipe
{
  int read = -1;
  int write = -1;
  Pipe()
  {
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
      throw Error(
          fmt::format("cannot create a pipe: {}", std::strerror(errno)));
    }
    read = fds[0];
    write = fds[1];
  }
};

using Clock = std::chrono::steady_clock;

// Return how long poll() may wait before DEADLINE: -1 for ever, 0 when it
// has passed.
int poll_timeout(const std::optional<Clock::time_point>& deadline)
{
  if (!deadline) {
    return -1;
  }
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      *deadline - Clock::now());
  return static_cast<int>(std::max<std::int64_t>(left.count(), 0));
}

void close_all(std::array<int*, 3> fds)
{
  for (int* fd : fds) {
    if (*fd >= 0) {
      ::close(*fd);
      *fd = -1;
    }
  }
}

// Return how long poll() may wait: until DEADLINE, and no longer than a
// slice while interrupts are deferred, so that one is passed on soon.
int poll_wait(const std::optional<Clock::time_point>& deadline)
{
  constexpr int k_interrupt_check_ms = 100;
  int wait = poll_timeout(deadline);
  return wait < 0 || wait > k_interrupt_check_ms ? k_interrupt_check_ms : wait;
}

// The running child's side of an exchange.
struct ChildPipes
{
  pid_t target; // what kill() stops: the child's group, or the child
  int in_fd;
  int out_fd;
  int err_fd;
  bool interrupted = false; // a deferred interrupt was passed on
};

// Pass a deferred interrupt on to the child (its group when it has one),
// once.
void pass_on_interrupt(ChildPipes& child)
{
  if (!child.interrupted && interrupt_requested()) {
    ::kill(child.target, interrupt_signal());
    child.interrupted = true;
  }
}

// Feed INPUT to the child and collect both outputs until all are closed.
// Return false when DEADLINE passed first (all pipes are then closed). An
// interrupt that a deferred scope let slam go on through is passed on to
// the child (its group when it has one), and CHILD.interrupted set.
bool exchange(ChildPipes& child,
              const std::string& input,
              ProcessResult& result,
              const std::optional<Clock::time_point>& deadline,
              std::size_t max_output)
{
  auto& [target, in_fd, out_fd, err_fd, interrupted] = child;
  size_t written = 0;
  std::array<char, 65536> buffer{};
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  } else {
    ::fcntl(in_fd, F_SETFL, O_NONBLOCK);
  }
  while (out_fd >= 0 || err_fd >= 0 || in_fd >= 0) {
    pass_on_interrupt(child);
    std::array<pollfd, 3> fds{
        {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}}};
    int ready = ::poll(fds.data(), fds.size(), poll_wait(deadline));
    if (ready < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    if (ready == 0 && deadline && Clock::now() >= *deadline) {
      close_all({&in_fd, &out_fd, &err_fd});
      return false;
    }
    for (int i = 0; i < 2; ++i) {
      int& fd = i == 0 ? out_fd : err_fd;
      if (fd >= 0 && fds[i].revents != 0) {
        auto n = ::read(fd, buffer.data(), buffer.size());
        if (n > 0) {
          (i == 0 ? result.out : result.err).append(buffer.data(), n);
          if (max_output != 0 &&
              result.out.size() + result.err.size() > max_output) {
            result.output_exceeded = true;
            close_all({&in_fd, &out_fd, &err_fd});
            return false;
          }
        } else if (n == 0 || errno != EINTR) {
          ::close(fd);
          fd = -1;
        }
      }
    }
    if (in_fd >= 0 && fds[2].revents != 0) {
      auto n = ::write(in_fd, input.data() + written, input.size() - written);
      if (n > 0) {
        written += static_cast<size_t>(n);
      }
      if ((n < 0 && errno != EAGAIN && errno != EINTR) ||
          written == input.size()) {
        ::close(in_fd);
        in_fd = -1;
      }
    }
  }
  close_all({&in_fd, &out_fd, &err_fd});
  return true;
}

// Return whether the child PID ended before DEADLINE. A child may close
// its output and go on running: the deadline holds until it has ended.
// pidfd (Linux 5.3) wakes poll() when it ends; without it, look in slices.
bool ends_in_time(pid_t pid,
                  ChildPipes& child,
                  const std::optional<Clock::time_point>& deadline)
{
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  while (true) {
    pass_on_interrupt(child);
    siginfo_t info{};
    if (::waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      return true;
    }
    if (deadline && Clock::now() >= *deadline) {
      return false;
    }
    pollfd ended{pidfd.get(), POLLIN, 0};
    constexpr int k_slice_ms = 10;
    ::poll(&ended,
           pidfd.get() >= 0 ? 1 : 0,
           pidfd.get() >= 0 ? poll_wait(deadline)
                            : std::min(k_slice_ms, poll_wait(deadline)));
  }
}

// Return the program execve() runs for ARGV: ARGV[0] when it is a path,
// else the file it names on PATH.
std::string program_of(const std::vector<std::string>& argv)
{
  const auto& name = argv.at(0);
  if (name.find('/') != std::string::npos) {
    return name;
  }
  auto found = find_program(name);
  if (!found) {
    throw Error(
        fmt::format("cannot run '{}': {}", name, std::strerror(ENOENT)));
  }
  return found->string();
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const ProcessOptions& options)
{
  debugf("run {}", format_command(argv));
  Pipe in, out, err;
  ChildStart start{program_of(argv),
                   argv,
                   child_environment(options.env),
                   options.cwd,
                   in.read,
                   out.write,
                   options.pass_stderr ? STDERR_FILENO : err.write,
                   options.own_process_group};
  pid_t pid = -1;
  try {
    pid = spawn_child(start);
  } catch (...) {
    for (int fd :
         {in.read, in.write, out.read, out.write, err.read, err.write}) {
      ::close(fd);
    }
    throw;
  }
  ::close(in.read);
  ::close(out.write);
  ::close(err.write);
  if (options.pass_stderr) {
    ::close(err.read); // nothing comes: the child has our stderr
    err.read = -1;
  }
  // An interrupt that ends slam stops the child first, and with it its
  // whole process group when it has one (a plugin and what it started).
  pid_t target = options.own_process_group ? -pid : pid;
  ChildProcessGuard guard(target);
  ProcessResult result;
  std::optional<Clock::time_point> deadline;
  if (options.timeout) {
    deadline = Clock::now() + *options.timeout;
  }
  ChildPipes child{target, in.write, out.read, err.read};
  bool finished =
      exchange(child, options.input, result, deadline, options.max_output) &&
      (!deadline || ends_in_time(pid, child, deadline));
  if (!finished) {
    result.timed_out = !result.output_exceeded;
    ::kill(target, SIGKILL);
  }
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  // Ended by the handler, which is about to end slam with its own status.
  stay_while_ending();
  result.exit_code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status)
                                            : 128 + WTERMSIG(wait_status);
  if (child.interrupted) {
    throw Interrupted();
  }
  return result;
}

std::string format_command(const std::vector<std::string>& argv)
{
  std::string line;
  for (const auto& arg : argv) {
    if (!line.empty()) {
      line += ' ';
    }
    bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$`*?;&|<>()") ==
                                     std::string::npos;
    line += plain ? arg : "'" + arg + "'";
  }
  return line;
}

bool is_process_gone(pid_t pid)
{
  return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
}

std::optional<std::filesystem::path> find_program(const std::string& program)
{
  if (program.find('/') != std::string::npos) {
    if (::access(program.c_str(), X_OK) == 0) {
      return std::filesystem::path(program);
    }
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    auto end = dirs.find(':', start);
    auto dir = dirs.substr(start, end - start);
    auto candidate = std::filesystem::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  return std::nullopt;
}

} // namespace slam::util
