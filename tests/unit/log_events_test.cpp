#include "slam/deploy/log_events.hpp"

#include <cstdlib>
#include <ctime>
#include <gtest/gtest.h>
#include <optional>

using namespace slam::deploy;
using slam::aws::from_epoch_ms;

namespace {

LogLine line(std::string group, std::string id, std::int64_t ms)
{
  return {group,
          group + "/label",
          {id, "stream", from_epoch_ms(ms), from_epoch_ms(ms), "m " + id}};
}

std::vector<std::string> ids(const std::vector<LogLine>& lines)
{
  std::vector<std::string> result;
  for (const auto& each : lines) {
    result.push_back(each.group + ":" + each.event.id);
  }
  return result;
}

// Sets TZ for the lifetime of this object, so that local times are known.
class ScopedTimeZone
{
public:
  explicit ScopedTimeZone(const char* zone)
  {
    if (const char* old = std::getenv("TZ")) {
      m_old = old;
    }
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedTimeZone()
  {
    if (m_old) {
      ::setenv("TZ", m_old->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

private:
  std::optional<std::string> m_old;
};

// 2024-01-31 12:04:05.678 UTC, and a day in summer time.
constexpr std::int64_t k_winter_ms = 1'706'702'645'678;
constexpr std::int64_t k_summer_ms = 1'719'835'445'007;

// A POSIX zone string: Central European Time, needing no tz database.
constexpr const char* k_central_europe = "CET-1CEST,M3.5.0,M10.5.0/3";

} // namespace

// Events of several groups come out in time order.
TEST(LogEvents, groups_are_merged_in_time_order)
{
  auto merged = merge_events({{line("a", "1", 100), line("a", "2", 300)},
                              {line("b", "1", 200), line("b", "2", 400)},
                              {}});
  EXPECT_EQ(ids(merged),
            (std::vector<std::string>{"a:1", "b:1", "a:2", "b:2"}));
}

// Within a group the order is not trusted either (moto lists stream after
// stream); events of one millisecond keep their order.
TEST(LogEvents, unordered_input_is_sorted_keeping_ties_in_order)
{
  auto merged = merge_events({{line("a", "late", 500),
                               line("a", "tie-1", 100),
                               line("a", "tie-2", 100)},
                              {line("b", "tie-3", 100)}});
  EXPECT_EQ(
      ids(merged),
      (std::vector<std::string>{"a:tie-1", "a:tie-2", "b:tie-3", "a:late"}));
}

// An event read again in an overlapping window is not shown twice.
TEST(LogEvents, seen_events_are_dropped)
{
  SeenEvents seen;
  EXPECT_EQ(ids(seen.only_new({line("a", "1", 100), line("a", "2", 200)})),
            (std::vector<std::string>{"a:1", "a:2"}));
  EXPECT_EQ(ids(seen.only_new({line("a", "2", 200), line("a", "3", 300)})),
            (std::vector<std::string>{"a:3"}));
  EXPECT_EQ(seen.size(), 3u);
}

// The same id in another group is another event.
TEST(LogEvents, ids_are_per_group)
{
  SeenEvents seen;
  seen.only_new({line("a", "1", 100)});
  EXPECT_EQ(ids(seen.only_new({line("b", "1", 100)})),
            (std::vector<std::string>{"b:1"}));
}

// Events before a window's start are forgotten; those at the start are
// kept, as startTime is inclusive.
TEST(LogEvents, forget_before_keeps_the_window)
{
  SeenEvents seen;
  seen.only_new(
      {line("a", "1", 100), line("a", "2", 200), line("a", "3", 300)});
  seen.forget_before(from_epoch_ms(200));
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(ids(seen.only_new({line("a", "2", 200), line("a", "1", 100)})),
            (std::vector<std::string>{"a:1"}));
}

// Local time in UTC, with milliseconds and the offset.
TEST(LogEvents, local_time_in_utc)
{
  ScopedTimeZone zone("UTC0");
  EXPECT_EQ(format_local_time(from_epoch_ms(k_winter_ms)),
            "2024-01-31 12:04:05.678+00:00");
}

// Local time follows the zone's rules, summer time included.
TEST(LogEvents, local_time_follows_the_zone)
{
  ScopedTimeZone zone(k_central_europe);
  EXPECT_EQ(format_local_time(from_epoch_ms(k_winter_ms)),
            "2024-01-31 13:04:05.678+01:00");
  EXPECT_EQ(format_local_time(from_epoch_ms(k_summer_ms)),
            "2024-07-01 14:04:05.007+02:00");
}

// A line is time, label and message without its trailing newline.
TEST(LogEvents, line_is_time_label_message)
{
  ScopedTimeZone zone("UTC0");
  LogLine each{"/aws/lambda/app",
               "lambda/0123abcd",
               {"1",
                "2024/01/31/[$LATEST]0123abcd",
                from_epoch_ms(k_winter_ms),
                from_epoch_ms(k_winter_ms),
                "START RequestId: 42 Version: $LATEST\r\n"}};
  EXPECT_EQ(format_line(each),
            "2024-01-31 12:04:05.678+00:00 lambda/0123abcd START RequestId: "
            "42 Version: $LATEST");
}

// Inner newlines of a message (a traceback) are kept.
TEST(LogEvents, multi_line_message_is_kept)
{
  ScopedTimeZone zone("UTC0");
  LogLine each{"g",
               "lambda/x",
               {"1",
                "s",
                from_epoch_ms(0),
                from_epoch_ms(0),
                "Traceback:\n  File \"app.py\"\n"}};
  EXPECT_EQ(format_line(each),
            "1970-01-01 00:00:00.000+00:00 lambda/x Traceback:\n  File "
            "\"app.py\"");
}
