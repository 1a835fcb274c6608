#pragma once

// A CloudWatch Logs stand-in on a FakeServer for the tests of `slam logs`:
// log groups of events in memory, FilterLogEvents with startTime, endTime
// and pages of a fixed size. A token is only good for the group it came
// from; another group's token gets InvalidParameterException, as AWS
// answers.

#include "aws_fake_server.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace slam::aws::testing {

class FakeLogs
{
public:
  explicit FakeLogs(std::size_t page_size) : m_page_size(page_size) {}

  // Add an event at MS (epoch milliseconds) to STREAM of GROUP, creating
  // the group; return its id.
  std::string put(const std::string& group,
                  const std::string& stream,
                  std::int64_t ms,
                  const std::string& message)
  {
    std::lock_guard lock(m_mutex);
    auto id = std::to_string(++m_last_id);
    m_groups[group].push_back({{"eventId", id},
                               {"logStreamName", stream},
                               {"timestamp", ms},
                               {"ingestionTime", ms + 5},
                               {"message", message}});
    return id;
  }

  // Answer one request as CloudWatch Logs would.
  FakeResponse answer(const SeenRequest& request)
  {
    std::lock_guard lock(m_mutex);
    if (request.header("X-Amz-Target") != "Logs_20140328.FilterLogEvents") {
      return error("UnknownOperationException", "");
    }
    auto input = nlohmann::json::parse(request.body);
    auto group = m_groups.find(input.at("logGroupName"));
    if (group == m_groups.end()) {
      return error("ResourceNotFoundException",
                   "The specified log group does not exist.");
    }
    auto events = matching(group->second, input);
    std::size_t first = 0;
    if (input.contains("nextToken")) {
      std::string token = input["nextToken"];
      auto at = token.rfind('#');
      if (token.substr(0, at) != group->first) {
        return error("InvalidParameterException", "The token is not valid.");
      }
      first = std::stoul(token.substr(at + 1));
    }
    return page(group->first, events, first);
  }

private:
  static FakeResponse error(const std::string& code, const std::string& text)
  {
    nlohmann::json body = {{"__type", code}, {"message", text}};
    return FakeResponse{400, body.dump()};
  }

  static std::vector<nlohmann::json>
  matching(const std::vector<nlohmann::json>& events,
           const nlohmann::json& input)
  {
    std::vector<nlohmann::json> kept;
    for (const auto& event : events) {
      std::int64_t time = event["timestamp"];
      if (input.contains("startTime") && time < input["startTime"]) {
        continue;
      }
      if (input.contains("endTime") && time > input["endTime"]) {
        continue;
      }
      kept.push_back(event);
    }
    return kept;
  }

  FakeResponse page(const std::string& group,
                    const std::vector<nlohmann::json>& events,
                    std::size_t first) const
  {
    auto last = std::min(events.size(), first + m_page_size);
    nlohmann::json body = {{"events", nlohmann::json::array()},
                           {"searchedLogStreams", nlohmann::json::array()}};
    for (auto i = first; i < last; ++i) {
      body["events"].push_back(events[i]);
    }
    if (last < events.size()) {
      body["nextToken"] = group + "#" + std::to_string(last);
    }
    return FakeResponse{200, body.dump()};
  }

  std::size_t m_page_size;
  std::mutex m_mutex;
  std::map<std::string, std::vector<nlohmann::json>> m_groups;
  int m_last_id = 0;
};

} // namespace slam::aws::testing
