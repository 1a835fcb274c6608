#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace slam::aws {

class Session;

// How Invoke runs the function (X-Amz-Invocation-Type).
enum class InvocationType {
  request_response, // wait for the result
  event,            // queue it and return at once (202)
  dry_run,          // only check that the call would be allowed (204)
};

// What Invoke sends.
struct InvokeRequest
{
  std::string function_name;
  std::string qualifier; // an alias or version; empty: $LATEST
  InvocationType type = InvocationType::request_response;
  bool tail_log = false; // ask for the last 4 KB of the log
  std::string payload;   // JSON
};

// What Invoke answered.
struct Invocation
{
  long status = 0;              // 200, 202 (event) or 204 (dry run)
  std::string function_error;   // "Unhandled" or "Handled"; empty: none
  std::string payload;          // the result, or the error object
  std::string log_tail;         // decoded; empty unless asked for
  std::string executed_version; // the version the qualifier resolved to

  friend bool operator==(const Invocation&, const Invocation&) = default;
};

// The Lambda API (REST-JSON protocol).
class Lambda
{
public:
  explicit Lambda(Session& session) : m_session(session) {}

  // Return the GetFunction answer for NAME (a name, ARN or name:qualifier)
  // at QUALIFIER (a version or alias; empty: $LATEST), or nothing when
  // there is no such function or version.
  std::optional<nlohmann::json> get_function(const std::string& name,
                                             const std::string& qualifier = {});

  // Publish the current code and configuration of function NAME as a
  // version and return its configuration (with "Version"). A non-empty
  // CODE_SHA256 makes Lambda refuse when the code is not that one.
  nlohmann::json publish_version(const std::string& name,
                                 const std::string& code_sha256 = {},
                                 const std::string& description = {});

  // Return the alias ALIAS of function NAME, or nothing when either is
  // missing.
  std::optional<nlohmann::json> get_alias(const std::string& name,
                                          const std::string& alias);

  // Invoke a function as REQUEST says. A function error is an answer, not
  // an exception: see Invocation::function_error.
  Invocation invoke(const InvokeRequest& request);

private:
  Session& m_session;
};

} // namespace slam::aws
