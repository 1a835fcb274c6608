#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace slam::aws {

// When to send a failed AWS call again and how long to wait first:
// capped exponential backoff with full jitter.
struct RetryPolicy
{
  int max_attempts = 4;
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{5'000};

  // Return whether an error answer with HTTP STATUS and error CODE may
  // succeed when sent again: throttling, and server faults that say they
  // are passing.
  static bool is_retryable(long status, std::string_view code);

  // Return the wait after failed attempt ATTEMPT (from 1): the share
  // JITTER (in [0, 1)) of base_delay * 2^(ATTEMPT-1), capped at
  // max_delay, but at least RETRY_AFTER when the server asked for it.
  std::chrono::milliseconds
  delay(int attempt,
        double jitter,
        std::optional<std::chrono::milliseconds> retry_after = {}) const;
};

// Return a Retry-After header value in seconds as a duration; nothing for
// an HTTP date or garbage.
std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value);

// Return a random number in [0, 1) for RetryPolicy::delay.
double random_jitter();

} // namespace slam::aws
