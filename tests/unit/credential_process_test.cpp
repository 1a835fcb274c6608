#include "aws_test_support.hpp"
#include "slam/aws/credential_process.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

const std::string k_source = "credential_process of profile 'p'";

// Return the message of the error that parsing OUTPUT throws.
std::string error_of(const std::string& output)
{
  try {
    parse_process_output(output, k_source);
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

// Version 1 output with every field.
TEST(CredentialProcess, parses_version_1_output)
{
  auto credentials = parse_process_output(
      R"({"Version": 1, "AccessKeyId": "AKIDPROC",
          "SecretAccessKey": "proc-secret", "SessionToken": "proc-token",
          "Expiration": "2030-01-02T03:04:05Z"})",
      k_source);
  EXPECT_EQ(credentials.access_key_id, "AKIDPROC");
  EXPECT_EQ(credentials.secret_access_key, "proc-secret");
  EXPECT_EQ(credentials.session_token, "proc-token");
  EXPECT_EQ(credentials.source, k_source);
  ASSERT_TRUE(credentials.expiration);
  EXPECT_EQ(format_iso8601(*credentials.expiration), "2030-01-02T03:04:05Z");
}

// Long-term keys have neither a token nor an expiration.
TEST(CredentialProcess, token_and_expiration_are_optional)
{
  auto credentials = parse_process_output(
      R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S",
          "SessionToken":null})",
      k_source);
  EXPECT_EQ(credentials.session_token, "");
  EXPECT_FALSE(credentials.expiration);
}

// Each malformed output names what is wrong and never quotes the output,
// which may hold a secret.
TEST(CredentialProcess, malformed_output_is_named_without_quoting_it)
{
  EXPECT_EQ(error_of("AKIDLEAK sEcReTlEaK"),
            "credential_process of profile 'p' printed something that is "
            "not a JSON object");
  EXPECT_EQ(error_of(R"(["AKIDLEAK"])"),
            "credential_process of profile 'p' printed something that is "
            "not a JSON object");
  EXPECT_EQ(error_of(R"({"AccessKeyId":"A","SecretAccessKey":"S"})"),
            "credential_process of profile 'p' printed no Version; slam "
            "reads Version 1");
  EXPECT_EQ(error_of(R"({"Version":2,"AccessKeyId":"A"})"),
            "credential_process of profile 'p' printed Version 2; slam reads "
            "Version 1");
  EXPECT_EQ(error_of(R"({"Version":"sEcReT","AccessKeyId":"A"})"),
            "credential_process of profile 'p' printed Version of another "
            "type; slam reads Version 1");
  EXPECT_EQ(error_of(R"({"Version":1,"SecretAccessKey":"sEcReT"})"),
            "credential_process of profile 'p' printed no AccessKeyId");
  EXPECT_EQ(error_of(R"({"Version":1,"AccessKeyId":"A"})"),
            "credential_process of profile 'p' printed no SecretAccessKey");
  EXPECT_EQ(error_of(R"({"Version":1,"AccessKeyId":"A",
                         "SecretAccessKey":7})"),
            "credential_process of profile 'p' printed SecretAccessKey as "
            "something other than a non-empty string");
  EXPECT_EQ(error_of(R"({"Version":1,"AccessKeyId":"A",
                         "SecretAccessKey":"S","Expiration":"soon"})"),
            "credential_process of profile 'p' printed an Expiration that "
            "is not an ISO 8601 time");
}

class CredentialProcessRun : public slam::aws::testing::AwsEnvTest
{
};

// The command is split like a shell line and run without a shell.
TEST_F(CredentialProcessRun, runs_the_split_command_without_a_shell)
{
  auto credentials = process_credentials(
      R"(printf "{\"Version\": 1, \"AccessKeyId\": \"%s\", )"
      R"(\"SecretAccessKey\": \"%s\"}" 'KEY $HOME' "x;y")",
      "p");
  EXPECT_EQ(credentials.access_key_id, "KEY $HOME");
  EXPECT_EQ(credentials.secret_access_key, "x;y");
}

// Failures say which profile's process and how it failed.
TEST_F(CredentialProcessRun, failures_name_the_profile_and_the_cause)
{
  auto error_of_command = [](const std::string& command) {
    try {
      process_credentials(command, "p");
    } catch (const slam::Error& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of_command("sh -c 'exit 3'"),
            "credential_process of profile 'p' ('sh') failed with exit "
            "status 3; its messages, if any, are above");
  EXPECT_EQ(error_of_command("/nonexistent/creds"),
            "credential_process of profile 'p': cannot run "
            "'/nonexistent/creds': No such file or directory");
  EXPECT_EQ(error_of_command("  "),
            "credential_process of profile 'p' is "
            "empty");
  EXPECT_EQ(error_of_command("creds 'x"),
            "credential_process of profile 'p': 'creds 'x' has an unclosed ' "
            "quote");
  slam::aws::testing::ScopedEnv timeout("SLAM_CREDENTIAL_PROCESS_TIMEOUT",
                                        "0.2");
  EXPECT_EQ(error_of_command("sleep 5"),
            "credential_process of profile 'p' ('sleep') did not finish "
            "within 0.2 s; it was stopped");
}
