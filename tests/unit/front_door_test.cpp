#include "local_test_support.hpp"
#include "slam/local/front_door.hpp"
#include "slam/local/gateway_errors.hpp"

#include <gtest/gtest.h>

namespace slam::local {
namespace {

using nlohmann::json;
using testing::FakeInvoker;
using testing::make_request;

// An invoker whose function answers 200 with the path it saw.
FakeInvoker echo_invoker()
{
  return FakeInvoker([](const json& event) {
    auto path = event.contains("rawPath") ? event["rawPath"] : event["path"];
    return testing::returned(
        {{"statusCode", 200}, {"body", path.get<std::string>()}});
  });
}

FrontDoorSettings settings_for(config::Api api)
{
  return {api, "dev", "abcdefghij"};
}

TEST(FrontDoor, rest_serves_the_stage_prefix_only)
{
  auto invoker = echo_invoker();
  FrontDoor door(invoker, settings_for(config::Api::rest));
  EXPECT_EQ(door.handle(make_request("GET", "/dev/a/b")).body, "/a/b");
  EXPECT_EQ(door.handle(make_request("GET", "/dev")).body, "/");
  EXPECT_EQ(door.handle(make_request("GET", "/dev/")).body, "/");
  for (const char* path : {"/", "/devx", "/prod/a", "/DEV/a", "/a/dev/"}) {
    auto response = door.handle(make_request("GET", path));
    EXPECT_EQ(response.status, 403) << path;
    EXPECT_EQ(response.body, R"({"message":"Missing Authentication Token"})");
  }
  EXPECT_EQ(invoker.events().size(), 3u);
}

TEST(FrontDoor, http_api_answers_404_outside_the_stage)
{
  auto invoker = echo_invoker();
  FrontDoor door(invoker, settings_for(config::Api::http));
  EXPECT_EQ(door.handle(make_request("GET", "/dev/a/")).body, "/dev/a/");
  auto response = door.handle(make_request("GET", "/other"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, R"({"message":"Not Found"})");
  EXPECT_EQ(invoker.events().size(), 1u);
}

TEST(FrontDoor, function_url_has_no_prefix)
{
  auto invoker = echo_invoker();
  FrontDoor door(invoker, settings_for(config::Api::url));
  EXPECT_EQ(door.handle(make_request("GET", "/any/path")).body, "/any/path");
  EXPECT_EQ(invoker.events()[0]["requestContext"]["stage"], "$default");
  EXPECT_EQ(door.base_path(), "/");
}

TEST(FrontDoor, base_path_is_the_stage)
{
  auto invoker = echo_invoker();
  EXPECT_EQ(FrontDoor(invoker, settings_for(config::Api::rest)).base_path(),
            "/dev/");
}

// Whatever Host the client names (a machine name, a compose service), the
// call is to the API's own endpoint, not through a custom domain, which
// would take the stage out of the app's URLs.
TEST(FrontDoor, the_domain_name_is_the_apis_own_endpoint)
{
  auto invoker = echo_invoker();
  auto rest = settings_for(config::Api::rest);
  rest.region = "eu-west-3";
  FrontDoor door(invoker, rest);
  door.handle(make_request("GET", "/dev/", "", {{"Host", "myhost:8123"}}));
  door.handle(make_request("GET", "/dev/"));
  auto url = settings_for(config::Api::url);
  FrontDoor function_url(invoker, url);
  function_url.handle(make_request("GET", "/", "", {{"Host", "[::1]:8123"}}));
  auto events = invoker.events();
  auto host = rest.api_id + ".execute-api.eu-west-3.amazonaws.com";
  EXPECT_EQ(events[0]["requestContext"]["domainName"], host);
  EXPECT_EQ(events[0]["requestContext"]["domainPrefix"], rest.api_id);
  EXPECT_EQ(events[1]["requestContext"]["domainName"], host);
  EXPECT_EQ(events[2]["requestContext"]["domainName"],
            url.api_id + ".lambda-url.us-east-1.on.aws");
}

TEST(FrontDoor, a_body_over_10_mb_is_refused_unsent)
{
  auto invoker = echo_invoker();
  FrontDoor door(invoker, settings_for(config::Api::rest));
  auto request = make_request(
      "POST", "/dev/", "", {}, std::string(k_max_request_body + 1, 'x'));
  EXPECT_EQ(door.handle(request).status, 413);
  EXPECT_TRUE(invoker.events().empty());
}

TEST(FrontDoor, an_event_over_lambdas_6_mb_is_refused_unsent)
{
  auto invoker = echo_invoker();
  FrontDoor door(invoker, settings_for(config::Api::rest));
  // 5 MB grows to 6.7 MB in base64.
  auto request =
      make_request("POST", "/dev/", "", {}, std::string(5 << 20, 'x'));
  auto response = door.handle(request);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.body, R"({"message":"Request Too Long"})");
  EXPECT_TRUE(invoker.events().empty());
}

TEST(FrontDoor, responses_name_the_api_gateway_request)
{
  auto invoker = echo_invoker();
  FrontDoor door(invoker, settings_for(config::Api::rest));
  auto response = door.handle(make_request("GET", "/dev/"));
  auto id =
      invoker.events()[0]["requestContext"]["requestId"].get<std::string>();
  EXPECT_NE(
      std::find(response.headers.begin(),
                response.headers.end(),
                std::pair<std::string, std::string>("x-amzn-RequestId", id)),
      response.headers.end());
}

TEST(FrontDoor, bytes_that_are_not_utf8_still_make_an_event)
{
  auto invoker = echo_invoker();
  FrontDoor door(invoker, settings_for(config::Api::rest));
  auto response = door.handle(make_request("GET", "/dev/", "q=%FF"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(invoker.events()[0]["queryStringParameters"]["q"], "\xEF\xBF\xBD");
}

TEST(FrontDoor, path_in_stage_needs_a_whole_segment)
{
  EXPECT_EQ(path_in_stage("/dev", "dev"), "/");
  EXPECT_EQ(path_in_stage("/dev/x/", "dev"), "/x/");
  EXPECT_EQ(path_in_stage("/devx", "dev"), std::nullopt);
  EXPECT_EQ(path_in_stage("/", "dev"), std::nullopt);
}

} // namespace
} // namespace slam::local
