#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace slam::aws {

using Timestamp = std::chrono::system_clock::time_point;

// Return TIME in SigV4's basic ISO 8601 form, "20150830T123600Z" (UTC).
std::string format_amz_date(Timestamp time);

// Return TIME as an ISO 8601 UTC time, "2015-08-30T12:36:00Z".
std::string format_iso8601(Timestamp time);

// Return the ISO 8601 time TEXT ("2015-08-30T12:36:00Z", with optional
// fractional seconds and a Z or +HH:MM offset) as a time point, or
// nothing when TEXT is not such a time.
std::optional<Timestamp> parse_iso8601(std::string_view text);

// Return the HTTP date TEXT (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37
// GMT", the form of the Date and Retry-After headers) as a time point, or
// nothing when TEXT is not such a date.
std::optional<Timestamp> parse_http_date(std::string_view text);

} // namespace slam::aws
