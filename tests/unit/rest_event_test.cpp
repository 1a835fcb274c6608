#include "local_test_support.hpp"
#include "slam/local/rest_event.hpp"
#include "slam/util/base64.hpp"

#include <gtest/gtest.h>

namespace slam::local {
namespace {

using nlohmann::json;
using testing::make_request;

EventContext context_for(std::string path, std::string stage = "dev")
{
  return {std::move(stage),
          std::move(path),
          "abcdefghij",
          "123456789012",
          "127.0.0.1"};
}

// The request behind apigw-request.json, sent to the stage testStage.
HttpRequest sample_request(const json& sample)
{
  HeaderFields headers;
  for (const auto& [name, values] : sample["multiValueHeaders"].items()) {
    if (!name.starts_with("X-Forwarded-")) {
      for (const auto& value : values) {
        headers.emplace_back(name, value.get<std::string>());
      }
    }
  }
  return make_request("POST",
                      "/testStage/hello/world",
                      "name=me",
                      headers,
                      sample["body"].get<std::string>());
}

TEST(RestEvent, has_every_field_of_the_aws_sample_with_its_type)
{
  auto sample = testing::sample_event("apigw-request.json");
  if (!sample) {
    GTEST_SKIP() << "no ../shared/testdata/events; set SLAM_SHARED_DIR";
  }
  auto event = rest_event(sample_request(*sample),
                          context_for("/hello/world", "testStage"));
  // Without an authorizer, API key or client certificate API Gateway
  // sends the caller's identity fields as null and no authorizer object.
  std::vector<std::string> nullable;
  for (const auto& [name, value] :
       (*sample)["requestContext"]["identity"].items()) {
    if (name != "sourceIp" && name != "userAgent") {
      nullable.push_back("requestContext.identity." + name);
    }
  }
  EXPECT_EQ(testing::shape_differences(
                *sample, event, {"requestContext.authorizer"}, nullable),
            std::vector<std::string>{});
}

TEST(RestEvent, equals_the_aws_sample_where_the_request_decides)
{
  auto sample = testing::sample_event("apigw-request.json");
  if (!sample) {
    GTEST_SKIP() << "no ../shared/testdata/events; set SLAM_SHARED_DIR";
  }
  auto event = rest_event(sample_request(*sample),
                          context_for("/hello/world", "testStage"));
  for (const char* key : {"resource",
                          "path",
                          "httpMethod",
                          "queryStringParameters",
                          "multiValueQueryStringParameters",
                          "pathParameters"}) {
    EXPECT_EQ(event[key], (*sample)[key]) << key;
  }
  for (const auto& [name, value] : (*sample)["headers"].items()) {
    if (!name.starts_with("X-Forwarded-")) {
      EXPECT_EQ(event["headers"][name], value) << name;
      EXPECT_EQ(event["multiValueHeaders"][name],
                (*sample)["multiValueHeaders"][name])
          << name;
    }
  }
  const auto& context = event["requestContext"];
  const auto& expected = (*sample)["requestContext"];
  for (const char* key : {"resourcePath",
                          "httpMethod",
                          "stage",
                          "protocol",
                          "requestTime",
                          "requestTimeEpoch"}) {
    EXPECT_EQ(context[key], expected[key]) << key;
  }
  EXPECT_EQ(context["identity"]["userAgent"],
            expected["identity"]["userAgent"]);
  EXPECT_EQ(context["identity"]["sourceIp"], "127.0.0.1");
  // The sample's API has no binary media types; slam's has "*/*".
  EXPECT_EQ(util::base64_decode(event["body"].get<std::string>()),
            (*sample)["body"].get<std::string>());
  EXPECT_EQ(event["isBase64Encoded"], true);
}

TEST(RestEvent, repeated_headers_keep_every_value_and_the_last_wins)
{
  auto request = make_request(
      "GET", "/dev/a", "", {{"X-Tag", "one"}, {"x-tag", "two"}, {"A", "1"}});
  auto event = rest_event(request, context_for("/a"));
  EXPECT_EQ(event["headers"]["X-Tag"], "two");
  EXPECT_EQ(event["multiValueHeaders"]["X-Tag"], json({"one", "two"}));
  EXPECT_FALSE(event["headers"].contains("x-tag"));
  EXPECT_EQ(event["multiValueHeaders"]["A"], json({"1"}));
}

TEST(RestEvent, query_values_are_decoded_and_repeats_kept)
{
  auto request =
      make_request("GET", "/dev/a", "q=a+b%20c&q=%26%3D&empty=&bare&&x=%zz");
  auto event = rest_event(request, context_for("/a"));
  EXPECT_EQ(event["queryStringParameters"],
            json({{"q", "&="}, {"empty", ""}, {"bare", ""}, {"x", "%zz"}}));
  EXPECT_EQ(event["multiValueQueryStringParameters"],
            json({{"q", {"a b c", "&="}},
                  {"empty", {""}},
                  {"bare", {""}},
                  {"x", {"%zz"}}}));
}

TEST(RestEvent, without_query_the_parameter_maps_are_null)
{
  auto event = rest_event(make_request("GET", "/dev/a"), context_for("/a"));
  EXPECT_TRUE(event["queryStringParameters"].is_null());
  EXPECT_TRUE(event["multiValueQueryStringParameters"].is_null());
}

TEST(RestEvent, the_stage_root_is_the_root_resource)
{
  auto event = rest_event(make_request("GET", "/dev/"), context_for("/"));
  EXPECT_EQ(event["resource"], "/");
  EXPECT_EQ(event["path"], "/");
  EXPECT_TRUE(event["pathParameters"].is_null());
  EXPECT_EQ(event["requestContext"]["resourcePath"], "/");
  EXPECT_EQ(event["requestContext"]["path"], "/dev/");
}

TEST(RestEvent, proxy_path_keeps_the_encoding_sent)
{
  auto event =
      rest_event(make_request("GET", "/dev/a%20b/c"), context_for("/a%20b/c"));
  EXPECT_EQ(event["path"], "/a%20b/c");
  EXPECT_EQ(event["pathParameters"], json({{"proxy", "a%20b/c"}}));
  EXPECT_EQ(event["requestContext"]["path"], "/dev/a%20b/c");
  EXPECT_EQ(event["stageVariables"], json({{"STAGE", "dev"}}));
}

TEST(RestEvent, no_body_and_empty_body_are_both_null)
{
  for (const char* method : {"GET", "POST"}) {
    auto event = rest_event(make_request(method, "/dev/a", "", {}, ""),
                            context_for("/a"));
    EXPECT_TRUE(event["body"].is_null()) << method;
    EXPECT_EQ(event["isBase64Encoded"], false) << method;
  }
}

TEST(RestEvent, every_body_is_base64_under_the_binary_media_type_of_all)
{
  std::string bytes("\x00\xff\x89PNG", 6);
  for (const auto& body : {bytes, std::string("{\"a\": 1}")}) {
    auto event = rest_event(
        make_request(
            "POST", "/dev/a", "", {{"Content-Type", "application/json"}}, body),
        context_for("/a"));
    EXPECT_EQ(event["isBase64Encoded"], true);
    EXPECT_EQ(util::base64_decode(event["body"].get<std::string>()), body);
  }
}

TEST(RestEvent, hop_by_hop_headers_stay_out_and_forwarding_is_added)
{
  auto request = make_request("GET",
                              "/dev/a",
                              "",
                              {{"Connection", "keep-alive, X-Private"},
                               {"X-Private", "1"},
                               {"Keep-Alive", "timeout=5"},
                               {"X-Forwarded-For", "10.0.0.1"},
                               {"Host", "127.0.0.1:8000"}});
  auto event = rest_event(request, context_for("/a"));
  const auto& headers = event["headers"];
  EXPECT_FALSE(headers.contains("Connection"));
  EXPECT_FALSE(headers.contains("Keep-Alive"));
  EXPECT_FALSE(headers.contains("X-Private"));
  EXPECT_EQ(headers["X-Forwarded-For"], "10.0.0.1, 127.0.0.1");
  EXPECT_EQ(headers["X-Forwarded-Port"], "8000");
  EXPECT_EQ(headers["X-Forwarded-Proto"], "http");
  EXPECT_EQ(headers["Host"], "127.0.0.1:8000");
  EXPECT_TRUE(
      headers["X-Amzn-Trace-Id"].get<std::string>().starts_with("Root=1-"));
}

TEST(RestEvent, request_ids_differ_between_requests)
{
  auto a = rest_event(make_request("GET", "/dev/a"), context_for("/a"));
  auto b = rest_event(make_request("GET", "/dev/a"), context_for("/a"));
  EXPECT_NE(a["requestContext"]["requestId"], b["requestContext"]["requestId"]);
  EXPECT_EQ(a["requestContext"]["requestId"].get<std::string>().size(), 36u);
  EXPECT_EQ(a["requestContext"]["resourceId"],
            b["requestContext"]["resourceId"]);
}

} // namespace
} // namespace slam::local
