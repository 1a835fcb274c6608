#include "aws_session_fixture.hpp"
#include "slam/aws/cloudformation.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/lambda.hpp"
#include "slam/aws/s3.hpp"
#include "slam/aws/session.hpp"
#include "slam/aws/sts.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <gtest/gtest.h>
#include <regex>

using namespace slam::aws;
using namespace slam::aws::testing;

// A refused connection names the endpoint and the call.
TEST_F(AwsSession, unreachable_endpoint_names_endpoint_and_call)
{
  Session session({"", "", "http://127.0.0.1:1"}, "", k_no_wait);
  EXPECT_TRUE(std::regex_match(
      error_of([&] { Sts(session).account_id(); }),
      std::regex("cannot reach http://127\\.0\\.0\\.1:1/ \\(sts "
                 "GetCallerIdentity\\): Couldn't connect to server \\(after 4 "
                 "attempts in \\d+\\.\\d s\\)")));
}

// 503s are retried until one attempt succeeds.
TEST_F(AwsSession, server_errors_are_retried_until_success)
{
  FakeServer server([](int index, const SeenRequest&) {
    return index < 2 ? FakeResponse{503} : FakeResponse{200, k_identity};
  });
  auto session = session_for(server);
  EXPECT_EQ(Sts(*session).account_id(), "111122223333");
  EXPECT_EQ(server.requests().size(), 3u);
}

// A connection dropped without an answer is retried.
TEST_F(AwsSession, dropped_connection_is_retried)
{
  FakeServer server([](int index, const SeenRequest&) {
    FakeResponse response{200, k_identity};
    response.drop = index == 0;
    return response;
  });
  auto session = session_for(server);
  EXPECT_EQ(Sts(*session).account_id(), "111122223333");
  EXPECT_EQ(server.requests().size(), 2u);
}

// Throttling errors are retried too, whatever their status.
TEST_F(AwsSession, throttling_is_retried)
{
  FakeServer server([](int index, const SeenRequest&) {
    return index == 0 ? FakeResponse{400, k_throttling}
                      : FakeResponse{200, k_identity};
  });
  auto session = session_for(server);
  EXPECT_EQ(Sts(*session).account_id(), "111122223333");
  EXPECT_EQ(server.requests().size(), 2u);
}

// After the last attempt the last error reaches the caller.
TEST_F(AwsSession, gives_up_after_the_last_attempt)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{400, k_throttling};
  });
  auto session = session_for(server);
  EXPECT_TRUE(std::regex_match(
      error_of([&] { Sts(*session).account_id(); }),
      std::regex("sts GetCallerIdentity: Throttling: Rate exceeded \\(after 4 "
                 "attempts in \\d+\\.\\d s\\)")));
  EXPECT_EQ(server.requests().size(), 4u);
}

// A dropped connection on every attempt ends as "cannot reach".
TEST_F(AwsSession, always_dropped_connection_cannot_reach)
{
  FakeServer server([](int, const SeenRequest&) {
    FakeResponse response;
    response.drop = true;
    return response;
  });
  auto session = session_for(server);
  auto message = error_of([&] { Sts(*session).account_id(); });
  EXPECT_TRUE(message.starts_with(
      "cannot reach " + server.url() +
      "/ (sts GetCallerIdentity): Server returned nothing (no headers, no "
      "data) (after 4 attempts in "))
      << message;
  EXPECT_EQ(server.requests().size(), 4u);
}

// A mistake of the caller is final at once.
TEST_F(AwsSession, client_errors_are_not_retried)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{400,
                        "<ErrorResponse><Error><Code>ValidationError</Code>"
                        "<Message>Template format error</Message></Error>"
                        "</ErrorResponse>"};
  });
  auto session = session_for(server);
  CloudFormation cloudformation(*session);
  StackRequest request;
  request.name = "app";
  EXPECT_EQ(error_of([&] { cloudformation.create_stack(request); }),
            "cloudformation CreateStack: ValidationError: Template format "
            "error");
  EXPECT_EQ(server.requests().size(), 1u);
}

// Any 5xx is retried, even a bare page without an AWS error code.
TEST_F(AwsSession, bare_500_page_is_retried)
{
  FakeServer server([](int index, const SeenRequest&) {
    return index == 0
               ? FakeResponse{500,
                              "<!doctype html>\n<title>500 Internal Server "
                              "Error</title>\n"}
               : FakeResponse{200, k_identity};
  });
  auto session = session_for(server);
  EXPECT_EQ(Sts(*session).account_id(), "111122223333");
  EXPECT_EQ(server.requests().size(), 2u);
}

// A query-protocol call is a signed form POST for the session's region.
TEST_F(AwsSession, query_call_is_a_signed_form_post)
{
  set_env("AWS_SESSION_TOKEN", "session-token");
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{200, k_identity};
  });
  auto session = session_for(server);
  Sts(*session).account_id();
  auto seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/");
  EXPECT_EQ(seen.body, "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(seen.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(seen.header("Content-Type"),
            "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(seen.header("X-Amz-Security-Token"), "session-token");
  EXPECT_EQ(seen.header("X-Amz-Content-Sha256"), "(none)");
  auto date = seen.header("X-Amz-Date");
  EXPECT_TRUE(std::regex_match(
      seen.header("Authorization"),
      std::regex("AWS4-HMAC-SHA256 Credential=AKIDTEST/" + date.substr(0, 8) +
                 "/eu-west-1/sts/aws4_request, SignedHeaders=content-type;"
                 "host;x-amz-date;x-amz-security-token, "
                 "Signature=[0-9a-f]{64}")))
      << seen.header("Authorization");
}

// S3 streams the file and signs its hash; the key is encoded once in the
// path (path style, as the endpoint is custom).
TEST_F(AwsSession, s3_upload_sends_the_file_and_its_hash)
{
  FakeServer server([](int, const SeenRequest&) { return FakeResponse{}; });
  auto session = session_for(server);
  std::string content(300'000, 'z');
  content += "end";
  auto file = write_home_file("package.zip", content);
  S3(*session).put_object("bucket", "app/a b+c.zip", file);
  auto seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.target, "/bucket/app/a%20b%2Bc.zip");
  EXPECT_EQ(seen.body, content);
  EXPECT_EQ(seen.header("X-Amz-Content-Sha256"),
            slam::util::sha256_hex(content));
  EXPECT_EQ(seen.header("Content-Type"), "application/zip");
  EXPECT_EQ(seen.header("Expect"), "(none)");
}

// HeadObject reads size, ETag, type and metadata from the headers.
TEST_F(AwsSession, s3_head_object_reads_the_headers)
{
  FakeServer server([](int index, const SeenRequest&) {
    if (index == 1) {
      return FakeResponse{404};
    }
    return FakeResponse{200,
                        std::string(1234, 'x'),
                        {{"ETag", "\"abc123\""},
                         {"Content-Type", "application/zip"},
                         {"x-amz-meta-Sha256", "feed"}}};
  });
  auto session = session_for(server);
  S3 s3(*session);
  auto info = s3.head_object("bucket", "key");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->size, 1234u);
  EXPECT_EQ(info->etag, "abc123");
  EXPECT_EQ(info->content_type, "application/zip");
  EXPECT_EQ(info->metadata,
            (std::map<std::string, std::string>{{"sha256", "feed"}}));
  EXPECT_EQ(s3.head_object("bucket", "missing"), std::nullopt);
  EXPECT_EQ(server.requests().at(0).method, "HEAD");
}

// Lambda paths carry the function name encoded; a missing function is
// nothing.
TEST_F(AwsSession, lambda_get_function_encodes_the_name)
{
  FakeServer server([](int index, const SeenRequest&) {
    if (index == 0) {
      return FakeResponse{200, R"({"Configuration": {"FunctionName": "f"}})"};
    }
    return FakeResponse{404,
                        R"({"Message": "Function not found"})",
                        {{"x-amzn-ErrorType", "ResourceNotFoundException"}}};
  });
  auto session = session_for(server);
  Lambda lambda(*session);
  auto function = lambda.get_function("arn:aws:lambda:eu-west-1:1:function:f");
  EXPECT_EQ(
      function,
      nlohmann::json::parse(R"({"Configuration": {"FunctionName": "f"}})"));
  EXPECT_EQ(lambda.get_function("gone"), std::nullopt);
  auto seen = server.requests();
  EXPECT_EQ(seen.at(0).target,
            "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A1%3A"
            "function%3Af");
  EXPECT_EQ(seen.at(1).target, "/2015-03-31/functions/gone");
}

// -v shows each call as METHOD host/path -> status (N ms), and never a
// secret.
TEST_F(AwsSession, verbose_log_shows_calls_without_secrets)
{
  set_env("AWS_SESSION_TOKEN", "session-token");
  FakeServer server([](int index, const SeenRequest&) {
    return index == 0 ? FakeResponse{503} : FakeResponse{200, k_identity};
  });
  auto session = session_for(server);
  auto old = slam::util::verbosity();
  slam::util::set_verbosity(slam::util::Verbosity::verbose);
  ::testing::internal::CaptureStderr();
  Sts(*session).account_id();
  auto log = ::testing::internal::GetCapturedStderr();
  slam::util::set_verbosity(old);
  auto host = "127.0.0.1:" + std::to_string(server.port());
  EXPECT_TRUE(std::regex_match(
      log,
      std::regex("slam: using the AWS access key ending in 'TEST' from the "
                 "environment\n"
                 "slam: sts GetCallerIdentity: POST " +
                 host +
                 "/ -> 503 \\(\\d+ ms\\)\n"
                 "slam: retrying sts GetCallerIdentity \\(attempt 2/4\\) in "
                 "0 ms: HTTP 503: Service Unavailable\n"
                 "slam: sts GetCallerIdentity: POST " +
                 host + "/ -> 200 \\(\\d+ ms\\)\n")))
      << log;
  for (auto secret :
       {"AKIDTEST", "very-secret-key", "session-token", "Signature"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}
