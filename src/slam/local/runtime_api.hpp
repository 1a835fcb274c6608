#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace slam::local {

// Lambda's limit on a synchronous event and on a function's result.
constexpr std::size_t k_payload_limit = 6291456;

// An invocation offered to the worker behind a RuntimeApi.
struct RuntimeInvocation
{
  std::string request_id;
  std::string event; // JSON text
  std::string function_arn;
  std::string trace_id; // Lambda-Runtime-Trace-Id
};

// How the worker answered an invocation, or why it did not.
struct RuntimeAnswer
{
  enum class Kind {
    response,   // body is the result
    error,      // body is the error object, error_type its header
    too_large,  // the result was over k_payload_limit
    init_error, // body is the error object of /init/error
    exited,     // the worker exited before answering
    timed_out,  // no answer within the timeout
  };
  Kind kind = Kind::response;
  std::string body;
  std::string error_type;
  // When the worker took the invocation; unset when it never did.
  std::optional<std::chrono::steady_clock::time_point> taken_at;
};

// The Lambda runtime API that one worker process talks to, served on
// 127.0.0.1 at an ephemeral port: the worker's GET .../invocation/next
// waits until offer() gives it an invocation, and its POST of the response
// or error ends wait(). Calls that do not fit the protocol get the status
// codes Lambda gives.
class RuntimeApi
{
public:
  // Serve the API; invocations get deadlines TIMEOUT after the worker
  // takes them.
  explicit RuntimeApi(std::chrono::milliseconds timeout);
  ~RuntimeApi();
  RuntimeApi(const RuntimeApi&) = delete;
  RuntimeApi& operator=(const RuntimeApi&) = delete;

  // Return "127.0.0.1:PORT", for AWS_LAMBDA_RUNTIME_API.
  std::string address() const;

  // Give INVOCATION to the worker's next (or waiting) /next call.
  void offer(RuntimeInvocation invocation);

  // Wait for the answer to the offered invocation: at most INIT_LIMIT for
  // the worker to take it, then the timeout from when it did.
  RuntimeAnswer wait(std::chrono::milliseconds init_limit);

  // Tell waiters that the worker process has exited.
  void worker_exited();

  // Return when the worker first asked for an invocation, its init done.
  std::optional<std::chrono::steady_clock::time_point> ready_at() const;

  // Return the error object the worker posted to /init/error, if any.
  std::optional<std::string> init_error() const;

  // What the routes and the invoking thread share (runtime_api_state.hpp).
  struct State;

private:
  void define_routes();
  void close();

  std::chrono::milliseconds m_timeout;
  std::unique_ptr<State> m_state;
  std::unique_ptr<httplib::Server> m_server;
  int m_port = 0;
  std::thread m_thread;
};

} // namespace slam::local
