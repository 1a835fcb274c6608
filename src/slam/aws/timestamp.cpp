#include "slam/aws/timestamp.hpp"

#include <cctype>
#include <charconv>
#include <ctime>
#include <fmt/core.h>

namespace slam::aws {
namespace {

// Read exactly COUNT digits of TEXT at POS into VALUE.
bool read_digits(std::string_view text, size_t pos, size_t count, int& value)
{
  if (pos + count > text.size()) {
    return false;
  }
  auto first = text.data() + pos;
  // from_chars takes a sign: "-1" is not two digits.
  if (!std::isdigit(static_cast<unsigned char>(*first))) {
    return false;
  }
  auto [end, error] = std::from_chars(first, first + count, value);
  return error == std::errc() && end == first + count;
}

// Read the fractional seconds at POS, if any, as milliseconds.
size_t read_fraction(std::string_view text, size_t pos, int& millis)
{
  millis = 0;
  if (pos >= text.size() || text[pos] != '.') {
    return pos;
  }
  int scale = 100;
  for (++pos;
       pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]));
       ++pos) {
    millis += (text[pos] - '0') * scale;
    scale /= 10;
  }
  return pos;
}

// Read the zone suffix at POS ("Z", "+HH:MM", "-HH:MM") as seconds east
// of UTC; return false when it is malformed.
bool read_zone(std::string_view text, size_t pos, int& offset)
{
  auto rest = text.substr(pos);
  offset = 0;
  if (rest == "Z" || rest.empty()) {
    return true;
  }
  int hours = 0;
  int minutes = 0;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') ||
      !read_digits(rest, 1, 2, hours) || rest[3] != ':' ||
      !read_digits(rest, 4, 2, minutes)) {
    return false;
  }
  offset = (rest[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return true;
}

// Return the calendar fields of TIME in UTC.
std::tm utc_fields(Timestamp time)
{
  auto seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  ::gmtime_r(&seconds, &parts);
  return parts;
}

// Return the month (0 to 11) of its English abbreviation NAME, or -1.
int month_index(std::string_view name)
{
  constexpr std::string_view k_months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  auto found = name.size() == 3 ? k_months.find(name) : k_months.npos;
  return found == k_months.npos || found % 3 != 0 ? -1
                                                  : static_cast<int>(found / 3);
}

// Return TIME's UTC year, month, day, hour, minute and second laid out by
// PATTERN, which takes them in that order.
std::string format_utc(Timestamp time,
                       fmt::format_string<int, int, int, int, int, int> pattern)
{
  auto parts = utc_fields(time);
  return fmt::format(pattern,
                     parts.tm_year + 1900,
                     parts.tm_mon + 1,
                     int{parts.tm_mday},
                     int{parts.tm_hour},
                     int{parts.tm_min},
                     int{parts.tm_sec});
}

// The years a Timestamp holds: system_clock counts nanoseconds in 64
// bits, from 1677 to 2262. A later year (an "expires in 9999" a server
// may send) would overflow the conversion.
constexpr int k_first_year = 1678;
constexpr int k_last_year = 2261;

// Return the time of the UTC calendar fields PARTS (year and month as
// written, not as std::tm counts them) less OFFSET seconds, plus MILLIS;
// nothing when a field is out of its range.
std::optional<Timestamp> timestamp_of(std::tm parts, int offset, int millis)
{
  if (parts.tm_year < k_first_year || parts.tm_year > k_last_year ||
      parts.tm_mon < 1 || parts.tm_mon > 12 || parts.tm_mday < 1 ||
      parts.tm_mday > 31 || parts.tm_hour > 23 || parts.tm_min > 59 ||
      parts.tm_sec > 60) {
    return std::nullopt;
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  auto seconds = ::timegm(&parts) - offset;
  return std::chrono::system_clock::from_time_t(seconds) +
         std::chrono::milliseconds(millis);
}

} // namespace

std::string format_amz_date(Timestamp time)
{
  return format_utc(time, "{:04}{:02}{:02}T{:02}{:02}{:02}Z");
}

std::string format_iso8601(Timestamp time)
{
  return format_utc(time, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z");
}

std::optional<Timestamp> parse_iso8601(std::string_view text)
{
  std::tm parts{};
  if (text.size() < 19 || !read_digits(text, 0, 4, parts.tm_year) ||
      text[4] != '-' || !read_digits(text, 5, 2, parts.tm_mon) ||
      text[7] != '-' || !read_digits(text, 8, 2, parts.tm_mday) ||
      text[10] != 'T' || !read_digits(text, 11, 2, parts.tm_hour) ||
      text[13] != ':' || !read_digits(text, 14, 2, parts.tm_min) ||
      text[16] != ':' || !read_digits(text, 17, 2, parts.tm_sec)) {
    return std::nullopt;
  }
  int millis = 0;
  int offset = 0;
  if (!read_zone(text, read_fraction(text, 19, millis), offset)) {
    return std::nullopt;
  }
  return timestamp_of(parts, offset, millis);
}

std::optional<Timestamp> parse_http_date(std::string_view text)
{
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions after the day name.
  std::tm parts{};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' ||
      text[11] != ' ' || text[16] != ' ' || text[19] != ':' ||
      text[22] != ':' || text.substr(25) != " GMT" ||
      !read_digits(text, 5, 2, parts.tm_mday) ||
      !read_digits(text, 12, 4, parts.tm_year) ||
      !read_digits(text, 17, 2, parts.tm_hour) ||
      !read_digits(text, 20, 2, parts.tm_min) ||
      !read_digits(text, 23, 2, parts.tm_sec)) {
    return std::nullopt;
  }
  parts.tm_mon = month_index(text.substr(8, 3)) + 1;
  return timestamp_of(parts, 0, 0);
}

} // namespace slam::aws
