#include "slam/aws/retry.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;
using namespace std::chrono_literals;

// Throttling and passing server trouble are worth another attempt.
TEST(AwsRetry, throttling_and_passing_faults_are_retryable)
{
  EXPECT_TRUE(RetryPolicy::is_retryable(400, "Throttling"));
  EXPECT_TRUE(RetryPolicy::is_retryable(429, "TooManyRequestsException"));
  EXPECT_TRUE(RetryPolicy::is_retryable(503, "SlowDown"));
  EXPECT_TRUE(RetryPolicy::is_retryable(503, "HTTP 503"));
  EXPECT_TRUE(RetryPolicy::is_retryable(502, "HTTP 502"));
  EXPECT_TRUE(RetryPolicy::is_retryable(500, "InternalFailure"));
  EXPECT_TRUE(RetryPolicy::is_retryable(500, "InternalError"));
}

// Mistakes of the caller, quotas and bare 500 pages are final.
TEST(AwsRetry, client_errors_and_bare_500_are_final)
{
  EXPECT_FALSE(RetryPolicy::is_retryable(400, "ValidationError"));
  EXPECT_FALSE(RetryPolicy::is_retryable(404, "NoSuchBucket"));
  EXPECT_FALSE(RetryPolicy::is_retryable(400, "LimitExceededException"));
  EXPECT_FALSE(RetryPolicy::is_retryable(500, "HTTP 500"));
  EXPECT_FALSE(
      RetryPolicy::is_retryable(400, "InvalidParameterValueException"));
}

// The wait doubles with each attempt up to the cap, scaled by the jitter.
TEST(AwsRetry, delay_grows_exponentially_up_to_the_cap)
{
  RetryPolicy policy{4, 200ms, 5000ms};
  EXPECT_EQ(policy.delay(1, 0.5), 100ms);
  EXPECT_EQ(policy.delay(2, 0.5), 200ms);
  EXPECT_EQ(policy.delay(3, 0.5), 400ms);
  EXPECT_EQ(policy.delay(10, 0.5), 2500ms);
  EXPECT_EQ(policy.delay(40, 0.5), 2500ms);
  EXPECT_EQ(policy.delay(3, 0.0), 0ms);
}

// A Retry-After from the server is a floor, itself capped.
TEST(AwsRetry, delay_honours_retry_after_within_the_cap)
{
  RetryPolicy policy{4, 200ms, 5000ms};
  EXPECT_EQ(policy.delay(1, 0.0, 3000ms), 3000ms);
  EXPECT_EQ(policy.delay(1, 0.0, 60000ms), 5000ms);
  EXPECT_EQ(policy.delay(10, 0.9, 10ms), 4500ms);
}

// Retry-After in seconds counts; the HTTP-date form and garbage do not.
TEST(AwsRetry, parse_retry_after_reads_seconds_only)
{
  EXPECT_EQ(parse_retry_after("3"), 3000ms);
  EXPECT_EQ(parse_retry_after("0"), 0ms);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_retry_after("-1"), std::nullopt);
  EXPECT_EQ(parse_retry_after("2s"), std::nullopt);
}

// The jitter stays in [0, 1).
TEST(AwsRetry, random_jitter_is_a_fraction)
{
  for (int i = 0; i < 1000; ++i) {
    auto jitter = random_jitter();
    ASSERT_GE(jitter, 0.0);
    ASSERT_LT(jitter, 1.0);
  }
}
