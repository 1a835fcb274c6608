#pragma once

#include "slam/local/http_connection.hpp"
#include "slam/util/unique_fd.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
// 127.0.0.1 at an ephemeral port. It has no thread of its own: invoke()
// serves the worker's requests on the calling thread. The worker's GET
// .../invocation/next waits in the socket until invoke() answers it with
// the invocation, and its POST of the response or error ends invoke().
// One thread, no hand-off: that keeps a local invocation about as cheap
// as the two HTTP exchanges it is made of. Calls that do not fit the
// protocol get the status codes Lambda gives.
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

  // Give INVOCATION to the worker's next /next call and return its
  // answer: at most INIT_LIMIT for the worker to take it, then the
  // timeout from when it did. One call at a time.
  RuntimeAnswer invoke(const RuntimeInvocation& invocation,
                       std::chrono::milliseconds init_limit);

  // Tell invoke() that the worker process has exited (any thread).
  void worker_exited();

  // Return when the worker first asked for an invocation, its init done.
  std::optional<std::chrono::steady_clock::time_point> ready_at() const;

  // Return the error object the worker posted to /init/error, if any.
  std::optional<std::string> init_error() const;

  // One invocation's progress (runtime_api_exchange.hpp).
  struct Exchange;

private:
  // Return the worker's next request, accepting its (re)connection when
  // needed; nothing when EXCHANGE ended waiting for it.
  std::optional<ReceivedRequest> next_request(Exchange& exchange);
  // Wait for the worker to connect; false when EXCHANGE ended first.
  bool accept_connection(Exchange& exchange);
  // Answer REQUEST within EXCHANGE (runtime_api_routes.cpp).
  void route(Exchange& exchange, const ReceivedRequest& request);
  void take(Exchange& exchange, const ReceivedRequest& request);
  void answer(Exchange& exchange,
              const std::string& id,
              RuntimeAnswer::Kind kind,
              const ReceivedRequest& request);
  void post_init_error(Exchange& exchange, const ReceivedRequest& request);
  void reply(Exchange& exchange,
             int status,
             std::string_view body,
             HeaderFields headers = {});

  std::chrono::milliseconds m_timeout;
  int m_port = 0; // before m_listener, whose initializer sets it
  util::UniqueFd m_listener;
  util::UniqueFd m_exit_event; // readable once the worker has exited
  std::unique_ptr<HttpConnection> m_connection;
  std::string m_answered_id; // the last invocation answered
  std::optional<std::chrono::steady_clock::time_point> m_ready_at;
  std::optional<std::string> m_init_error;
};

} // namespace slam::local
