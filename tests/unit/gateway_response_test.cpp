#include "local_test_support.hpp"
#include "slam/local/gateway_response.hpp"

#include <gtest/gtest.h>

namespace slam::local {
namespace {

using nlohmann::json;
using testing::returned;

const std::string k_rest_error = R"({"message": "Internal server error"})";
const std::string k_http_error = R"({"message":"Internal Server Error"})";

HttpResponse rest(const json& payload)
{
  return gateway_response(returned(payload), config::Api::rest);
}

HttpResponse http(const json& payload)
{
  return gateway_response(returned(payload), config::Api::http);
}

TEST(GatewayResponse, rest_merges_headers_and_multi_value_headers)
{
  auto response =
      rest({{"statusCode", 201},
            {"headers", {{"X-One", "1"}, {"X-Both", "a"}}},
            {"multiValueHeaders",
             {{"Set-Cookie", {"a=1", "b=2"}}, {"X-Both", {"a", "b"}}}},
            {"body", "made"}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, "made");
  EXPECT_EQ(response.headers,
            (HeaderFields{{"Set-Cookie", "a=1"},
                          {"Set-Cookie", "b=2"},
                          {"X-Both", "a"},
                          {"X-Both", "b"},
                          {"X-One", "1"},
                          {"Content-Type", "application/json"}}));
}

TEST(GatewayResponse, rest_decodes_base64_bodies)
{
  auto response = rest({{"statusCode", 200},
                        {"headers", {{"Content-Type", "image/png"}}},
                        {"body", "AP+J"},
                        {"isBase64Encoded", true}});
  EXPECT_EQ(response.body, std::string("\x00\xff\x89", 3));
  EXPECT_EQ(response.headers, (HeaderFields{{"Content-Type", "image/png"}}));
}

TEST(GatewayResponse, rest_without_body_sends_an_empty_one)
{
  auto response = rest({{"statusCode", 204}});
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.body, "");
}

TEST(GatewayResponse, rest_answers_each_malformed_result_with_502)
{
  for (const auto& payload :
       {json("just text"),
        json::array({1}),
        json({{"body", "no status"}}),
        json({{"statusCode", "200"}}),
        json({{"statusCode", 99}}),
        json({{"statusCode", 101}}),
        json({{"statusCode", 600}}),
        json({{"statusCode", 200}, {"headers", {{"X", "a\r\nInjected: 1"}}}}),
        json({{"statusCode", 200}, {"headers", {{"X", "a\nb"}}}}),
        json({{"statusCode", 200}, {"headers", {{"Bad Name", "1"}}}}),
        json({{"statusCode", 200}, {"headers", {{"X:Y", "1"}}}}),
        json({{"statusCode", 200},
              {"multiValueHeaders", {{"X", {"ok", "a\r\nb"}}}}}),
        json({{"statusCode", 200.5}}),
        json({{"statusCode", 200}, {"extra", 1}}),
        json({{"statusCode", 200}, {"headers", "X: 1"}}),
        json({{"statusCode", 200}, {"headers", {{"X", {{"a", 1}}}}}}),
        json({{"statusCode", 200}, {"headers", {{"X", nullptr}}}}),
        json({{"statusCode", 200}, {"multiValueHeaders", {{"X", "1"}}}}),
        json({{"statusCode", 200}, {"body", {{"a", 1}}}}),
        json({{"statusCode", 200}, {"isBase64Encoded", "yes"}}),
        json({{"statusCode", 200},
              {"body", "not base64!"},
              {"isBase64Encoded", true}})}) {
    auto response = rest(payload);
    EXPECT_EQ(response.status, 502) << payload.dump();
    EXPECT_EQ(response.body, k_rest_error) << payload.dump();
  }
}

TEST(GatewayResponse, rest_answers_by_outcome)
{
  struct Case
  {
    Outcome outcome;
    int status;
    std::string body;
  };
  for (const auto& [outcome, status, body] :
       {Case{Outcome::function_error, 502, k_rest_error},
        Case{Outcome::crashed, 502, k_rest_error},
        Case{Outcome::init_error, 502, k_rest_error},
        Case{Outcome::too_large, 502, k_rest_error},
        Case{Outcome::timeout,
             504,
             R"({"message": "Endpoint request timed out"})"}}) {
    InvocationResult result{
        outcome, R"({"errorMessage": "x", "errorType": "E"})", "id", {}};
    auto response = gateway_response(result, config::Api::rest);
    EXPECT_EQ(response.status, status);
    EXPECT_EQ(response.body, body);
  }
}

TEST(GatewayResponse, scalar_header_values_become_text)
{
  auto response =
      rest({{"statusCode", 200}, {"headers", {{"X-N", 5}, {"X-B", true}}}});
  EXPECT_EQ(*std::find_if(response.headers.begin(),
                          response.headers.end(),
                          [](const auto& f) { return f.first == "X-N"; }),
            (std::pair<std::string, std::string>{"X-N", "5"}));
}

TEST(GatewayResponse, hop_by_hop_and_length_headers_are_dropped)
{
  for (auto api : {config::Api::rest, config::Api::http}) {
    auto response =
        gateway_response(returned({{"statusCode", 200},
                                   {"headers",
                                    {{"Connection", "close"},
                                     {"Transfer-Encoding", "chunked"},
                                     {"Content-Length", "999"},
                                     {"Content-Type", "text/plain"}}},
                                   {"body", "ok"}}),
                         api);
    EXPECT_EQ(response.headers, (HeaderFields{{"Content-Type", "text/plain"}}));
  }
}

TEST(GatewayResponse, payload_v2_infers_a_json_200_from_other_results)
{
  for (const auto& payload : {json("hello"),
                              json(42),
                              json::array({1, 2}),
                              json({{"message", "no status"}}),
                              json(nullptr)}) {
    auto response = http(payload);
    EXPECT_EQ(response.status, 200) << payload.dump();
    EXPECT_EQ(response.body, payload.dump());
    EXPECT_EQ(response.headers,
              (HeaderFields{{"Content-Type", "application/json"}}));
  }
}

TEST(GatewayResponse, payload_v2_takes_the_result_text_as_it_came)
{
  InvocationResult result{Outcome::success, "{\"a\":  1.50}", "id", {}};
  EXPECT_EQ(gateway_response(result, config::Api::url).body, "{\"a\":  1.50}");
}

TEST(GatewayResponse, payload_v2_sends_cookies_as_set_cookie_headers)
{
  auto response = http({{"statusCode", 302},
                        {"headers", {{"Location", "/dev/next"}}},
                        {"cookies", {"a=1; Path=/", "b=2"}}});
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(response.headers,
            (HeaderFields{{"Location", "/dev/next"},
                          {"Set-Cookie", "a=1; Path=/"},
                          {"Set-Cookie", "b=2"}}));
}

TEST(GatewayResponse, payload_v2_answers_each_malformed_result_with_500)
{
  for (const auto& payload :
       {json({{"statusCode", "200"}}),
        json({{"statusCode", 1000}}),
        json({{"statusCode", 200}, {"cookies", "a=1"}}),
        json({{"statusCode", 200}, {"cookies", {1}}}),
        json({{"statusCode", 200}, {"cookies", {"a=1\r\nX: y"}}}),
        json({{"statusCode", 200}, {"headers", {{"X", "a\rb"}}}}),
        json({{"statusCode", 200}, {"headers", {{"X", {1}}}}}),
        json({{"statusCode", 200}, {"body", 5}}),
        json({{"statusCode", 200},
              {"body", "%%"},
              {"isBase64Encoded", true}})}) {
    auto response = http(payload);
    EXPECT_EQ(response.status, 500) << payload.dump();
    EXPECT_EQ(response.body, k_http_error) << payload.dump();
  }
}

TEST(GatewayResponse, http_api_and_function_url_errors_have_their_own_texts)
{
  InvocationResult error{Outcome::function_error, "{}", "id", {}};
  InvocationResult timeout{Outcome::timeout, "{}", "id", {}};
  EXPECT_EQ(gateway_response(timeout, config::Api::http).status, 503);
  EXPECT_EQ(gateway_response(timeout, config::Api::http).body,
            R"({"message":"Service Unavailable"})");
  EXPECT_EQ(gateway_response(error, config::Api::url).status, 502);
  EXPECT_EQ(gateway_response(error, config::Api::url).body,
            "Internal Server Error");
}

TEST(GatewayResponse, a_result_that_is_not_json_is_an_error)
{
  InvocationResult result{Outcome::success, "{not json", "id", {}};
  EXPECT_EQ(gateway_response(result, config::Api::rest).status, 502);
  EXPECT_EQ(gateway_response(result, config::Api::http).status, 500);
}

} // namespace
} // namespace slam::local
