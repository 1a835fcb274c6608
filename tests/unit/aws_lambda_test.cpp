#include "aws_session_fixture.hpp"
#include "slam/aws/lambda.hpp"
#include "slam/aws/session.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;
using slam::aws::testing::FakeResponse;
using slam::aws::testing::FakeServer;
using slam::aws::testing::SeenRequest;
using namespace std::chrono_literals;

namespace {

const FakeResponse k_not_found{
    404,
    R"({"Message": "Function not found"})",
    {{"x-amzn-ErrorType", "ResourceNotFoundException"}}};

// Return a synchronous call of "f" at alias "dev".
InvokeRequest call_dev()
{
  return InvokeRequest{
      "f", "dev", InvocationType::request_response, false, R"({"kwargs": {}})"};
}

class AwsLambda : public slam::aws::testing::AwsSession
{
};

} // namespace

// A synchronous call names the alias in the query, asks for the log tail
// and returns the payload with the decoded log.
TEST_F(AwsLambda, invoke_sends_qualifier_type_and_payload)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{200,
                        R"({"answer": 42})",
                        {{"X-Amz-Executed-Version", "3"},
                         {"X-Amz-Log-Result", "U1RBUlQKRU5ECg=="}}};
  });
  auto session = session_for(server);
  InvokeRequest request{"my-app",
                        "prod-eu",
                        InvocationType::request_response,
                        true,
                        R"({"kwargs": {}})"};

  auto result = Lambda(*session).invoke(request);

  EXPECT_EQ(result,
            (Invocation{200, "", R"({"answer": 42})", "START\nEND\n", "3"}));
  auto seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target,
            "/2015-03-31/functions/my-app/invocations?Qualifier=prod-eu");
  EXPECT_EQ(seen.header("X-Amz-Invocation-Type"), "RequestResponse");
  EXPECT_EQ(seen.header("X-Amz-Log-Type"), "Tail");
  EXPECT_EQ(seen.header("Content-Type"), "application/json");
  EXPECT_EQ(seen.body, R"({"kwargs": {}})");
}

// Event and DryRun are asked for by header; their status is the answer.
TEST_F(AwsLambda, invoke_event_and_dry_run_return_their_status)
{
  FakeServer server([](int index, const SeenRequest&) {
    return FakeResponse{index == 0 ? 202 : 204};
  });
  auto session = session_for(server);
  Lambda lambda(*session);

  auto queued = lambda.invoke({"f", "", InvocationType::event, false, "{}"});
  auto dry = lambda.invoke({"f", "", InvocationType::dry_run, false, "{}"});

  EXPECT_EQ(queued.status, 202);
  EXPECT_EQ(dry.status, 204);
  auto seen = server.requests();
  EXPECT_EQ(seen.at(0).target, "/2015-03-31/functions/f/invocations");
  EXPECT_EQ(seen.at(0).header("X-Amz-Invocation-Type"), "Event");
  EXPECT_EQ(seen.at(0).header("X-Amz-Log-Type"), "None");
  EXPECT_EQ(seen.at(1).header("X-Amz-Invocation-Type"), "DryRun");
}

// A function error is an answer: the header says so and the payload holds
// the error object.
TEST_F(AwsLambda, invoke_returns_the_function_error)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{200,
                        R"({"errorMessage": "boom"})",
                        {{"X-Amz-Function-Error", "Unhandled"}}};
  });
  auto session = session_for(server);

  auto result = Lambda(*session).invoke(call_dev());

  EXPECT_EQ(result.function_error, "Unhandled");
  EXPECT_EQ(result.payload, R"({"errorMessage": "boom"})");
}

// The function may have run when the connection drops: no second call.
TEST_F(AwsLambda, invoke_is_not_sent_again_after_a_dropped_connection)
{
  FakeServer server([](int, const SeenRequest&) {
    FakeResponse response{200, "{}"};
    response.drop = true;
    return response;
  });
  auto session = session_for(server);

  EXPECT_THROW(Lambda(*session).invoke(call_dev()), slam::Error);
  EXPECT_EQ(server.requests().size(), 1u);
}

// Throttling means the function did not run: that is retried.
TEST_F(AwsLambda, invoke_is_retried_when_throttled)
{
  FakeServer server([](int index, const SeenRequest&) {
    if (index == 0) {
      return FakeResponse{429,
                          R"({"message": "Rate exceeded"})",
                          {{"x-amzn-ErrorType", "TooManyRequestsException"}}};
    }
    return FakeResponse{200, "1"};
  });
  auto session = session_for(server);

  EXPECT_EQ(Lambda(*session).invoke(call_dev()).payload, "1");
  EXPECT_EQ(server.requests().size(), 2u);
}

// PublishVersion posts the optional fields as JSON and returns the new
// version's configuration.
TEST_F(AwsLambda, publish_version_posts_sha_and_description)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{201, R"({"FunctionName": "f", "Version": "7"})"};
  });
  auto session = session_for(server);
  Lambda lambda(*session);

  auto version = lambda.publish_version("f", "abc=", "from dev");
  lambda.publish_version("f");

  EXPECT_EQ(version, nlohmann::json::parse(R"({"FunctionName": "f",
                                                "Version": "7"})"));
  auto seen = server.requests();
  EXPECT_EQ(seen.at(0).method, "POST");
  EXPECT_EQ(seen.at(0).target, "/2015-03-31/functions/f/versions");
  EXPECT_EQ(nlohmann::json::parse(seen.at(0).body),
            nlohmann::json::parse(
                R"({"CodeSha256": "abc=", "Description": "from dev"})"));
  EXPECT_EQ(seen.at(1).body, "{}");
}

// GetFunction at a version and GetAlias give nothing when it is missing.
TEST_F(AwsLambda, get_function_qualifier_and_get_alias)
{
  FakeServer server([](int index, const SeenRequest&) {
    if (index == 1) {
      return FakeResponse{200, R"({"Name": "prod", "FunctionVersion": "2"})"};
    }
    return k_not_found;
  });
  auto session = session_for(server);
  Lambda lambda(*session);

  EXPECT_EQ(lambda.get_function("f", "9"), std::nullopt);
  EXPECT_EQ(lambda.get_alias("f", "prod"),
            nlohmann::json::parse(R"({"Name": "prod",
                                      "FunctionVersion": "2"})"));
  EXPECT_EQ(lambda.get_alias("f", "gone"), std::nullopt);
  auto seen = server.requests();
  EXPECT_EQ(seen.at(0).target, "/2015-03-31/functions/f?Qualifier=9");
  EXPECT_EQ(seen.at(1).target, "/2015-03-31/functions/f/aliases/prod");
}
