#include "aws_test_support.hpp"
#include "slam/aws/endpoint.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

class AwsEndpoint : public slam::aws::testing::AwsEnvTest
{
protected:
  // Return the endpoint as "URL (custom)" or "URL (aws)".
  std::string resolve(const char* service, const std::string& option = "")
  {
    auto endpoint = resolve_endpoint(service, option, "eu-west-1");
    return endpoint.url() + (endpoint.custom ? " (custom)" : " (aws)");
  }
};

} // namespace

// Without settings, AWS's own regional endpoint.
TEST_F(AwsEndpoint, default_is_the_regional_aws_endpoint)
{
  EXPECT_EQ(resolve("cloudformation"),
            "https://cloudformation.eu-west-1.amazonaws.com/ (aws)");
  EXPECT_EQ(resolve_endpoint("s3", "", "cn-north-1").url(),
            "https://s3.cn-north-1.amazonaws.com.cn/");
}

// --endpoint-url, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL.
TEST_F(AwsEndpoint, sources_in_order)
{
  set_env("AWS_ENDPOINT_URL", "http://127.0.0.1:5000");
  set_env("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:5001/");
  EXPECT_EQ(resolve("s3", "http://localhost:4566"),
            "http://localhost:4566/ (custom)");
  EXPECT_EQ(resolve("s3"), "http://127.0.0.1:5001/ (custom)");
  EXPECT_EQ(resolve("cloudformation"), "http://127.0.0.1:5000/ (custom)");
}

// The per-service variable uses the service id, not the signing name.
TEST_F(AwsEndpoint, service_variable_uses_the_service_id)
{
  EXPECT_EQ(endpoint_variable("cloudformation"),
            "AWS_ENDPOINT_URL_CLOUDFORMATION");
  EXPECT_EQ(endpoint_variable("logs"), "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS");
  EXPECT_EQ(endpoint_variable("apigateway"), "AWS_ENDPOINT_URL_API_GATEWAY");
  set_env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:7000");
  EXPECT_EQ(resolve("logs"), "http://127.0.0.1:7000/ (custom)");
}

// A path prefix is kept without its trailing slashes.
TEST_F(AwsEndpoint, parse_keeps_host_port_and_path)
{
  auto endpoint = parse_endpoint("https://proxy.example:8443/aws//", "test");
  EXPECT_EQ(endpoint.scheme, "https");
  EXPECT_EQ(endpoint.host, "proxy.example:8443");
  EXPECT_EQ(endpoint.base_path, "/aws");
  EXPECT_EQ(endpoint.url(), "https://proxy.example:8443/aws/");
}

// Something that is not an http(s) URL is refused with its source.
TEST_F(AwsEndpoint, malformed_url_is_refused)
{
  set_env("AWS_ENDPOINT_URL", "127.0.0.1:5000");
  try {
    resolve("sts");
    FAIL() << "no error";
  } catch (const slam::UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "endpoint URL '127.0.0.1:5000' (from AWS_ENDPOINT_URL) is not "
              "like http://127.0.0.1:5000 or https://host[:port][/path]");
  }
  EXPECT_THROW(parse_endpoint("ftp://host", "x"), slam::UsageError);
  EXPECT_THROW(parse_endpoint("http://", "x"), slam::UsageError);
  EXPECT_THROW(parse_endpoint("http://h/p?q=1", "x"), slam::UsageError);
}
