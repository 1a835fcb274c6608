#include "slam/local/worker_process.hpp"

#include "slam/util/error.hpp"
#include "slam/util/interrupt_cleanup.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace slam::local {
namespace {

std::vector<char*> c_strings(const std::vector<std::string>& strings)
{
  std::vector<char*> pointers;
  for (const auto& text : strings) {
    pointers.push_back(const_cast<char*>(text.c_str()));
  }
  pointers.push_back(nullptr);
  return pointers;
}

// Spawn COMMAND in a new process group with stdout and stderr on
// OUTPUT_WRITE and no other descriptor of slam's (its sockets and the
// other workers' pipes stay out).
pid_t spawn(const WorkerCommand& command, int output_write)
{
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, output_write, 1);
  posix_spawn_file_actions_adddup2(&actions, output_write, 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  auto cwd = command.cwd.string();
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                               POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal : {SIGINT, SIGTERM, SIGPIPE, SIGCHLD}) {
    sigaddset(&defaults, signal);
  }
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  auto argv = c_strings(command.argv);
  auto env = c_strings(command.environment);
  pid_t pid = -1;
  int status = ::posix_spawn(
      &pid, argv[0], &actions, &attributes, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (status != 0) {
    throw Error(fmt::format(
        "cannot run '{}': {}", command.argv.at(0), std::strerror(status)));
  }
  return pid;
}

} // namespace

WorkerProcess::WorkerProcess(const WorkerCommand& command,
                             std::function<void(int)> on_exit)
{
  int pipe[2];
  if (::pipe2(pipe, O_CLOEXEC) != 0) {
    throw Error(fmt::format("cannot make a pipe: {}", std::strerror(errno)));
  }
  try {
    m_pid = spawn(command, pipe[1]);
  } catch (...) {
    ::close(pipe[0]);
    ::close(pipe[1]);
    throw;
  }
  ::close(pipe[1]);
  m_output = pipe[0];
  ::fcntl(m_output, F_SETFL, O_NONBLOCK);
  // An interrupt that ends slam takes the worker and its children along.
  m_guard = std::make_unique<util::ChildProcessGuard>(-m_pid);
  // The reaper only watches: the process stays a zombie until the
  // destructor reaps it, so that its group id cannot be reused by another
  // process that kill_group() would then hit.
  m_reaper = std::thread([pid = m_pid, on_exit = std::move(on_exit)] {
    siginfo_t info = {};
    while (::waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0 &&
           errno == EINTR) {
    }
    on_exit(info.si_code == CLD_EXITED ? W_EXITCODE(info.si_status, 0)
                                       : W_EXITCODE(0, info.si_status));
  });
}

WorkerProcess::~WorkerProcess()
{
  kill_group();
  m_reaper.join();
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
  }
  m_guard.reset();
  ::close(m_output);
}

void WorkerProcess::kill_group()
{
  ::kill(-m_pid, SIGKILL);
}

std::string describe_exit(int status)
{
  if (WIFSIGNALED(status)) {
    auto name = sigabbrev_np(WTERMSIG(status));
    return fmt::format("signal: {}",
                       WTERMSIG(status) == SIGKILL ? "killed"
                       : name != nullptr           ? name
                                                   : "unknown");
  }
  return fmt::format("exit status {}", WEXITSTATUS(status));
}

} // namespace slam::local
