#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace slam::aws {

class Session;

// The Lambda API (REST-JSON protocol).
class Lambda
{
public:
  explicit Lambda(Session& session) : m_session(session) {}

  // Return the GetFunction answer for NAME (a name, ARN or name:qualifier)
  // or nothing when there is no such function.
  std::optional<nlohmann::json> get_function(const std::string& name);

private:
  Session& m_session;
};

} // namespace slam::aws
