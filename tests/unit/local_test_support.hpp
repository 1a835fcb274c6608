#pragma once

// Helpers shared by the tests of src/slam/local: requests, a fake
// Invoker, and the AWS sample events.

#include "slam/local/http_exchange.hpp"
#include "slam/local/invoker.hpp"
#include "source_dir.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace slam::local::testing {

// Return a request as a client on 127.0.0.1 sends it to port 8000 at a
// fixed time (2020-05-15 06:01:09.693 UTC).
inline HttpRequest make_request(std::string method,
                                std::string path,
                                std::string query = {},
                                HeaderFields headers = {},
                                std::string body = {})
{
  HttpRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.query = std::move(query);
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.source_ip = "127.0.0.1";
  request.time = std::chrono::system_clock::time_point(
      std::chrono::milliseconds(1589522469693));
  request.port = 8000;
  return request;
}

// An Invoker that records the events and answers with a function of them.
class FakeInvoker : public Invoker
{
public:
  using Answer = std::function<InvocationResult(const nlohmann::json& event)>;

  explicit FakeInvoker(Answer answer) : m_answer(std::move(answer)) {}

  InvocationResult invoke(const std::string& event, const std::string&) override
  {
    auto parsed = nlohmann::json::parse(event);
    {
      std::lock_guard guard(m_lock);
      m_events.push_back(parsed);
    }
    return m_answer(parsed);
  }

  std::vector<nlohmann::json> events() const
  {
    std::lock_guard guard(m_lock);
    return m_events;
  }

private:
  Answer m_answer;
  mutable std::mutex m_lock;
  std::vector<nlohmann::json> m_events;
};

// Return a successful invocation that returned PAYLOAD.
inline InvocationResult returned(const nlohmann::json& payload)
{
  return {Outcome::success, payload.dump(), "id", {}};
}

// Return the AWS sample event NAME from ../shared/testdata/events, or
// nothing when the shared data is absent.
inline std::optional<nlohmann::json> sample_event(const std::string& name)
{
  const char* from_env = std::getenv("SLAM_SHARED_DIR");
  std::filesystem::path shared = from_env != nullptr
                                     ? std::filesystem::path(from_env)
                                     : slam::test::source_dir() / "../shared";
  std::ifstream file(shared / "testdata" / "events" / name);
  if (!file) {
    return std::nullopt;
  }
  return nlohmann::json::parse(file);
}

// Return the JSON type of VALUE, numbers of any kind being one type.
inline std::string kind_of(const nlohmann::json& value)
{
  return value.is_number() ? "number" : value.type_name();
}

// Return the paths of SAMPLE whose field EVENT lacks or holds with
// another type, except those under a path in SKIPPED and, where
// NULLABLE holds the path, a null in EVENT.
inline std::vector<std::string>
shape_differences(const nlohmann::json& sample,
                  const nlohmann::json& event,
                  const std::vector<std::string>& skipped,
                  const std::vector<std::string>& nullable,
                  const std::string& path = "")
{
  auto listed = [](const auto& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  std::vector<std::string> differences;
  if (!sample.is_object()) {
    return differences;
  }
  for (const auto& [key, value] : sample.items()) {
    auto child = path.empty() ? key : path + "." + key;
    if (listed(skipped, child)) {
      continue;
    }
    if (!event.contains(key)) {
      differences.push_back(child + " is missing");
    } else if (event[key].is_null() && listed(nullable, child)) {
      continue;
    } else if (kind_of(event[key]) != kind_of(value)) {
      differences.push_back(child + " is a " + kind_of(event[key]));
    } else if (value.is_object() && !key.empty()) {
      // Maps of header or parameter names hold what the request held.
      bool named_map = key == "headers" || key == "multiValueHeaders" ||
                       key == "queryStringParameters" ||
                       key == "multiValueQueryStringParameters" ||
                       key == "stageVariables" || key == "pathParameters";
      if (!named_map) {
        auto inner =
            shape_differences(value, event[key], skipped, nullable, child);
        differences.insert(differences.end(), inner.begin(), inner.end());
      }
    }
  }
  return differences;
}

} // namespace slam::local::testing
