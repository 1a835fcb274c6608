#include "slam/deploy/log_period.hpp"

#include "slam/util/error.hpp"

#include <array>
#include <cmath>
#include <fmt/core.h>
#include <regex>
#include <utility>

namespace slam::deploy {
namespace {

using std::chrono::milliseconds;

// Units from the largest, so format_period picks the largest exact one.
constexpr std::array<std::pair<char, std::int64_t>, 5> k_units = {{
    {'w', 7 * 24 * 3600 * 1000LL},
    {'d', 24 * 3600 * 1000LL},
    {'h', 3600 * 1000LL},
    {'m', 60 * 1000LL},
    {'s', 1000LL},
}};

// CloudWatch keeps events at most 10 years (3653 days).
constexpr std::int64_t k_longest_ms = 3653 * 24 * 3600 * 1000LL;

std::int64_t unit_ms(char unit)
{
  for (const auto& [name, ms] : k_units) {
    if (name == unit) {
      return ms;
    }
  }
  return 0;
}

UsageError bad_period(std::string_view text, std::string_view why)
{
  return UsageError(fmt::format("invalid period '{}': {}", text, why));
}

} // namespace

milliseconds parse_period(std::string_view text)
{
  // At most 9 digits before the point keep the arithmetic exact in a
  // double; anything that long is refused below anyway.
  static const std::regex pattern(R"(([0-9]{1,9})(\.[0-9]{1,3})?([smhdw]))");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(text.begin(), text.end(), match, pattern)) {
    throw bad_period(text,
                     "use a number and a unit: s, m, h, d or w (for "
                     "example 30s, 1.5h, 2d)");
  }
  double number = std::stod(match[1].str() + match[2].str());
  double ms =
      std::round(number * static_cast<double>(unit_ms(*match[3].first)));
  if (ms < 1) {
    throw bad_period(text, "it must be longer than zero");
  }
  if (ms > static_cast<double>(k_longest_ms)) {
    throw bad_period(text, "CloudWatch keeps logs at most 10 years (3653d)");
  }
  return milliseconds(static_cast<std::int64_t>(ms));
}

std::string format_period(milliseconds period)
{
  auto ms = period.count();
  for (const auto& [unit, length] : k_units) {
    if (ms >= length && ms % length == 0) {
      return fmt::format("{}{}", ms / length, unit);
    }
  }
  return fmt::format("{}ms", ms);
}

} // namespace slam::deploy
