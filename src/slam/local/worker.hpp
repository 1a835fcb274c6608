#pragma once

#include "slam/local/invoker.hpp"
#include "slam/local/runtime_api.hpp"
#include "slam/local/worker_process.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace slam::local {

class WorkerOutput;

// What every worker of a function is started with.
struct WorkerSettings
{
  WorkerCommand command; // AWS_LAMBDA_RUNTIME_API is added per worker
  std::string function_arn;
  std::chrono::milliseconds timeout{10000};
  int memory_size_mb = 128;
  // How long a worker may take to load the function before its first
  // invocation counts as timed out (Lambda's init phase limit).
  std::chrono::milliseconds init_limit{10000};
};

// One Python process running slam_bootstrap.py against a runtime API of
// its own: one invocation at a time, logged as Lambda logs it.
class Worker
{
public:
  // Start worker NUMBER (for the log) with SETTINGS; it loads the function
  // while the caller goes on.
  Worker(const WorkerSettings& settings, int number);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Run one invocation. A timed out worker is killed; afterwards, as
  // after a crash or an init error, usable() is false.
  InvocationResult invoke(const std::string& event,
                          const std::string& request_id);

  // Return whether it can take another invocation.
  bool usable() const;

  // Return the process id (for tests).
  int pid() const;

private:
  // Write the END and REPORT lines of RESULT.
  void report(const InvocationResult& result,
              std::optional<std::chrono::microseconds> init_duration);

  // Kill the worker, which went past its memory size, and return the
  // error Lambda gives then.
  InvocationResult out_of_memory(const std::string& request_id);

  // Turn ANSWER into the result, writing the log lines it calls for.
  InvocationResult settle(const std::string& request_id, RuntimeAnswer answer);

  WorkerSettings m_settings;
  std::unique_ptr<RuntimeApi> m_api;
  std::unique_ptr<WorkerProcess> m_process;
  std::unique_ptr<WorkerOutput> m_output;
  std::atomic<bool> m_exited{false};
  std::atomic<int> m_exit_status{0};
  bool m_spent = false; // timed out, crashed or failed to load
  bool m_warm = false;  // it has taken an invocation
  std::chrono::steady_clock::time_point m_spawned;
  long m_memory_used_mb = 0;
  util::UniqueFd m_status; // /proc/PID/status, for Max Memory Used
};

} // namespace slam::local
