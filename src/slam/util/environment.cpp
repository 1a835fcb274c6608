#include "slam/util/environment.hpp"

#include "slam/util/error.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/core.h>
#include <string_view>

namespace slam::util {
namespace {

std::optional<std::string_view> environment_text(const char* name)
{
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string_view(value);
}

// Read all of TEXT as a number of type T; return false when it is not one.
template <typename T>
bool read_number(std::string_view text, T& number)
{
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size();
}

} // namespace

std::optional<double> seconds_from_environment(const char* name)
{
  auto text = environment_text(name);
  if (!text) {
    return std::nullopt;
  }
  double seconds = 0;
  if (!read_number(*text, seconds) || !std::isfinite(seconds) || seconds <= 0) {
    throw UsageError(fmt::format(
        "{} must be a positive number of seconds, not '{}'", name, *text));
  }
  return seconds;
}

std::optional<long long> whole_number_from_environment(const char* name,
                                                       long long minimum)
{
  auto text = environment_text(name);
  if (!text) {
    return std::nullopt;
  }
  long long number = 0;
  if (!read_number(*text, number) || number < minimum) {
    throw UsageError(
        fmt::format("{} must be a whole number of at least {}, not '{}'",
                    name,
                    minimum,
                    *text));
  }
  return number;
}

} // namespace slam::util
