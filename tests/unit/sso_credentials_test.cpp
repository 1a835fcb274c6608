#include "aws_test_support.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/sso_credentials.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

class SsoCredentials : public slam::aws::testing::AwsEnvTest
{
protected:
  // Return the message of the error that reading NAME's settings throws.
  std::string settings_error(const std::string& name)
  {
    try {
      sso_settings(load_profile(name));
    } catch (const slam::UsageError& error) {
      return error.what();
    }
    return "no error";
  }
};

std::string token_error(std::string_view text)
{
  try {
    parse_sso_token(text);
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

// The legacy form keeps everything in the profile; its token file is
// named after the start URL.
TEST_F(SsoCredentials, legacy_profile_settings)
{
  write_home_file(".aws/config",
                  "[profile dev]\n"
                  "sso_start_url = https://my-sso-portal.awsapps.com/start\n"
                  "sso_region = us-east-1\nsso_account_id = 123456789011\n"
                  "sso_role_name = readOnly\nregion = eu-west-1\n");
  auto settings = sso_settings(load_profile("dev"));
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->start_url, "https://my-sso-portal.awsapps.com/start");
  EXPECT_EQ(settings->region, "us-east-1");
  EXPECT_EQ(settings->account_id, "123456789011");
  EXPECT_EQ(settings->role_name, "readOnly");
  EXPECT_EQ(settings->session_name, "");
  EXPECT_EQ(sso_token_file_name(*settings),
            "c7aaaf71fcc8777ae2475525ed049d39fe16c484.json");
}

// The sso-session form takes the start URL and region from its section;
// its token file is named after the session.
TEST_F(SsoCredentials, sso_session_settings)
{
  write_home_file(".aws/config",
                  "[profile dev]\nsso_session = my-sso\n"
                  "sso_account_id = 111122223333\n"
                  "sso_role_name = SampleRole\n"
                  "[sso-session my-sso]\nsso_region = eu-west-1\n"
                  "sso_start_url = https://example.awsapps.com/start\n"
                  "sso_registration_scopes = sso:account:access\n");
  auto settings = sso_settings(load_profile("dev"));
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->start_url, "https://example.awsapps.com/start");
  EXPECT_EQ(settings->region, "eu-west-1");
  EXPECT_EQ(settings->account_id, "111122223333");
  EXPECT_EQ(settings->role_name, "SampleRole");
  EXPECT_EQ(sso_token_file_name(*settings),
            "0ad374308c5a4e22f723adf10145eafad7c4031c.json");
}

// A profile without sso_* keys is not an SSO profile.
TEST_F(SsoCredentials, plain_profile_has_no_sso_settings)
{
  write_home_file(".aws/config", "[profile plain]\nregion = eu-west-1\n");
  EXPECT_FALSE(sso_settings(load_profile("plain")));
}

// Incomplete or contradictory settings name what is wrong.
TEST_F(SsoCredentials, incomplete_settings_are_usage_errors)
{
  write_home_file(".aws/config",
                  "[profile half]\nsso_start_url = https://x/start\n"
                  "sso_region = us-east-1\n"
                  "[profile lost]\nsso_session = gone\n"
                  "sso_account_id = 1\nsso_role_name = r\n"
                  "[profile clash]\nsso_session = s\nsso_region = us-west-2\n"
                  "sso_account_id = 1\nsso_role_name = r\n"
                  "[profile noregion]\nsso_session = t\n"
                  "sso_account_id = 1\nsso_role_name = r\n"
                  "[sso-session s]\nsso_start_url = https://s/start\n"
                  "sso_region = us-east-1\n"
                  "[sso-session t]\nsso_start_url = https://t/start\n");
  EXPECT_EQ(settings_error("half"),
            "profile 'half' has IAM Identity Center (SSO) settings but no "
            "sso_account_id, sso_role_name");
  EXPECT_EQ(settings_error("lost"),
            "profile 'lost' names sso_session 'gone', but ~/.aws/config has "
            "no [sso-session gone] section");
  EXPECT_EQ(settings_error("clash"),
            "profile 'clash' sets sso_region 'us-west-2', but its "
            "[sso-session s] says 'us-east-1'");
  EXPECT_EQ(settings_error("noregion"),
            "[sso-session t] in ~/.aws/config has no sso_region");
}

// The token cache file as the AWS CLI writes it, in both time styles.
TEST(SsoToken, parses_the_cli_token_cache_file)
{
  auto token = parse_sso_token(
      R"({"startUrl": "https://x/start", "region": "us-east-1",
          "accessToken": "eyJlbmMiOiJBM", "expiresAt": "2030-01-02T03:04:05Z",
          "refreshToken": "r"})");
  EXPECT_EQ(token.access_token, "eyJlbmMiOiJBM");
  EXPECT_EQ(format_iso8601(token.expires_at), "2030-01-02T03:04:05Z");
  auto older = parse_sso_token(
      R"({"accessToken": "t", "expiresAt": "2030-01-02T03:04:05UTC"})");
  EXPECT_EQ(older.expires_at, token.expires_at);
}

// A broken token file is named without being quoted.
TEST(SsoToken, broken_token_file_is_an_error)
{
  auto message = "the token cache file has no accessToken or no valid "
                 "expiresAt";
  EXPECT_EQ(token_error("not json sEcReT"), message);
  EXPECT_EQ(token_error(R"({"accessToken": "sEcReT"})"), message);
  EXPECT_EQ(token_error(R"({"accessToken": "t", "expiresAt": "soon"})"),
            message);
  EXPECT_EQ(token_error(R"({"expiresAt": "2030-01-02T03:04:05Z"})"), message);
}
