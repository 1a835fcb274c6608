#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace slam::deploy {

// Return the length of TEXT, a number with a unit: s, m, h, d or w
// ("30s", "1.5h", "2d"). Throw UsageError when TEXT is not one, is zero,
// or is longer than CloudWatch keeps logs (10 years).
std::chrono::milliseconds parse_period(std::string_view text);

// Return PERIOD the way a user would write it ("90s", "1m", "2d").
std::string format_period(std::chrono::milliseconds period);

} // namespace slam::deploy
