#include "slam/aws/redact.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

Credentials temporary_credentials()
{
  return {"AKIAEXAMPLEKEYID1234",
          "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          "FwoGZXIvYXdzEXAMPLETOKEN//AKIAEXAMPLEKEYID1234+more",
          "environment",
          std::nullopt};
}

} // namespace

// Each value of the credentials is replaced wherever it appears, the token
// whole even though it holds the key id.
TEST(AwsRedact, credential_values_are_replaced)
{
  auto credentials = temporary_credentials();
  auto text = "key " + credentials.access_key_id + " secret " +
              credentials.secret_access_key + " token " +
              credentials.session_token + " again " + credentials.access_key_id;
  EXPECT_EQ(redact_secrets(text, credentials),
            "key [redacted] secret [redacted] token [redacted] again "
            "[redacted]");
}

// An echoed Authorization header keeps its shape, not its values.
TEST(AwsRedact, echoed_authorization_header_is_redacted)
{
  auto text = "you sent Authorization: AWS4-HMAC-SHA256 "
              "Credential=AKIAOTHERKEY/20260101/us-east-1/s3/aws4_request, "
              "SignedHeaders=host;x-amz-date, Signature="
              "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
              " and X-Amz-Security-Token: OTHERTOKEN== done";
  EXPECT_EQ(redact_secrets(text, temporary_credentials()),
            "you sent Authorization: AWS4-HMAC-SHA256 Credential=[redacted], "
            "SignedHeaders=host;x-amz-date, Signature=[redacted] and "
            "X-Amz-Security-Token: [redacted] done");
}

// A presigned URL's query loses its signature, scope and token.
TEST(AwsRedact, presigned_query_is_redacted)
{
  auto text = "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAX%2F2026&"
              "X-Amz-Security-Token=abc%2Bdef&X-Amz-Signature=fe01&x=1";
  EXPECT_EQ(redact_secrets(text, temporary_credentials()),
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=[redacted]&"
            "X-Amz-Security-Token=[redacted]&X-Amz-Signature=[redacted]&x=1");
}

// Text without secrets, and empty credentials, change nothing.
TEST(AwsRedact, other_text_is_kept)
{
  auto text = "s3 PutObject: AccessDenied: Access Denied";
  EXPECT_EQ(redact_secrets(text, temporary_credentials()), text);
  EXPECT_EQ(redact_secrets(text, Credentials{}), text);
}

// Quoted keys (JSON, XML attributes) and odd case are redacted too.
TEST(AwsRedact, quoted_and_odd_case_names_are_redacted)
{
  auto text = R"({"X-Amz-Security-Token": "tok+en", "signature='abc'"})";
  EXPECT_EQ(redact_secrets(text, Credentials{}),
            R"({"X-Amz-Security-Token": "[redacted]", "signature='abc'"})");
  EXPECT_EQ(redact_secrets("x-amz-security-token=T&SIGNATURE=S", Credentials{}),
            "x-amz-security-token=[redacted]&SIGNATURE=[redacted]");
  EXPECT_EQ(redact_secrets("Signature= and Credential=", Credentials{}),
            "Signature= and Credential=");
}

// An error page of megabytes is redacted without overflowing the stack
// (std::regex recursed once per character of a value: found by the
// redact fuzz target, it crashed release builds too).
TEST(AwsRedact, long_values_do_not_exhaust_the_stack)
{
  std::string text = "Signature=" + std::string(4 << 20, 'a') + " end";
  EXPECT_EQ(redact_secrets(text, Credentials{}), "Signature=[redacted] end");
}
