#include "slam/aws/sts.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

// An AssumeRole answer as STS sends it.
TEST(Sts, parses_assume_role_answer)
{
  auto credentials = parse_assume_role_response(
      R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:s</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata>
</AssumeRoleResponse>)",
      "role 'demo'");
  EXPECT_EQ(credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(credentials.secret_access_key,
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
  EXPECT_EQ(credentials.session_token, "AQoDYXdzEPT//////////wEXAMPLEtc764");
  EXPECT_EQ(credentials.source, "role 'demo'");
  ASSERT_TRUE(credentials.expiration);
  EXPECT_EQ(format_iso8601(*credentials.expiration), "2019-11-09T13:34:41Z");
}

// An answer without complete credentials is an error, not empty keys.
TEST(Sts, incomplete_assume_role_answer_is_an_error)
{
  EXPECT_THROW(parse_assume_role_response("<html>proxy error</html>", "r"),
               slam::Error);
  EXPECT_THROW(
      parse_assume_role_response(
          "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
          "<AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
          "<SessionToken>T</SessionToken></Credentials></AssumeRoleResult>"
          "</AssumeRoleResponse>",
          "r"),
      slam::Error);
}
