#pragma once

#include <chrono>
#include <string>

namespace slam::local {

// How one local invocation of the function ended, as Lambda would report
// it to API Gateway.
enum class Outcome {
  success,        // the handler returned; payload is its JSON result
  function_error, // the handler raised; payload is the runtime's error
                  // object {"errorMessage", "errorType", "stackTrace"}
  timeout,        // the function ran past its timeout; the worker was
                  // killed and replaced
  crashed,        // the worker process died mid-invocation; replaced
  init_error,     // the handler module failed to load (/init/error)
  too_large,      // the event or the result is over Lambda's 6 MB
                  // synchronous payload limit
};

// What one invocation returned.
struct InvocationResult
{
  Outcome outcome = Outcome::success;
  std::string payload; // JSON text; the error object for errors
  std::string request_id;
  std::chrono::microseconds duration{0};
};

// Runs the function on local workers: `slam serve` and `slam invoke
// --local` both call it. Implementations are thread safe: each call waits
// for a free worker (one invocation per worker at a time, as in Lambda).
class Invoker
{
public:
  virtual ~Invoker() = default;

  // Invoke the function with EVENT (JSON text) and wait for the result.
  // REQUEST_ID is the Lambda request id to use (a fresh UUID when empty).
  virtual InvocationResult invoke(const std::string& event,
                                  const std::string& request_id) = 0;
};

} // namespace slam::local
