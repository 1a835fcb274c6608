#include "aws_fake_server.hpp"
#include "aws_test_support.hpp"
#include "slam/aws/json_api.hpp"
#include "slam/aws/session.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;
using slam::aws::testing::FakeResponse;
using slam::aws::testing::FakeServer;
using slam::aws::testing::SeenRequest;
using namespace std::chrono_literals;

namespace {

class AwsJsonApi : public slam::aws::testing::AwsEnvTest
{
protected:
  void SetUp() override
  {
    AwsEnvTest::SetUp();
    set_env("AWS_ACCESS_KEY_ID", "AKIDTEST");
    set_env("AWS_SECRET_ACCESS_KEY", "very-secret-key");
    set_env("AWS_REGION", "us-east-1");
  }

  // Call Service_1.Operation on a server answering RESPONSE; return the
  // answer and keep the request in m_seen.
  nlohmann::json call(FakeResponse response, const nlohmann::json& input)
  {
    FakeServer server(
        [&response](int, const SeenRequest&) { return response; });
    Session session({"", "", server.url()}, "", RetryPolicy{1, 0ms, 0ms});
    auto answer =
        call_json_api(session, "logs", "Service_1", "Operation", input);
    m_seen = server.requests().at(0);
    return answer;
  }

  SeenRequest m_seen;
};

} // namespace

// The input is the body; the target names prefix and operation.
TEST_F(AwsJsonApi, input_is_posted_with_target_and_content_type)
{
  auto answer = call(FakeResponse{200, R"({"answer": [1, 2]})"},
                     {{"name", "value"}, {"count", 3}});
  EXPECT_EQ(answer, nlohmann::json({{"answer", {1, 2}}}));
  EXPECT_EQ(m_seen.method, "POST");
  EXPECT_EQ(m_seen.target, "/");
  EXPECT_EQ(m_seen.body, R"({"count":3,"name":"value"})");
  EXPECT_EQ(m_seen.header("X-Amz-Target"), "Service_1.Operation");
  EXPECT_EQ(m_seen.header("Content-Type"), "application/x-amz-json-1.1");
}

// Operations that return nothing may send an empty body.
TEST_F(AwsJsonApi, empty_answer_is_an_empty_object)
{
  EXPECT_EQ(call(FakeResponse{200, ""}, nlohmann::json::object()),
            nlohmann::json::object());
}

// A 200 that is not JSON is an error naming the call.
TEST_F(AwsJsonApi, answer_that_is_not_json_is_an_error)
{
  std::string message = "no error";
  try {
    call(FakeResponse{200, "<html>oops</html>"}, nlohmann::json::object());
  } catch (const slam::Error& error) {
    message = error.what();
  }
  EXPECT_EQ(message, "logs Operation: the answer is not JSON");
}
