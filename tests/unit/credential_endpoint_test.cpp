#include "aws_fake_server.hpp"
#include "slam/aws/credential_endpoint.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

std::string document_error(std::string_view document)
{
  try {
    parse_credential_document(document, "the endpoint");
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

// The instance metadata service's document, with its Code and extras.
TEST(CredentialEndpoint, parses_the_credentials_document)
{
  auto credentials = parse_credential_document(
      R"({"Code": "Success", "LastUpdated": "2030-01-01T00:00:00Z",
          "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS",
          "SecretAccessKey": "imds-secret", "Token": "imds-token",
          "Expiration": "2030-01-01T06:00:00Z"})",
      "the endpoint");
  EXPECT_EQ(credentials.access_key_id, "ASIAIMDS");
  EXPECT_EQ(credentials.secret_access_key, "imds-secret");
  EXPECT_EQ(credentials.session_token, "imds-token");
  EXPECT_EQ(credentials.source, "the endpoint");
  ASSERT_TRUE(credentials.expiration);
  EXPECT_EQ(format_iso8601(*credentials.expiration), "2030-01-01T06:00:00Z");
}

// A failed or malformed document is named, never quoted.
TEST(CredentialEndpoint, bad_documents_are_errors)
{
  EXPECT_EQ(document_error("<html>sEcReT</html>"),
            "the endpoint answered something that is not a JSON object");
  EXPECT_EQ(document_error(R"({"Code": "Failed", "Message": "no role"})"),
            "the endpoint answered Code \"Failed\"");
  EXPECT_EQ(document_error(R"({"AccessKeyId": "A", "Token": "sEcReT"})"),
            "the endpoint answered no SecretAccessKey");
  EXPECT_EQ(document_error(R"({"AccessKeyId": "A", "SecretAccessKey": "S",
                               "Expiration": 17})"),
            "the endpoint answered Expiration as something other than a "
            "non-empty string");
}

// An error answer's message comes without the token that was sent.
TEST(CredentialEndpoint, error_message_is_redacted)
{
  EXPECT_EQ(error_message_of(R"({"code": "AccessDenied",
                                 "message": "bad token tok-123"})",
                             {"tok-123"}),
            "bad token [redacted]");
  EXPECT_EQ(error_message_of(R"({"Message": "M"})", {}), "M");
  EXPECT_EQ(error_message_of("plain text tok-123", {"tok-123"}), "");
}

// An endpoint that answers megabytes is cut off at 1 MiB, not read until
// memory runs out (a tester's endpoint grew slam past 1 GB), and its
// answer is not asked for again.
TEST(CredentialEndpoint, answers_past_a_megabyte_are_refused)
{
  slam::aws::testing::FakeServer server([](int, const auto&) {
    return slam::aws::testing::FakeResponse(200, std::string(3 << 20, '{'));
  });
  CredentialCall call{{"GET", server.url() + "/creds", {}, {}}, "the fake"};
  try {
    call_credential_endpoint(call);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_NE(std::string(error.what()).find("larger than 1024 KiB"),
              std::string::npos)
        << error.what();
  }
  EXPECT_EQ(server.requests().size(), 1u);
}
