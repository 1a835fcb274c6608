#include "aws_test_support.hpp"
#include "slam/aws/container_credentials.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

class ContainerCredentials : public slam::aws::testing::AwsEnvTest
{
protected:
  // Return the endpoint for AWS_CONTAINER_CREDENTIALS_FULL_URI = URL, or
  // the error it gives.
  std::string endpoint_for(const std::string& url)
  {
    set_env("AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
    try {
      return container_endpoint().value_or("none");
    } catch (const slam::UsageError& error) {
      return "refused";
    }
  }
};

} // namespace

// The relative URI is ECS's agent address and wins over a full URI; the
// URL is only built here, never fetched.
TEST_F(ContainerCredentials, relative_uri_is_below_the_ecs_agent)
{
  EXPECT_FALSE(container_endpoint());
  set_env("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/creds");
  set_env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
  EXPECT_EQ(container_endpoint(), "http://169.254.170.2/v2/credentials/abc");
}

// A full URI is https, or plain http to a loopback address or an agent's
// address; the instance metadata address and other hosts are refused.
TEST_F(ContainerCredentials, full_uri_hosts_are_checked)
{
  EXPECT_EQ(endpoint_for("https://creds.example.com/x"),
            "https://creds.example.com/x");
  for (auto url : {"http://127.0.0.1:8080/creds",
                   "http://127.9.8.7/creds",
                   "http://localhost:1/c",
                   "http://[::1]:80/c",
                   "http://169.254.170.23/v1/credentials",
                   "http://[fd00:ec2::23]/v1/credentials"}) {
    EXPECT_EQ(endpoint_for(url), url);
  }
  for (auto url : {"http://example.com/creds",
                   "http://169.254.169.254/latest/meta-data",
                   "http://10.0.0.1/creds",
                   "http://127.0.0.1.example.com/creds",
                   "http://[::2]/c",
                   "ftp://127.0.0.1/creds"}) {
    EXPECT_EQ(endpoint_for(url), "refused") << url;
  }
}

// The token file wins over the token, loses a trailing line break, and
// is read when asked (the agent rotates it).
TEST_F(ContainerCredentials, token_file_wins_over_token)
{
  EXPECT_EQ(container_authorization(), "");
  set_env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-variable");
  EXPECT_EQ(container_authorization(), "from-variable");
  auto file = write_home_file("token", "from-file\n");
  set_env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.string());
  EXPECT_EQ(container_authorization(), "from-file");
  write_home_file("token", "rotated");
  EXPECT_EQ(container_authorization(), "rotated");
}

// A token that would split the request's headers is refused.
TEST_F(ContainerCredentials, token_with_line_break_is_refused)
{
  set_env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Evil: 1");
  EXPECT_THROW(container_authorization(), slam::Error);
  auto file = write_home_file("token", "abc\ndef\n");
  set_env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.string());
  EXPECT_THROW(container_authorization(), slam::Error);
}
