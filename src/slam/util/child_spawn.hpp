#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace slam::util {

// How a child process starts.
struct ChildStart
{
  std::string program; // as execve() takes it: relative to CWD when set
  std::vector<std::string> argv;
  std::vector<std::string> env; // NAME=VALUE
  std::optional<std::filesystem::path> cwd;
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  // A process group of its own (see ProcessOptions::own_process_group).
  bool own_group = true;
};

// Start CHILD (in a process group of its own unless CHILD.own_group is
// false), with the default handling of every signal, and return its pid. The
// kernel kills it (SIGKILL) when slam ends, however slam ends, so that not even
// a killed slam leaves a pip or an interpreter behind. Throw slam::Error when
// it cannot start.
pid_t spawn_child(const ChildStart& child);

} // namespace slam::util
