#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slam::util {

// What a finished child process left behind.
struct ProcessResult
{
  int exit_code = 0; // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false; // stopped for running past options.timeout
};

// How to start a child process.
struct ProcessOptions
{
  std::optional<std::filesystem::path> cwd;
  // Variables to set (or, with an empty optional, to remove) on top of the
  // current environment.
  std::map<std::string, std::optional<std::string>> env;
  std::string input; // written to the child's stdin, then closed
  // When set, the child runs in a process group of its own, which is
  // killed when the child has not finished within this time.
  std::optional<std::chrono::milliseconds> timeout;
  // With a timeout, whether the child gets that process group of its own.
  // A child that may read the terminal must stay in ours: one in a
  // background group is stopped when it reads it.
  bool own_process_group = true;
  // Whether the child writes to our stderr instead of into
  // ProcessResult::err, so that what it tells the user (a prompt, a
  // warning) shows as it comes.
  bool pass_stderr = false;
};

// Run ARGV (ARGV[0] looked up on PATH), wait for it and return its exit
// code and output. Throw slam::Error when it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const ProcessOptions& options = {});

// Return ARGV as a shell-like line for logs, quoting where needed.
std::string format_command(const std::vector<std::string>& argv);

// Return the full path of PROGRAM found on PATH, if any.
std::optional<std::filesystem::path> find_program(const std::string& program);

} // namespace slam::util
