#include "slam/util/child_spawn.hpp"

#include "slam/util/error.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace slam::util {
namespace {

constexpr int k_exit_not_started = 127;

std::vector<char*> c_strings(const std::vector<std::string>& strings)
{
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const auto& text : strings) {
    pointers.push_back(const_cast<char*>(text.c_str()));
  }
  pointers.push_back(nullptr);
  return pointers;
}

// In the child, before the exec: report ERROR on REPORT_FD and end.
[[noreturn]] void fail_in_child(int report_fd, int error)
{
  auto written = ::write(report_fd, &error, sizeof error);
  static_cast<void>(written); // the parent then sees a plain exit 127
  ::_exit(k_exit_not_started);
}

// In the child, between fork() and exec(), where only async-signal-safe
// calls are allowed (another thread may hold malloc's lock): set up and
// run the program, or report why not on REPORT_FD.
[[noreturn]] void become_child(const ChildStart& child,
                               char* const* argv,
                               char* const* env,
                               pid_t parent,
                               int report_fd)
{
  if (child.own_group) {
    ::setpgid(0, 0);
  }
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) {
    ::_exit(k_exit_not_started); // slam ended before the line above
  }
  struct sigaction defaults = {};
  defaults.sa_handler = SIG_DFL;
  sigemptyset(&defaults.sa_mask);
  for (int signal : {SIGINT, SIGTERM, SIGPIPE, SIGCHLD}) {
    ::sigaction(signal, &defaults, nullptr);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  std::array<int, 3> fds = {child.stdin_fd, child.stdout_fd, child.stderr_fd};
  for (int target = 0; target < 3; ++target) {
    if (::dup2(fds[target], target) < 0) {
      fail_in_child(report_fd, errno);
    }
  }
  if (child.cwd && ::chdir(child.cwd->c_str()) != 0) {
    fail_in_child(report_fd, errno);
  }
  ::execve(child.program.c_str(), argv, env);
  fail_in_child(report_fd, errno);
}

// Return the error the child reported on REPORT_FD before its exec, or 0
// once the exec closed it.
int read_start_error(int report_fd)
{
  int error = 0;
  while (true) {
    auto got = ::read(report_fd, &error, sizeof error);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    return got == static_cast<ssize_t>(sizeof error) ? error : 0;
  }
}

} // namespace

pid_t spawn_child(const ChildStart& child)
{
  auto argv = c_strings(child.argv);
  auto env = c_strings(child.env);
  std::array<int, 2> report{};
  if (::pipe2(report.data(), O_CLOEXEC) != 0) {
    throw Error(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  // No signal handler may run in the child before it resets them: slam's
  // would act for slam.
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    become_child(child, argv.data(), env.data(), parent, report[1]);
  }
  int fork_error = errno;
  if (pid > 0 && child.own_group) {
    // Also here, so that the group exists before the child runs.
    ::setpgid(pid, pid);
  }
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  ::close(report[1]);
  int error = pid < 0 ? fork_error : read_start_error(report[0]);
  ::close(report[0]);
  if (pid > 0 && error != 0) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  if (error != 0) {
    throw Error(fmt::format(
        "cannot run '{}': {}", child.argv.at(0), std::strerror(error)));
  }
  return pid;
}

} // namespace slam::util
