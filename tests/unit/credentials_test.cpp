#include "aws_test_support.hpp"
#include "slam/aws/credentials.hpp"
#include "slam/aws/profile.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

class AwsCredentials : public slam::aws::testing::AwsEnvTest
{
protected:
  // Return the credentials for the --profile value OPTION as one line.
  std::string resolve(const std::string& option = "")
  {
    auto credentials = resolve_credentials(load_profile(option));
    return credentials.access_key_id + " " + credentials.secret_access_key +
           " " + credentials.session_token + " (" + credentials.source + ")";
  }

  // Return the message of the error that resolving for OPTION throws.
  std::string error_of(const std::string& option = "")
  {
    try {
      resolve(option);
    } catch (const slam::Error& error) {
      return error.what();
    }
    return "no error";
  }

  void write_credentials_file()
  {
    write_home_file(".aws/credentials",
                    "[default]\n"
                    "aws_access_key_id = FILEDEFAULT\n"
                    "aws_secret_access_key = file-default-secret\n"
                    "[dev]\n"
                    "aws_access_key_id = FILEDEV\n"
                    "aws_secret_access_key = file-dev-secret\n"
                    "aws_session_token = file-dev-token\n");
  }
};

} // namespace

// AWS_ACCESS_KEY_ID and friends come first.
TEST_F(AwsCredentials, environment_wins_over_the_files)
{
  write_credentials_file();
  set_env("AWS_ACCESS_KEY_ID", "ENVKEY");
  set_env("AWS_SECRET_ACCESS_KEY", "env-secret");
  set_env("AWS_SESSION_TOKEN", "env-token");
  EXPECT_EQ(resolve(), "ENVKEY env-secret env-token (the environment)");
}

// AWS_PROFILE picks the profile but, as in the AWS CLI, the environment's
// keys still come first.
TEST_F(AwsCredentials, aws_profile_keeps_environment_first)
{
  write_credentials_file();
  set_env("AWS_PROFILE", "dev");
  EXPECT_EQ(resolve(),
            "FILEDEV file-dev-secret file-dev-token (profile 'dev' in "
            "~/.aws/credentials)");
  set_env("AWS_ACCESS_KEY_ID", "ENVKEY");
  set_env("AWS_SECRET_ACCESS_KEY", "env-secret");
  EXPECT_EQ(resolve(), "ENVKEY env-secret  (the environment)");
}

// An explicit --profile skips the environment's keys, as the AWS CLI
// does, and wins over AWS_PROFILE.
TEST_F(AwsCredentials, profile_option_skips_the_environment)
{
  write_credentials_file();
  set_env("AWS_ACCESS_KEY_ID", "ENVKEY");
  set_env("AWS_SECRET_ACCESS_KEY", "env-secret");
  set_env("AWS_PROFILE", "nonexistent");
  EXPECT_EQ(resolve("dev"),
            "FILEDEV file-dev-secret file-dev-token (profile 'dev' in "
            "~/.aws/credentials)");
}

// Without the environment, the default profile of the credentials file.
TEST_F(AwsCredentials, default_profile_of_the_credentials_file)
{
  write_credentials_file();
  EXPECT_EQ(resolve(),
            "FILEDEFAULT file-default-secret  (profile 'default' in "
            "~/.aws/credentials)");
}

// The config file holds keys too, under [profile NAME], after the
// credentials file.
TEST_F(AwsCredentials, config_file_after_credentials_file)
{
  write_home_file(".aws/credentials",
                  "[dev]\naws_access_key_id = CREDS\n"
                  "aws_secret_access_key = creds-secret\n");
  write_home_file(".aws/config",
                  "[profile dev]\naws_access_key_id = CONFIG\n"
                  "aws_secret_access_key = config-secret\n"
                  "[profile ops]\naws_access_key_id = OPS\n"
                  "aws_secret_access_key = ops-secret\n"
                  "[ops]\naws_access_key_id = NOT_A_PROFILE_SECTION\n"
                  "aws_secret_access_key = wrong\n"
                  "[default]\naws_access_key_id = PLAIN_DEFAULT\n"
                  "aws_secret_access_key = plain\n"
                  "[profile default]\naws_access_key_id = PROFILE_DEFAULT\n"
                  "aws_secret_access_key = prefixed\n");
  EXPECT_EQ(resolve("dev"),
            "CREDS creds-secret  (profile 'dev' in ~/.aws/credentials)");
  EXPECT_EQ(resolve("ops"), "OPS ops-secret  (profile 'ops' in ~/.aws/config)");
  EXPECT_EQ(resolve(),
            "PROFILE_DEFAULT prefixed  (profile 'default' in ~/.aws/config)");
}

// AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files; "~/"
// means HOME.
TEST_F(AwsCredentials, file_locations_come_from_the_environment)
{
  write_home_file("elsewhere/creds",
                  "[default]\naws_access_key_id = MOVED\n"
                  "aws_secret_access_key = moved-secret\n");
  write_home_file("elsewhere/conf",
                  "[profile p]\naws_access_key_id = MOVEDCONF\n"
                  "aws_secret_access_key = moved-conf-secret\n");
  set_env("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds");
  set_env("AWS_CONFIG_FILE", (m_home / "elsewhere/conf").string());
  EXPECT_EQ(resolve(),
            "MOVED moved-secret  (profile 'default' in ~/elsewhere/creds)");
  EXPECT_EQ(resolve("p"),
            "MOVEDCONF moved-conf-secret  (profile 'p' in " +
                (m_home / "elsewhere/conf").string() + ")");
}

// A profile that was asked for must exist.
TEST_F(AwsCredentials, missing_named_profile_is_an_error_naming_it)
{
  write_credentials_file();
  EXPECT_EQ(error_of("staging"),
            "profile 'staging' (from --profile) not found in "
            "~/.aws/credentials or ~/.aws/config");
  set_env("AWS_PROFILE", "qa");
  EXPECT_EQ(error_of(),
            "profile 'qa' (from AWS_PROFILE) not found in "
            "~/.aws/credentials or ~/.aws/config");
  EXPECT_THROW(load_profile("staging"), slam::UsageError);
}

// The end of the error when no profile source had credentials: the
// sources after the profile, and what to do.
constexpr const char* k_last_sources =
    "  - container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
    "AWS_CONTAINER_CREDENTIALS_FULL_URI are not set\n"
    "  - the EC2 instance metadata service: used only when a profile sets "
    "credential_source = Ec2InstanceMetadata\n"
    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the profile "
    "keys, a role_arn, a credential_process or SSO settings";

// Nothing anywhere gives one error naming the profile and what each
// source said.
TEST_F(AwsCredentials, no_credentials_says_what_each_source_said)
{
  EXPECT_EQ(error_of(),
            "no AWS credentials found for profile 'default'; tried:\n"
            "  - the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
            "are not set\n"
            "  - ~/.aws/credentials: no such file\n"
            "  - ~/.aws/config: no such file\n" +
                std::string(k_last_sources));
  write_home_file(".aws/credentials", "[other]\nregion = eu-west-1\n");
  write_home_file(".aws/config", "[profile empty]\nregion = eu-west-1\n");
  EXPECT_EQ(error_of("empty"),
            "no AWS credentials found for profile 'empty'; tried:\n"
            "  - the environment: skipped, since --profile was given\n"
            "  - ~/.aws/credentials: no [empty] section\n"
            "  - ~/.aws/config: [profile empty] has no aws_access_key_id, "
            "role_arn, credential_process or sso_* settings\n" +
                std::string(k_last_sources));
}

// Half a key pair is a mistake worth naming, not a reason to move on.
TEST_F(AwsCredentials, half_a_key_pair_is_an_error)
{
  set_env("AWS_ACCESS_KEY_ID", "ENVKEY");
  EXPECT_EQ(error_of(),
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set "
            "both or neither");
  set_env("AWS_ACCESS_KEY_ID", "");
  write_home_file(".aws/credentials",
                  "[default]\naws_secret_access_key = lonely\n");
  EXPECT_EQ(error_of(),
            "profile 'default' in ~/.aws/credentials has "
            "aws_secret_access_key but no aws_access_key_id");
}

// Web identity profiles are not supported and say so instead of
// claiming there are no credentials.
TEST_F(AwsCredentials, unsupported_credential_source_is_named)
{
  write_home_file(".aws/config",
                  "[profile ci]\nrole_arn = arn:aws:iam::1:role/a\n"
                  "web_identity_token_file = /var/token\n");
  EXPECT_EQ(error_of("ci"),
            "profile 'ci' gets its credentials through "
            "'web_identity_token_file', which slam does not support; set "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and "
            "AWS_SESSION_TOKEN) instead");
}

// A profile's keys come before its credential_process in the credentials
// file, and after it in the config file, as in the AWS CLI.
TEST_F(AwsCredentials, credential_process_between_the_two_files)
{
  auto print = [](const std::string& key) {
    return "printf '{\"Version\":1,\"AccessKeyId\":\"" + key +
           "\",\"SecretAccessKey\":\"s\"}'";
  };
  write_home_file(".aws/credentials",
                  "[both]\naws_access_key_id = FILEKEY\n"
                  "aws_secret_access_key = file-secret\n");
  write_home_file(
      ".aws/config",
      "[profile both]\ncredential_process = " + print("PROC1") +
          "\n[profile proc]\ncredential_process = " + print("PROC2") +
          "\naws_access_key_id = CONFIGKEY\n"
          "aws_secret_access_key = config-secret\n");
  EXPECT_EQ(resolve("both"),
            "FILEKEY file-secret  (profile 'both' in ~/.aws/credentials)");
  EXPECT_EQ(resolve("proc"), "PROC2 s  (credential_process of profile 'proc')");
}

// Credentials that have already expired are refused, naming their source.
TEST_F(AwsCredentials, expired_credentials_are_refused)
{
  write_home_file(".aws/config",
                  "[profile old]\ncredential_process = printf "
                  "'{\"Version\":1,\"AccessKeyId\":\"A\","
                  "\"SecretAccessKey\":\"S\","
                  "\"Expiration\":\"2001-02-03T04:05:06Z\"}'\n");
  EXPECT_EQ(error_of("old"),
            "the credentials from credential_process of profile 'old' "
            "expired at 2001-02-03T04:05:06Z");
}

// A broken file names itself and the line.
TEST_F(AwsCredentials, malformed_file_is_a_usage_error)
{
  write_home_file(".aws/credentials", "[default]\nnonsense\n");
  EXPECT_EQ(error_of(),
            "'~/.aws/credentials' line 2: expected 'name = value' or "
            "'[section]'");
}
