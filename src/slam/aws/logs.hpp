#pragma once

#include "slam/aws/timestamp.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace slam::aws {

class Session;

// One event of a log stream, as FilterLogEvents returns it.
struct LogEvent
{
  std::string id;
  std::string stream;
  Timestamp time;           // when it happened, to the millisecond
  Timestamp ingestion_time; // when CloudWatch received it
  std::string message;

  friend bool operator==(const LogEvent&, const LogEvent&) = default;
};

// Which events of one log group FilterLogEvents should return.
struct LogEventFilter
{
  std::string group;
  std::optional<Timestamp> start; // inclusive
  std::optional<Timestamp> end;   // inclusive
  // At most one of these two: AWS refuses a request with both.
  std::string stream_prefix;
  std::vector<std::string> streams; // at most 100
  std::string pattern;              // CloudWatch filter syntax
  int limit = 0;                    // events per page; 0: AWS's 10,000
};

// One answer of FilterLogEvents.
struct LogEventPage
{
  std::vector<LogEvent> events;
  std::string next_token; // empty on the last page

  friend bool operator==(const LogEventPage&, const LogEventPage&) = default;
};

// The CloudWatch Logs API (JSON 1.1 protocol).
class Logs
{
public:
  explicit Logs(Session& session) : m_session(session) {}

  // Return the page of events matching FILTER that TOKEN points at (empty:
  // the first). A missing log group is a group with no events yet.
  LogEventPage filter_log_events_page(const LogEventFilter& filter,
                                      const std::string& token = "");

  // Return every event matching FILTER, page after page. The tokens stay
  // within this call, so they never reach another group's request.
  std::vector<LogEvent> filter_log_events(const LogEventFilter& filter);

  // Delete the log group GROUP; return false when it did not exist (one
  // that an attempt whose answer was lost deleted did).
  bool delete_log_group(const std::string& group);

private:
  Session& m_session;
};

// Return the FilterLogEvents input for FILTER from TOKEN on; throw
// slam::Error when FILTER names both a stream prefix and streams.
nlohmann::json filter_log_events_input(const LogEventFilter& filter,
                                       const std::string& token);

// Return the page a FilterLogEvents answer describes; throw slam::Error
// when it is not one.
LogEventPage parse_filter_log_events(const nlohmann::json& answer);

// Return TIME as CloudWatch's milliseconds since the epoch.
std::int64_t to_epoch_ms(Timestamp time);

// Return CloudWatch's milliseconds since the epoch as a time.
Timestamp from_epoch_ms(std::int64_t milliseconds);

} // namespace slam::aws
