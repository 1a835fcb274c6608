#pragma once

#include "slam/aws/timestamp.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace slam::aws {

// What an error answer says about sending the request again.
enum class RetryKind {
  final,        // the caller's mistake, a missing resource, a quota
  turned_away,  // throttled or timed out before any work was done
  server_fault, // a 5xx: the work may or may not have been done
  clock_skew,   // signed at a time the service refuses: sign again
};

// When to send a failed AWS call again and how long to wait first:
// capped exponential backoff with full jitter, within a number of attempts
// and a time limit for the whole call.
struct RetryPolicy
{
  // A deploy that fails halfway costs more than a wait, so more than the
  // AWS SDKs' 3; the time limit still bounds a call that never succeeds.
  int max_attempts = 8;
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{20'000};
  // No attempt starts later than this after the first one began.
  std::chrono::milliseconds time_limit{120'000};

  // Return what an error answer with HTTP STATUS, error CODE and MESSAGE
  // means for another attempt.
  static RetryKind
  classify(long status, std::string_view code, std::string_view message = {});

  // Return whether such an answer may succeed when sent again.
  static bool is_retryable(long status, std::string_view code)
  {
    return classify(status, code) != RetryKind::final;
  }

  // Return the wait after failed attempt ATTEMPT (from 1): the share
  // JITTER (in [0, 1)) of base_delay * 2^(ATTEMPT-1), capped at
  // max_delay, but at least RETRY_AFTER when the server asked for it.
  std::chrono::milliseconds
  delay(int attempt,
        double jitter,
        std::optional<std::chrono::milliseconds> retry_after = {}) const;
};

// Return a Retry-After header VALUE, seconds or an HTTP date (counted
// from NOW), as a wait; nothing for garbage.
std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value,
                  Timestamp now = std::chrono::system_clock::now());

// Return "after ATTEMPTS attempts in ELAPSED" for the message of a call
// that gave up, e.g. "after 8 attempts in 12.5 s".
std::string attempts_note(int attempts, std::chrono::milliseconds elapsed);

// Return a random number in [0, 1) for RetryPolicy::delay.
double random_jitter();

} // namespace slam::aws
