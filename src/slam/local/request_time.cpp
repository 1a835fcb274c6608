#include "slam/local/request_time.hpp"

#include <array>
#include <ctime>
#include <fmt/core.h>

namespace slam::local {

std::string format_request_time(std::chrono::system_clock::time_point time)
{
  // Month names by hand: strftime's %b follows the locale.
  static constexpr std::array<const char*, 12> months = {"Jan",
                                                         "Feb",
                                                         "Mar",
                                                         "Apr",
                                                         "May",
                                                         "Jun",
                                                         "Jul",
                                                         "Aug",
                                                         "Sep",
                                                         "Oct",
                                                         "Nov",
                                                         "Dec"};
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  return fmt::format("{:02}/{}/{:04}:{:02}:{:02}:{:02} +0000",
                     utc.tm_mday,
                     months[static_cast<std::size_t>(utc.tm_mon)],
                     utc.tm_year + 1900,
                     utc.tm_hour,
                     utc.tm_min,
                     utc.tm_sec);
}

std::int64_t epoch_milliseconds(std::chrono::system_clock::time_point time)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             time.time_since_epoch())
      .count();
}

} // namespace slam::local
