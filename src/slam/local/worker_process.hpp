#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace slam::util {
class ChildProcessGuard;
}

namespace slam::local {

// How to start a worker process.
struct WorkerCommand
{
  std::vector<std::string> argv;        // argv[0] a path to the program
  std::filesystem::path cwd;            // the package folder
  std::vector<std::string> environment; // "NAME=value", the whole of it
};

// A child process in a process group of its own, its stdout and stderr
// merged into one pipe, as Lambda sends both to the log.
class WorkerProcess
{
public:
  // Start COMMAND; ON_EXIT is called (from another thread) with the wait
  // status when it ends. Throw slam::Error when it cannot be started.
  WorkerProcess(const WorkerCommand& command,
                std::function<void(int status)> on_exit);
  // Kill the process group, if still there, and wait for the process.
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  pid_t pid() const { return m_pid; }

  // Return the read end of the output pipe (non-blocking).
  int output() const { return m_output; }

  // Send SIGKILL to the whole process group: what it started goes too.
  void kill_group();

private:
  pid_t m_pid = -1;
  int m_output = -1;
  std::unique_ptr<util::ChildProcessGuard> m_guard;
  std::thread m_reaper;
};

// Return a wait STATUS as Lambda words an exited runtime: "exit status 1",
// "signal: killed".
std::string describe_exit(int status);

} // namespace slam::local
