#include "slam/aws/retry_settings.hpp"

#include "slam/util/environment.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/core.h>

namespace slam::aws {
namespace {

using std::chrono::milliseconds;

// The AWS retry modes and the attempts each makes by default. Slam runs
// one call at a time, so adaptive mode's client-side rate limiting would
// change nothing: it retries as standard mode does.
struct RetryMode
{
  std::string_view name;
  int default_attempts;
};
constexpr RetryMode k_retry_modes[] = {
    {"legacy", 5}, {"standard", 3}, {"adaptive", 3}};

// Return the setting of environment variable ENV_NAME, else KEY of
// PROFILE, and where it came from for messages.
std::optional<std::pair<std::string, std::string>>
setting(const Profile& profile, const char* env_name, const std::string& key)
{
  if (const char* value = std::getenv(env_name); value && *value) {
    return std::pair{std::string(value), std::string(env_name)};
  }
  if (auto value = profile.value(key)) {
    return std::pair{*value,
                     fmt::format("{} of profile '{}'", key, profile.name)};
  }
  return std::nullopt;
}

// Return the default attempts of the retry mode PROFILE asks for, if any.
std::optional<int> mode_attempts(const Profile& profile)
{
  auto mode = setting(profile, "AWS_RETRY_MODE", "retry_mode");
  if (!mode) {
    return std::nullopt;
  }
  for (const auto& known : k_retry_modes) {
    if (mode->first == known.name) {
      return known.default_attempts;
    }
  }
  throw UsageError(fmt::format("{} must be legacy, standard or adaptive, "
                               "not '{}'",
                               mode->second,
                               mode->first));
}

int max_attempts(const Profile& profile, int slam_default)
{
  auto attempts = setting(profile, "AWS_MAX_ATTEMPTS", "max_attempts");
  if (!attempts) {
    return mode_attempts(profile).value_or(slam_default);
  }
  mode_attempts(profile); // checked even when the attempts are given
  const auto& text = attempts->first;
  int number = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < 1) {
    throw UsageError(fmt::format("{} must be a whole number of at least 1, "
                                 "not '{}'",
                                 attempts->second,
                                 text));
  }
  return number;
}

milliseconds to_milliseconds(double seconds)
{
  return milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

} // namespace

CallSettings load_call_settings(const Profile& profile)
{
  CallSettings settings;
  auto& retry = settings.retry;
  retry.max_attempts = max_attempts(profile, retry.max_attempts);
  if (auto base =
          util::whole_number_from_environment("SLAM_RETRY_BASE_MS", 0)) {
    retry.base_delay = milliseconds(*base);
  }
  if (auto limit = util::seconds_from_environment("SLAM_RETRY_TIME_LIMIT")) {
    retry.time_limit = to_milliseconds(*limit);
  }
  auto& timeouts = settings.timeouts;
  if (auto connect = util::seconds_from_environment("SLAM_CONNECT_TIMEOUT")) {
    timeouts.connect = to_milliseconds(*connect);
  }
  if (auto request = util::seconds_from_environment("SLAM_REQUEST_TIMEOUT")) {
    timeouts.total = to_milliseconds(*request);
  }
  // An upload has no total limit (it may be large), so a stall is what
  // ends one that no longer moves; it need not wait longer than any
  // other request would.
  auto stall = std::chrono::ceil<std::chrono::seconds>(timeouts.total);
  timeouts.stall = std::min(timeouts.stall, stall);
  return settings;
}

} // namespace slam::aws
