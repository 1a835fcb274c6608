#include "slam/aws/retry.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <random>

namespace slam::aws {
namespace {

// LimitExceededException is left out: CloudFormation uses it for quotas,
// which waiting does not lift.
constexpr std::array<std::string_view, 14> k_throttling_codes = {
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
};

constexpr std::array<std::string_view, 5> k_transient_codes = {
    "InternalError",
    "InternalFailure",
    "ServiceUnavailable",
    "RequestTimeout",
    "RequestTimeoutException",
};

bool contains(auto list, std::string_view code)
{
  return std::find(list.begin(), list.end(), code) != list.end();
}

} // namespace

bool RetryPolicy::is_retryable(long status, std::string_view code)
{
  // A bare 500 is not retried: moto answers a CreateStack that fails in a
  // resource with one after it has stored the stack, and a second attempt
  // would hide the real error behind "already exists".
  return status == 429 || status == 502 || status == 503 || status == 504 ||
         contains(k_throttling_codes, code) ||
         contains(k_transient_codes, code);
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
parse_retry_after(std::string_view value)
{
  long long seconds = 0;
  auto [end, error] =
      std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error != std::errc() || end != value.data() + value.size() ||
      seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

double random_jitter()
{
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

} // namespace slam::aws
