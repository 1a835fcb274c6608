#include "local_test_support.hpp"
#include "slam/local/http_api_event.hpp"
#include "slam/util/base64.hpp"

#include <gtest/gtest.h>

namespace slam::local {
namespace {

using nlohmann::json;
using testing::make_request;

EventContext context_for(std::string stage = "dev")
{
  return {std::move(stage), "", "abcdefghij", "123456789012", "127.0.0.1"};
}

// Return EVENT's differences in shape from SAMPLE; SKIPPED are the
// fields that only an authorizer or a client certificate adds.
std::vector<std::string> differences(const json& sample,
                                     const json& event,
                                     const std::vector<std::string>& skipped)
{
  return testing::shape_differences(sample, event, skipped, {});
}

// The request behind apigw-v2-request-no-authorizer.json: curl's GET /.
HttpRequest http_api_sample_request(const json& sample)
{
  auto request = make_request("GET", "/");
  for (const char* name :
       {"accept", "content-length", "host", "user-agent", "x-amzn-trace-id"}) {
    request.headers.emplace_back(name,
                                 sample["headers"][name].get<std::string>());
  }
  request.time =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(
          sample["requestContext"]["timeEpoch"].get<std::int64_t>()));
  return request;
}

TEST(HttpApiEvent, matches_the_aws_http_api_sample)
{
  auto sample = testing::sample_event("apigw-v2-request-no-authorizer.json");
  if (!sample) {
    GTEST_SKIP() << "no ../shared/testdata/events; set SLAM_SHARED_DIR";
  }
  auto event = payload_v2_event(http_api_sample_request(*sample),
                                context_for("$default"),
                                config::Api::http);
  EXPECT_EQ(differences(*sample, event, {"requestContext.authentication"}),
            std::vector<std::string>{});
  for (const char* key : {"version",
                          "routeKey",
                          "rawPath",
                          "rawQueryString",
                          "isBase64Encoded"}) {
    EXPECT_EQ(event[key], (*sample)[key]) << key;
  }
  for (const char* name :
       {"accept", "content-length", "host", "user-agent", "x-amzn-trace-id"}) {
    EXPECT_EQ(event["headers"][name], (*sample)["headers"][name]) << name;
  }
  const auto& context = event["requestContext"];
  const auto& expected = (*sample)["requestContext"];
  for (const char* key : {"routeKey", "stage", "time", "timeEpoch"}) {
    EXPECT_EQ(context[key], expected[key]) << key;
  }
  for (const char* key : {"method", "path", "protocol", "userAgent"}) {
    EXPECT_EQ(context["http"][key], expected["http"][key]) << key;
  }
  EXPECT_FALSE(event.contains("body"));
}

// The request behind lambda-urls-request.json.
HttpRequest url_sample_request(const json& sample)
{
  auto request = make_request("POST",
                              "/my/path",
                              sample["rawQueryString"].get<std::string>(),
                              {{"Header1", "value1"},
                               {"Header2", "value1"},
                               {"Cookie", "cookie1; cookie2"},
                               {"header2", "value2"}},
                              sample["body"].get<std::string>());
  return request;
}

TEST(HttpApiEvent, matches_the_aws_function_url_sample)
{
  auto sample = testing::sample_event("lambda-urls-request.json");
  if (!sample) {
    GTEST_SKIP() << "no ../shared/testdata/events; set SLAM_SHARED_DIR";
  }
  auto event = payload_v2_event(
      url_sample_request(*sample), context_for("$default"), config::Api::url);
  // requestContext.authorizer comes only with AWS_IAM auth.
  EXPECT_EQ(differences(*sample, event, {"requestContext.authorizer"}),
            std::vector<std::string>{});
  for (const char* key : {"version",
                          "rawPath",
                          "rawQueryString",
                          "cookies",
                          "queryStringParameters",
                          "body",
                          "isBase64Encoded"}) {
    EXPECT_EQ(event[key], (*sample)[key]) << key;
  }
  for (const char* name : {"header1", "header2"}) {
    EXPECT_EQ(event["headers"][name], (*sample)["headers"][name]) << name;
  }
  for (const char* key : {"method", "path", "protocol"}) {
    EXPECT_EQ(event["requestContext"]["http"][key],
              (*sample)["requestContext"]["http"][key])
        << key;
  }
  EXPECT_FALSE(event.contains("stageVariables"));
}

TEST(HttpApiEvent, headers_are_lower_case_and_repeats_joined_by_commas)
{
  auto request =
      make_request("GET",
                   "/dev/",
                   "",
                   {{"X-Tag", "a"}, {"x-tag", "b, c"}, {"Accept", "*/*"}});
  auto event = payload_v2_event(request, context_for(), config::Api::http);
  EXPECT_EQ(event["headers"]["x-tag"], "a,b, c");
  EXPECT_EQ(event["headers"]["accept"], "*/*");
  EXPECT_FALSE(event["headers"].contains("X-Tag"));
}

TEST(HttpApiEvent, cookies_leave_the_headers)
{
  auto request = make_request(
      "GET", "/dev/", "", {{"Cookie", "a=1; b=2"}, {"cookie", "c=3"}});
  auto event = payload_v2_event(request, context_for(), config::Api::http);
  EXPECT_EQ(event["cookies"], json({"a=1", "b=2", "c=3"}));
  EXPECT_FALSE(event["headers"].contains("cookie"));
}

TEST(HttpApiEvent, without_cookies_or_query_those_fields_are_absent)
{
  auto event = payload_v2_event(
      make_request("GET", "/dev/x"), context_for(), config::Api::http);
  EXPECT_FALSE(event.contains("cookies"));
  EXPECT_FALSE(event.contains("queryStringParameters"));
  EXPECT_EQ(event["rawQueryString"], "");
}

TEST(HttpApiEvent, query_is_raw_and_decoded_values_joined_by_commas)
{
  auto request = make_request("GET", "/dev/x", "a=1+2&a=%2C&b=&c");
  auto event = payload_v2_event(request, context_for(), config::Api::http);
  EXPECT_EQ(event["rawQueryString"], "a=1+2&a=%2C&b=&c");
  EXPECT_EQ(event["queryStringParameters"],
            json({{"a", "1 2,,"}, {"b", ""}, {"c", ""}}));
}

TEST(HttpApiEvent, raw_path_keeps_stage_and_trailing_slash)
{
  auto event = payload_v2_event(
      make_request("GET", "/dev/a%2Fb/"), context_for(), config::Api::http);
  EXPECT_EQ(event["rawPath"], "/dev/a%2Fb/");
  EXPECT_EQ(event["requestContext"]["http"]["path"], "/dev/a%2Fb");
  EXPECT_EQ(event["requestContext"]["stage"], "dev");
  EXPECT_EQ(event["stageVariables"], json({{"STAGE", "dev"}}));
}

TEST(HttpApiEvent, text_bodies_are_text_and_others_base64)
{
  std::string png("\x89PNG\r\n\x1a\n\x00", 9);
  struct Case
  {
    const char* content_type;
    std::string body;
    bool base64;
  };
  for (const auto& [type, body, base64] :
       {Case{"application/json", "{\"a\": \"é\"}", false},
        Case{"text/plain; charset=utf-8", "hi", false},
        Case{"application/vnd.api+json", "{}", false},
        Case{"image/png", png, true},
        Case{"application/octet-stream", "plain", true},
        Case{"text/plain", std::string("\xff\xfe", 2), true}}) {
    auto request =
        make_request("POST", "/dev/x", "", {{"Content-Type", type}}, body);
    auto event = payload_v2_event(request, context_for(), config::Api::http);
    EXPECT_EQ(event["isBase64Encoded"], base64) << type;
    auto sent = event["body"].get<std::string>();
    EXPECT_EQ(base64 ? util::base64_decode(sent).value_or("?") : sent, body)
        << type;
  }
}

TEST(HttpApiEvent, an_empty_body_is_absent)
{
  auto event = payload_v2_event(make_request("POST", "/dev/x", "", {}, ""),
                                context_for(),
                                config::Api::http);
  EXPECT_FALSE(event.contains("body"));
  EXPECT_EQ(event["isBase64Encoded"], false);
}

} // namespace
} // namespace slam::local
