#include "slam/aws/logs.hpp"

#include "slam/aws/error.hpp"
#include "slam/aws/json_api.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
#include "slam/util/utf8.hpp"

#include <cmath>
#include <fmt/core.h>
#include <optional>

namespace slam::aws {
namespace {

constexpr const char* k_target_prefix = "Logs_20140328";

// Return the string member NAME of OBJECT, or "" when it is absent or
// null (moto sends "nextToken": null on the last page).
std::string string_member(const nlohmann::json& object, const char* name)
{
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    return "";
  }
  if (!it->is_string()) {
    throw Error(fmt::format(
        "logs FilterLogEvents: '{}' in the answer is not a string", name));
  }
  return it->get<std::string>();
}

// Return the time member NAME of OBJECT in epoch milliseconds, or nothing
// when it is absent, not a number, or beyond what a Timestamp holds
// (nanoseconds in 64 bits: about 292 years either side of 1970), whose
// conversion would overflow. A fractional number (moto writes its own
// error events so) is rounded down to the millisecond.
std::optional<std::int64_t> time_member(const nlohmann::json& object,
                                        const char* name)
{
  constexpr double k_limit = 9.0e12;
  auto it = object.find(name);
  if (it == object.end() || !it->is_number()) {
    return std::nullopt;
  }
  // As a double, every integer, of any JSON type, compares right.
  double value = std::floor(it->get<double>());
  if (!std::isfinite(value) || value < -k_limit || value > k_limit) {
    return std::nullopt;
  }
  return it->is_number_float() ? static_cast<std::int64_t>(value)
                               : it->get<std::int64_t>();
}

// Return the event JSON, or nothing when its times are missing or not
// numbers: one malformed event is skipped with a warning rather than
// hiding all the others.
std::optional<LogEvent> parse_event(const nlohmann::json& json)
{
  if (!json.is_object()) {
    throw Error("logs FilterLogEvents: an event is not an object");
  }
  LogEvent event;
  event.id = string_member(json, "eventId");
  event.stream = string_member(json, "logStreamName");
  auto time = time_member(json, "timestamp");
  // ingestionTime is documented but optional in the model.
  auto ingestion = json.contains("ingestionTime")
                       ? time_member(json, "ingestionTime")
                       : time;
  for (auto [value, name] :
       {std::pair{time, "timestamp"}, std::pair{ingestion, "ingestionTime"}}) {
    if (!value) {
      util::warn(fmt::format("logs FilterLogEvents: skipping event '{}' of "
                             "stream '{}': no numeric '{}'",
                             util::escape_utf8(event.id),
                             util::escape_utf8(event.stream),
                             name));
      return std::nullopt;
    }
  }
  event.time = from_epoch_ms(*time);
  event.ingestion_time = from_epoch_ms(*ingestion);
  event.message = string_member(json, "message");
  return event;
}

} // namespace

std::int64_t to_epoch_ms(Timestamp time)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             time.time_since_epoch())
      .count();
}

Timestamp from_epoch_ms(std::int64_t milliseconds)
{
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(
      std::chrono::milliseconds(milliseconds)));
}

nlohmann::json filter_log_events_input(const LogEventFilter& filter,
                                       const std::string& token)
{
  if (!filter.stream_prefix.empty() && !filter.streams.empty()) {
    throw Error(fmt::format("log group '{}': filter by stream names or by a "
                            "stream prefix, not both",
                            filter.group));
  }
  nlohmann::json input = {{"logGroupName", filter.group}};
  if (filter.start) {
    input["startTime"] = to_epoch_ms(*filter.start);
  }
  if (filter.end) {
    input["endTime"] = to_epoch_ms(*filter.end);
  }
  if (!filter.stream_prefix.empty()) {
    input["logStreamNamePrefix"] = filter.stream_prefix;
  }
  if (!filter.streams.empty()) {
    input["logStreamNames"] = filter.streams;
  }
  if (!filter.pattern.empty()) {
    input["filterPattern"] = filter.pattern;
  }
  if (filter.limit > 0) {
    input["limit"] = filter.limit;
  }
  if (!token.empty()) {
    input["nextToken"] = token;
  }
  return input;
}

LogEventPage parse_filter_log_events(const nlohmann::json& answer)
{
  if (!answer.is_object()) {
    throw Error("logs FilterLogEvents: the answer is not a JSON object");
  }
  LogEventPage page;
  auto events = answer.find("events");
  if (events != answer.end() && !events->is_null()) {
    if (!events->is_array()) {
      throw Error("logs FilterLogEvents: 'events' is not a list");
    }
    for (const auto& json : *events) {
      if (auto event = parse_event(json)) {
        page.events.push_back(std::move(*event));
      }
    }
  }
  page.next_token = string_member(answer, "nextToken");
  return page;
}

LogEventPage Logs::filter_log_events_page(const LogEventFilter& filter,
                                          const std::string& token)
{
  try {
    return parse_filter_log_events(
        call_json_api(m_session,
                      "logs",
                      k_target_prefix,
                      "FilterLogEvents",
                      filter_log_events_input(filter, token)));
  } catch (const AwsError& error) {
    // Lambda creates its log group on the first invocation.
    if (error.code() == "ResourceNotFoundException") {
      util::debugf("log group '{}' does not exist yet", filter.group);
      return {};
    }
    throw;
  }
}

std::vector<LogEvent> Logs::filter_log_events(const LogEventFilter& filter)
{
  std::vector<LogEvent> events;
  std::string token;
  do {
    auto page = filter_log_events_page(filter, token);
    events.insert(events.end(),
                  std::make_move_iterator(page.events.begin()),
                  std::make_move_iterator(page.events.end()));
    // A token that comes back unchanged would make this loop forever.
    if (page.next_token == token) {
      break;
    }
    token = std::move(page.next_token);
  } while (!token.empty());
  return events;
}

bool Logs::delete_log_group(const std::string& group)
{
  try {
    call_json_api(m_session,
                  "logs",
                  k_target_prefix,
                  "DeleteLogGroup",
                  {{"logGroupName", group}});
    return true;
  } catch (const AwsError& error) {
    if (error.code() == "ResourceNotFoundException") {
      // Unless an attempt whose answer was lost deleted it.
      return error.earlier_attempt_uncertain();
    }
    throw;
  }
}

} // namespace slam::aws
