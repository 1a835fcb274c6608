#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace slam::util {

// What a finished child process left behind.
struct ProcessResult
{
  int exit_code = 0; // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false;       // stopped for running past options.timeout
  bool output_exceeded = false; // stopped for writing past max_output
};

// How to start a child process.
struct ProcessOptions
{
  std::optional<std::filesystem::path> cwd;
  // Variables to set (or, with an empty optional, to remove) on top of the
  // current environment.
  std::map<std::string, std::optional<std::string>> env;
  std::string input; // written to the child's stdin, then closed
  // When set, the child (its process group when it has one) is killed
  // when it has not finished within this time.
  std::optional<std::chrono::milliseconds> timeout;
  // Whether the child gets a process group of its own, so that a timeout
  // or an interrupt also stops what it started. A child that may read the
  // terminal must stay in ours: one in a background group is stopped when
  // it reads it.
  bool own_process_group = true;
  // Whether the child writes to our stderr instead of into
  // ProcessResult::err, so that what it tells the user (a prompt, a
  // warning) shows as it comes.
  bool pass_stderr = false;
  // When not 0, the child is killed once its outputs together pass this
  // many bytes: what slam reads into memory from a program it does not
  // control is bounded.
  std::size_t max_output = 0;
};

// Run ARGV (ARGV[0] looked up on PATH), wait for it and return its exit
// code and output. Throw slam::Error when it cannot be started, and
// slam::Interrupted when an interrupt came while it ran (inside a
// DeferredInterrupts scope: the child gets the signal too; outside one,
// the interrupt ends slam and the child).
ProcessResult run_process(const std::vector<std::string>& argv,
                          const ProcessOptions& options = {});

// Return ARGV as a shell-like line for logs, quoting where needed.
std::string format_command(const std::vector<std::string>& argv);

// Return whether no process PID exists any more: what a file named after
// the process that writes it needs to be removed safely.
bool is_process_gone(pid_t pid);

// Return the full path of PROGRAM found on PATH, if any.
std::optional<std::filesystem::path> find_program(const std::string& program);

} // namespace slam::util
