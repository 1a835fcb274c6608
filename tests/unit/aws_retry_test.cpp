#include "slam/aws/retry.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;
using namespace std::chrono_literals;

// Throttling and a request timed out are turned away unread.
TEST(AwsRetry, throttling_is_turned_away)
{
  for (auto code : {"Throttling",
                    "ThrottlingException",
                    "ThrottledException",
                    "RequestLimitExceeded",
                    "TooManyRequestsException",
                    "SlowDown",
                    "RequestThrottled",
                    "ProvisionedThroughputExceededException",
                    "TransactionInProgressException",
                    "PriorRequestNotComplete",
                    "EC2ThrottledException",
                    "BandwidthLimitExceeded",
                    "RequestThrottledException",
                    "RequestTimeout"}) {
    EXPECT_EQ(RetryPolicy::classify(400, code), RetryKind::turned_away) << code;
  }
  EXPECT_EQ(RetryPolicy::classify(503, "SlowDown"), RetryKind::turned_away);
  EXPECT_EQ(RetryPolicy::classify(429, "HTTP 429"), RetryKind::turned_away);
}

// Every 5xx but 501 is a server fault, the work perhaps done; so are the
// fault codes some services send with another status.
TEST(AwsRetry, server_errors_are_faults)
{
  EXPECT_EQ(RetryPolicy::classify(500, "HTTP 500"), RetryKind::server_fault);
  EXPECT_EQ(RetryPolicy::classify(500, "InternalFailure"),
            RetryKind::server_fault);
  EXPECT_EQ(RetryPolicy::classify(502, "HTTP 502"), RetryKind::server_fault);
  EXPECT_EQ(RetryPolicy::classify(503, "ServiceUnavailable"),
            RetryKind::server_fault);
  EXPECT_EQ(RetryPolicy::classify(504, "HTTP 504"), RetryKind::server_fault);
  EXPECT_EQ(RetryPolicy::classify(400, "InternalError"),
            RetryKind::server_fault);
  EXPECT_EQ(RetryPolicy::classify(501, "NotImplemented"), RetryKind::final);
}

// A refused signing time is a clock to correct: by its code, or by the
// message of a bad signature.
TEST(AwsRetry, signing_time_refused_is_clock_skew)
{
  EXPECT_EQ(RetryPolicy::classify(403, "RequestTimeTooSkewed"),
            RetryKind::clock_skew);
  EXPECT_EQ(RetryPolicy::classify(400, "RequestExpired"),
            RetryKind::clock_skew);
  EXPECT_EQ(RetryPolicy::classify(403,
                                  "InvalidSignatureException",
                                  "Signature expired: 20240101T000000Z is now "
                                  "earlier than 20240101T001000Z"),
            RetryKind::clock_skew);
  EXPECT_EQ(RetryPolicy::classify(403,
                                  "SignatureDoesNotMatch",
                                  "Signature not yet current: 20240101T001000Z "
                                  "is still later than 20240101T000500Z"),
            RetryKind::clock_skew);
  EXPECT_EQ(RetryPolicy::classify(403,
                                  "InvalidSignatureException",
                                  "The request signature we calculated does "
                                  "not match the signature you provided"),
            RetryKind::final);
}

// Mistakes of the caller and quotas are final.
TEST(AwsRetry, client_errors_and_quotas_are_final)
{
  EXPECT_FALSE(RetryPolicy::is_retryable(400, "ValidationError"));
  EXPECT_FALSE(RetryPolicy::is_retryable(404, "NoSuchBucket"));
  EXPECT_FALSE(RetryPolicy::is_retryable(400, "LimitExceededException"));
  EXPECT_FALSE(RetryPolicy::is_retryable(400, "AlreadyExistsException"));
  EXPECT_FALSE(
      RetryPolicy::is_retryable(400, "InvalidParameterValueException"));
  EXPECT_TRUE(RetryPolicy::is_retryable(500, "HTTP 500"));
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

// Retry-After counts in seconds or as an HTTP date; garbage does not.
TEST(AwsRetry, parse_retry_after_reads_seconds_and_dates)
{
  auto now = parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").value();
  EXPECT_EQ(parse_retry_after("3", now), 3000ms);
  EXPECT_EQ(parse_retry_after("0", now), 0ms);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:05 GMT", now), 5000ms);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now), 0ms);
  EXPECT_EQ(parse_retry_after("-1", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("2s", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28", now), std::nullopt);
}

// A call that gave up says how often and how long it tried.
TEST(AwsRetry, attempts_note_counts_attempts_and_seconds)
{
  EXPECT_EQ(attempts_note(8, 12'345ms), "after 8 attempts in 12.3 s");
  EXPECT_EQ(attempts_note(2, 40ms), "after 2 attempts in 0.0 s");
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
