#include "slam/deploy/log_events.hpp"

#include <algorithm>
#include <ctime>
#include <fmt/core.h>

namespace slam::deploy {

std::vector<LogLine> merge_events(std::vector<std::vector<LogLine>> lists)
{
  std::vector<LogLine> merged;
  for (auto& list : lists) {
    merged.insert(merged.end(),
                  std::make_move_iterator(list.begin()),
                  std::make_move_iterator(list.end()));
  }
  // FilterLogEvents orders a group's events by time only roughly (moto
  // not at all across streams), so sort rather than merge sorted lists.
  std::stable_sort(
      merged.begin(), merged.end(), [](const LogLine& a, const LogLine& b) {
        return a.event.time < b.event.time;
      });
  return merged;
}

std::vector<LogLine> SeenEvents::only_new(std::vector<LogLine> lines)
{
  std::vector<LogLine> fresh;
  for (auto& line : lines) {
    auto [it, inserted] =
        m_seen.try_emplace({line.group, line.event.id}, line.event.time);
    if (inserted) {
      fresh.push_back(std::move(line));
    }
  }
  return fresh;
}

void SeenEvents::forget_before(aws::Timestamp start)
{
  std::erase_if(m_seen,
                [start](const auto& entry) { return entry.second < start; });
}

std::string format_local_time(aws::Timestamp time)
{
  auto ms = aws::to_epoch_ms(time);
  auto seconds =
      static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  auto millis = ms - static_cast<std::int64_t>(seconds) * 1000;
  std::tm local{};
  ::localtime_r(&seconds, &local);
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &local);
  char zone[8];
  std::strftime(zone, sizeof(zone), "%z", &local); // "+0100"
  std::string_view offset = zone;
  if (offset.size() == 5) { // ISO 8601 wants "+01:00"
    return fmt::format(
        "{}.{:03}{}:{}", date, millis, offset.substr(0, 3), offset.substr(3));
  }
  return fmt::format("{}.{:03}{}", date, millis, offset);
}

std::string format_line(const LogLine& line)
{
  std::string_view message = line.event.message;
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == '\r')) {
    message.remove_suffix(1);
  }
  return fmt::format(
      "{} {} {}", format_local_time(line.event.time), line.label, message);
}

} // namespace slam::deploy
