#pragma once

#include "slam/aws/logs.hpp"

#include <map>
#include <string>
#include <vector>

namespace slam::deploy {

// An event as `slam logs` shows it: where it came from, and the event.
struct LogLine
{
  std::string group;
  std::string label; // "lambda/0123abcd"
  aws::LogEvent event;

  friend bool operator==(const LogLine&, const LogLine&) = default;
};

// Return the events of every group in LISTS as one list in time order.
// Events of the same millisecond keep the order they came in, as a
// stream's lines must.
std::vector<LogLine> merge_events(std::vector<std::vector<LogLine>> lists);

// The events already shown, so that a time window read again (tail
// overlaps its windows so late events are not lost) shows only new ones.
class SeenEvents
{
public:
  // Return the events of LINES not seen before, in their order, and
  // remember them.
  std::vector<LogLine> only_new(std::vector<LogLine> lines);

  // Forget the events before START: a window starting at START cannot
  // return them again, and the memory stays bounded.
  void forget_before(aws::Timestamp start);

  // Return how many events are remembered.
  std::size_t size() const { return m_seen.size(); }

private:
  // Event ids are unique within a log group: the key is group and id.
  std::map<std::pair<std::string, std::string>, aws::Timestamp> m_seen;
};

// Return TIME in the local time zone as "2024-01-31 13:04:05.678+01:00".
std::string format_local_time(aws::Timestamp time);

// Return LINE as `slam logs` prints it: local time, label, message,
// without the message's trailing newline.
std::string format_line(const LogLine& line);

} // namespace slam::deploy
