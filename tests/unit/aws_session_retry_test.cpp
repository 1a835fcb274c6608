#include "aws_session_fixture.hpp"
#include "slam/aws/cloudformation.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/lambda.hpp"
#include "slam/aws/s3.hpp"
#include "slam/aws/sts.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

using namespace slam::aws;
using namespace slam::aws::testing;

namespace {

// Return an HTTP date TIME.
std::string http_date(std::chrono::system_clock::time_point time)
{
  auto seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  ::gmtime_r(&seconds, &parts);
  char text[40];
  std::strftime(text, sizeof(text), "%a, %d %b %Y %H:%M:%S GMT", &parts);
  return text;
}

} // namespace

// An answer that refuses the signing time gives the server's clock, from
// its Date; the next attempt, and later calls, sign by that clock.
TEST_F(AwsSession, clock_skew_is_corrected_from_the_date_header)
{
  auto server_time = std::chrono::system_clock::now() + std::chrono::hours(2);
  FakeServer server([&](int index, const SeenRequest&) {
    if (index == 0) {
      return FakeResponse{403,
                          "<Error><Code>RequestTimeTooSkewed</Code><Message>"
                          "The difference between the request time and the "
                          "current time is too large.</Message></Error>",
                          {{"Date", http_date(server_time)}}};
    }
    return FakeResponse{200, k_identity};
  });
  auto session = session_for(server);
  Sts(*session).account_id();
  Sts(*session).account_id();
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  auto signed_at = [&](int index) {
    auto amz = seen.at(index).header("X-Amz-Date");
    return parse_iso8601(
               amz.insert(13, ":").insert(11, ":").insert(6, "-").insert(4,
                                                                         "-"))
        .value();
  };
  EXPECT_LT(std::chrono::abs(signed_at(0) - std::chrono::system_clock::now()),
            1min);
  EXPECT_LT(std::chrono::abs(signed_at(1) - server_time), 1min);
  EXPECT_LT(std::chrono::abs(signed_at(2) - server_time), 1min);
}

// Without a Date to correct by, a refused signing time is final.
TEST_F(AwsSession, clock_skew_without_a_date_is_final)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{400,
                        "<ErrorResponse><Error><Code>RequestExpired</Code>"
                        "<Message>Request has expired.</Message></Error>"
                        "</ErrorResponse>"};
  });
  auto session = session_for(server);
  EXPECT_EQ(error_of([&] { Sts(*session).account_id(); }),
            "sts GetCallerIdentity: RequestExpired: Request has expired.");
  EXPECT_EQ(server.requests().size(), 1u);
}

// The time limit ends a call before its attempts run out; a Retry-After
// sets the waits.
TEST_F(AwsSession, time_limit_bounds_the_call)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{503, "", {{"Retry-After", "1"}}};
  });
  auto session = session_for(server, RetryPolicy{8, 0ms, 100ms, 250ms});
  auto started = std::chrono::steady_clock::now();
  auto message = error_of([&] { Sts(*session).account_id(); });
  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_TRUE(message.starts_with("sts GetCallerIdentity: HTTP 503: Service "
                                  "Unavailable (after 3 attempts in 0."))
      << message;
  EXPECT_GE(std::chrono::steady_clock::now() - started, 200ms);
}

// An upload dropped halfway is sent again from the start of the file.
TEST_F(AwsSession, upload_is_retried_from_the_start)
{
  std::string content(200'000, 'p');
  content += "end";
  FakeServer server([](int index, const SeenRequest&) {
    FakeResponse response;
    response.drop = index == 0;
    return response;
  });
  auto session = session_for(server);
  auto file = write_home_file("package.zip", content);
  S3(*session).put_object("bucket", "app/package.zip", file);
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen.at(1).body, content);
}

// An upload on a reused connection that turns out dead is sent again on
// a fresh one from the start of the file (libcurl does that itself, and
// must be able to rewind the file).
TEST_F(AwsSession, upload_on_a_dead_reused_connection_is_rewound)
{
  std::string content(100'000, 'r');
  FakeServer server([](int index, const SeenRequest&) {
    FakeResponse response;
    response.keep_alive = index == 0;
    response.drop = index == 1;
    return response;
  });
  auto session = session_for(server);
  auto file = write_home_file("package.zip", content);
  S3 s3(*session);
  s3.put_object_content("bucket", "first", "1", "text/plain");
  s3.put_object("bucket", "app/package.zip", file);
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.at(2).target, "/bucket/app/package.zip");
  EXPECT_EQ(seen.at(2).body, content);
}

// Invoke goes again after throttling (the function did not run), but
// not after a 5xx, which may come after the function ran.
TEST_F(AwsSession, invoke_is_resent_only_when_it_did_not_run)
{
  FakeServer server([](int index, const SeenRequest&) {
    if (index == 0) {
      return FakeResponse{429,
                          R"({"message": "Rate exceeded"})",
                          {{"x-amzn-ErrorType", "TooManyRequestsException"}}};
    }
    if (index == 1) {
      return FakeResponse{200, "1"};
    }
    return FakeResponse{500, R"({"__type": "ServiceException"})"};
  });
  auto session = session_for(server);
  Lambda lambda(*session);
  InvokeRequest invoke;
  invoke.function_name = "f";
  EXPECT_EQ(lambda.invoke(invoke).payload, "1");
  EXPECT_EQ(error_of([&] { lambda.invoke(invoke); }),
            "lambda Invoke: ServiceException: Internal Server Error");
  EXPECT_EQ(server.requests().size(), 3u);
}
