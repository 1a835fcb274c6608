#include "aws_session_fixture.hpp"
#include "slam/aws/cloudformation.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/logs.hpp"
#include "slam/aws/s3.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

// The calls that change something, sent again after an attempt whose
// answer was lost (the fake server drops the connection): what they make
// of the "already exists" or "not found" that follows.

using namespace slam::aws;
using namespace slam::aws::testing;

namespace {

constexpr const char* k_already_exists =
    "<ErrorResponse><Error><Code>AlreadyExistsException</Code>"
    "<Message>Stack [app] already exists</Message></Error></ErrorResponse>";

// A time long before any test runs.
constexpr const char* k_old = "2001-01-01T00:00:00Z";

// Return a DescribeStacks answer for the stack "app" created at CREATED
// (and updated at UPDATED, when given) with the parameter Key=VALUE.
std::string describe_app(const std::string& created,
                         const std::string& value,
                         const std::string& updated = "")
{
  return fmt::format(
      "<DescribeStacksResponse><DescribeStacksResult><Stacks><member>"
      "<StackId>arn:stack/app/1</StackId><StackName>app</StackName>"
      "<StackStatus>CREATE_IN_PROGRESS</StackStatus>"
      "<CreationTime>{}</CreationTime>{}"
      "<Parameters><member><ParameterKey>Key</ParameterKey>"
      "<ParameterValue>{}</ParameterValue></member></Parameters>"
      "</member></Stacks></DescribeStacksResult></DescribeStacksResponse>",
      created,
      updated.empty()
          ? ""
          : fmt::format("<LastUpdatedTime>{}</LastUpdatedTime>", updated),
      value);
}

// Return a handler that drops the first request, answers the second with
// ERROR and the third (the check after it) with CHECK.
FakeServer::Handler lost_then(FakeResponse error, FakeResponse check)
{
  return [error, check](int index, const SeenRequest&) {
    FakeResponse response = index == 1 ? error : check;
    response.drop = index == 0;
    return response;
  };
}

std::string iso_now()
{
  return format_iso8601(std::chrono::system_clock::now());
}

StackRequest app_request()
{
  StackRequest request;
  request.name = "app";
  request.template_body = "{}";
  request.parameters = {{"Key", "v2"}};
  return request;
}

} // namespace

// CreateStack sent again after a lost answer meets its own stack: the
// stack it asked for, created just now, is success.
TEST_F(AwsSession, create_stack_after_a_lost_answer_takes_its_stack)
{
  FakeServer server([](int index, const SeenRequest&) {
    FakeResponse response{400, k_already_exists};
    response.drop = index == 0;
    return index == 2 ? FakeResponse{200, describe_app(iso_now(), "v2")}
                      : response;
  });
  auto session = session_for(server);
  EXPECT_EQ(CloudFormation(*session).create_stack(app_request()),
            "arn:stack/app/1");
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  // Both attempts carry one token, by which AWS knows them for one.
  auto token = [&](int index) {
    auto& body = seen.at(index).body;
    return body.substr(body.find("ClientRequestToken="));
  };
  EXPECT_EQ(token(0), token(1));
  EXPECT_TRUE(token(0).starts_with("ClientRequestToken=slam-"));
}

// Another stack of the name, or "already exists" after attempts that
// surely did nothing, stays an error.
TEST_F(AwsSession, create_stack_already_exists_otherwise_fails)
{
  FakeServer server([](int index, const SeenRequest&) {
    FakeResponse response{400, k_already_exists};
    response.drop = index == 0;
    return index == 2 ? FakeResponse{200, describe_app(iso_now(), "v1")}
                      : response;
  });
  auto session = session_for(server);
  CloudFormation cloudformation(*session);
  EXPECT_TRUE(
      error_of([&] { cloudformation.create_stack(app_request()); })
          .starts_with("cloudformation CreateStack: AlreadyExistsException: "
                       "Stack [app] already exists (after 2 attempts in "));
  auto old = describe_app(k_old, "v2");
  FakeServer old_stack([&](int index, const SeenRequest&) {
    FakeResponse response{400, k_already_exists};
    response.drop = index == 0;
    return index == 2 ? FakeResponse{200, old} : response;
  });
  auto old_session = session_for(old_stack);
  EXPECT_TRUE(error_of([&] {
                CloudFormation(*old_session).create_stack(app_request());
              })
                  .starts_with("cloudformation CreateStack: "
                               "AlreadyExistsException"));
  FakeServer throttled([](int index, const SeenRequest&) {
    return index == 0 ? FakeResponse{400,
                                     "<ErrorResponse><Error><Code>Throttling"
                                     "</Code></Error></ErrorResponse>"}
                      : FakeResponse{400, k_already_exists};
  });
  auto throttled_session = session_for(throttled);
  EXPECT_TRUE(error_of([&] {
                CloudFormation(*throttled_session).create_stack(app_request());
              })
                  .starts_with("cloudformation CreateStack: "
                               "AlreadyExistsException"));
  EXPECT_EQ(throttled.requests().size(), 2u);
}

// UpdateStack sent again after a lost answer meets its own update (busy
// with it, or done): the stack, updated just now with the parameters
// asked for, means the update started.
TEST_F(AwsSession, update_stack_after_a_lost_answer_counts_as_started)
{
  FakeResponse busy{400,
                    "<ErrorResponse><Error><Code>ValidationError</Code>"
                    "<Message>Stack:arn:stack/app/1 is in UPDATE_IN_PROGRESS "
                    "state and can not be updated.</Message></Error>"
                    "</ErrorResponse>"};
  FakeServer server(
      lost_then(busy, FakeResponse{200, describe_app(k_old, "v2", iso_now())}));
  auto session = session_for(server);
  EXPECT_TRUE(CloudFormation(*session).update_stack(app_request()));
  // An update that is not this call's (earlier) is still an error.
  FakeServer old(
      lost_then(busy, FakeResponse{200, describe_app(k_old, "v2", k_old)}));
  auto old_session = session_for(old);
  EXPECT_TRUE(
      error_of(
          [&] { CloudFormation(*old_session).update_stack(app_request()); })
          .starts_with("cloudformation UpdateStack: ValidationError: "
                       "Stack:arn:stack/app/1 is in UPDATE_IN_PROGRESS"));
}

// A change set of this run's name found after a lost answer is taken up.
TEST_F(AwsSession, change_set_after_a_lost_answer_is_taken_up)
{
  FakeServer server(lost_then(
      FakeResponse{400,
                   "<ErrorResponse><Error><Code>AlreadyExistsException</Code>"
                   "<Message>ChangeSet plan-1 already exists</Message>"
                   "</Error></ErrorResponse>"},
      FakeResponse{200,
                   "<DescribeChangeSetResponse><DescribeChangeSetResult>"
                   "<ChangeSetId>arn:cs/plan-1</ChangeSetId>"
                   "<StackId>arn:stack/app/1</StackId>"
                   "<Status>CREATE_PENDING</Status>"
                   "</DescribeChangeSetResult></DescribeChangeSetResponse>"}));
  auto session = session_for(server);
  ChangeSetRequest request{app_request(), "plan-1", "UPDATE", ""};
  auto ids = CloudFormation(*session).create_change_set(request);
  ASSERT_TRUE(ids.has_value());
  EXPECT_EQ(ids->id, "arn:cs/plan-1");
  EXPECT_EQ(ids->stack_id, "arn:stack/app/1");
  auto check = server.requests().at(2).body;
  EXPECT_NE(check.find("Action=DescribeChangeSet"), std::string::npos);
  EXPECT_NE(check.find("ChangeSetName=plan-1"), std::string::npos);
}

// A bucket or log group found gone after a lost answer to its deletion
// was deleted by it; found gone at once, it was not there.
TEST_F(AwsSession, deletions_after_a_lost_answer_are_done)
{
  FakeResponse no_bucket{404,
                         "<Error><Code>NoSuchBucket</Code><Message>The "
                         "specified bucket does not exist</Message></Error>"};
  FakeServer bucket(lost_then(no_bucket, no_bucket));
  auto bucket_session = session_for(bucket);
  S3(*bucket_session).delete_bucket("packages");
  EXPECT_EQ(bucket.requests().size(), 2u);
  EXPECT_TRUE(error_of([&] {
                S3(*bucket_session).delete_bucket("packages");
              }).starts_with("s3 DeleteBucket: NoSuchBucket"));

  FakeResponse no_group{400,
                        R"({"__type": "ResourceNotFoundException",)"
                        R"( "message": "The specified log group does not)"
                        R"( exist."})"};
  FakeServer group(lost_then(no_group, no_group));
  auto group_session = session_for(group);
  Logs logs(*group_session);
  EXPECT_TRUE(logs.delete_log_group("/aws/lambda/app"));
  EXPECT_FALSE(logs.delete_log_group("/aws/lambda/app"));
}
