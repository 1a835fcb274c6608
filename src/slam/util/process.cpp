#include "slam/util/process.hpp"

#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"

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
#include <spawn.h>
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

std::vector<char*> c_strings(std::vector<std::string>& strings)
{
  std::vector<char*> pointers;
  for (auto& s : strings) {
    pointers.push_back(s.data());
  }
  pointers.push_back(nullptr);
  return pointers;
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

// Feed INPUT to the child and collect both outputs until all are closed.
// Return false when DEADLINE passed first (all pipes are then closed).
bool exchange(int in_fd,
              int out_fd,
              int err_fd,
              const std::string& input,
              ProcessResult& result,
              const std::optional<Clock::time_point>& deadline)
{
  size_t written = 0;
  std::array<char, 65536> buffer{};
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  } else {
    ::fcntl(in_fd, F_SETFL, O_NONBLOCK);
  }
  while (out_fd >= 0 || err_fd >= 0 || in_fd >= 0) {
    std::array<pollfd, 3> fds{
        {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}}};
    int ready = ::poll(fds.data(), fds.size(), poll_timeout(deadline));
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

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const ProcessOptions& options)
{
  debugf("run {}", format_command(argv));
  Pipe in, out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  if (!options.pass_stderr) {
    posix_spawn_file_actions_adddup2(&actions, err.write, 2);
  }
  std::string cwd;
  if (options.cwd) {
    cwd = options.cwd->string();
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  }
  auto args = argv;
  auto env = child_environment(options.env);
  auto c_args = c_strings(args);
  auto c_env = c_strings(env);
  // A timed child gets a process group of its own, so that a timeout also
  // stops whatever it started (a script's interpreter, its children).
  bool own_group = options.timeout && options.own_process_group;
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  if (own_group) {
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
  }
  pid_t pid = 0;
  int status = ::posix_spawnp(
      &pid, c_args[0], &actions, &attributes, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(in.read);
  ::close(out.write);
  ::close(err.write);
  if (options.pass_stderr) {
    ::close(err.read); // nothing comes: the child has our stderr
    err.read = -1;
  }
  if (status != 0) {
    ::close(in.write);
    ::close(out.read);
    if (err.read >= 0) {
      ::close(err.read);
    }
    throw Error(
        fmt::format("cannot run '{}': {}", argv.at(0), std::strerror(status)));
  }
  // An interrupt that ends slam stops the child first, and with it its
  // whole process group when it has one (a plugin and what it started).
  ChildProcessGuard guard(own_group ? -pid : pid);
  ProcessResult result;
  std::optional<Clock::time_point> deadline;
  if (options.timeout) {
    deadline = Clock::now() + *options.timeout;
  }
  if (!exchange(
          in.write, out.read, err.read, options.input, result, deadline)) {
    result.timed_out = true;
    ::kill(own_group ? -pid : pid, SIGKILL);
  }
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status)
                                            : 128 + WTERMSIG(wait_status);
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
