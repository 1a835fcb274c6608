#include "slam/local/gateway_failure.hpp"

#include <gtest/gtest.h>

namespace slam::local {
namespace {

InvocationResult returned(std::string payload)
{
  return {Outcome::success, std::move(payload), "id-1"};
}

TEST(GatewayFailure, a_well_formed_response_has_no_failure)
{
  auto result = returned(R"({"statusCode": 200, "body": "ok"})");
  EXPECT_FALSE(gateway_failure(result, config::Api::rest));
  // An HTTP API takes any JSON without statusCode as the body.
  EXPECT_FALSE(gateway_failure(returned("[1, 2]"), config::Api::http));
}

TEST(GatewayFailure, a_malformed_result_names_its_fault)
{
  auto reason = [](const char* payload) {
    return gateway_failure(returned(payload), config::Api::rest).value_or("");
  };
  const std::string prefix = "Malformed Lambda proxy response: ";
  EXPECT_EQ(reason("nope"), prefix + "the result is not JSON");
  EXPECT_EQ(reason("[]"), prefix + "the result is not a JSON object");
  EXPECT_EQ(reason(R"({"statusCode": "two hundred", "body": ["x"]})"),
            prefix + "statusCode is not an integer from 100 to 599");
  EXPECT_EQ(reason(R"({"statusCode": 200, "body": ["x"]})"),
            prefix + "body is not a string");
  EXPECT_EQ(reason(R"({"statusCode": 200, "isBase64Encoded": 1})"),
            prefix + "isBase64Encoded is not true or false");
  EXPECT_EQ(
      reason(R"({"statusCode": 200, "body": "*", "isBase64Encoded": true})"),
      prefix + "the body is flagged isBase64Encoded but is not base64");
  EXPECT_EQ(reason(R"({"statusCode": 200, "extra": 1})"),
            prefix + "'extra' is not a key of a proxy response");
  EXPECT_EQ(reason(R"({"statusCode": 200, "headers": {"a": [1]}})"),
            prefix + "a header or cookie is not a string, number or boolean");
}

TEST(GatewayFailure, failed_invocations_name_their_outcome)
{
  InvocationResult too_large{
      Outcome::too_large,
      R"({"errorType": "Function.ResponseSizeTooLarge", "errorMessage": "Response payload size exceeded maximum allowed payload size (6291556 bytes)."})",
      "id-2"};
  EXPECT_EQ(gateway_failure(too_large, config::Api::rest),
            "Function.ResponseSizeTooLarge: Response payload size exceeded "
            "maximum allowed payload size (6291556 bytes).");
  InvocationResult raised{Outcome::function_error,
                          R"({"errorType": "KeyError", "errorMessage": "'a'"})",
                          "id-3"};
  EXPECT_EQ(gateway_failure(raised, config::Api::http),
            "the function failed: KeyError: 'a'");
  EXPECT_EQ(gateway_failure({Outcome::timeout, "{}", "id-4"}, config::Api::url),
            "the function timed out");
}

TEST(GatewayFailure, the_log_line_names_request_status_and_reason)
{
  EXPECT_EQ(
      gateway_failure_line(502, "id-1", "the function timed out"),
      "RequestId: id-1 answered 502 by the gateway: the function timed out");
}

} // namespace
} // namespace slam::local
