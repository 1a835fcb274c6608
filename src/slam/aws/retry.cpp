#include "slam/aws/retry.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/core.h>
#include <random>

namespace slam::aws {
namespace {

// Codes by which services turn a request away unread: throttling, and a
// request body that came too slowly. LimitExceededException is left out:
// CloudFormation uses it for quotas, which waiting does not lift.
constexpr std::array<std::string_view, 16> k_turned_away_codes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "TooManyRequests",
    "RequestTimeout",
    "RequestTimeoutException",
};

// Codes of server faults that some services send with a 4xx status.
constexpr std::array<std::string_view, 4> k_server_fault_codes = {
    "InternalError",
    "InternalFailure",
    "ServiceUnavailable",
    "ServiceException",
};

// Codes that say the request's signing time is too far from the
// service's clock.
constexpr std::array<std::string_view, 3> k_clock_codes = {
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
};

// Codes of a bad signature, which mean a wrong clock only when the
// message says so ("Signature expired: 20240101T000000Z is now earlier
// than ...", "Signature not yet current: ...").
constexpr std::array<std::string_view, 3> k_signature_codes = {
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
};

bool contains(auto list, std::string_view code)
{
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool says_signature_time_is_off(std::string_view message)
{
  return message.find("Signature expired") != message.npos ||
         message.find("Signature not yet current") != message.npos;
}

} // namespace

RetryKind RetryPolicy::classify(long status,
                                std::string_view code,
                                std::string_view message)
{
  if (contains(k_turned_away_codes, code) || status == 429) {
    return RetryKind::turned_away;
  }
  if (contains(k_clock_codes, code) || (contains(k_signature_codes, code) &&
                                        says_signature_time_is_off(message))) {
    return RetryKind::clock_skew;
  }
  // 501 Not Implemented will not change its mind.
  if ((status >= 500 && status != 501) ||
      contains(k_server_fault_codes, code)) {
    return RetryKind::server_fault;
  }
  return RetryKind::final;
}

std::chrono::milliseconds
RetryPolicy::delay(int attempt,
                   double jitter,
                   std::optional<std::chrono::milliseconds> retry_after) const
{
  auto ceiling = base_delay * (1LL << std::clamp(attempt - 1, 0, 30));
  ceiling = std::min<std::chrono::milliseconds>(ceiling, max_delay);
  auto wait = std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(ceiling.count()) * jitter));
  if (retry_after) {
    wait = std::max(wait, std::min(*retry_after, max_delay));
  }
  return wait;
}

std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, Timestamp now)
{
  if (auto date = parse_http_date(value)) {
    return std::max(
        std::chrono::milliseconds(0),
        std::chrono::duration_cast<std::chrono::milliseconds>(*date - now));
  }
  long long seconds = 0;
  auto [end, error] =
      std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error != std::errc() || end != value.data() + value.size() ||
      seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

std::string attempts_note(int attempts, std::chrono::milliseconds elapsed)
{
  return fmt::format("after {} attempts in {:.1f} s",
                     attempts,
                     static_cast<double>(elapsed.count()) / 1000);
}

double random_jitter()
{
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

} // namespace slam::aws
