#include "slam/aws/s3_bucket_settings.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace slam::aws;
using nlohmann::json;

namespace {

// The statement Slam adds, as IAM reads it.
json tls_only_statement(const std::string& partition = "aws")
{
  auto arn = "arn:" + partition + ":s3:::packages";
  return {{"Sid", "SlamDenyInsecureTransport"},
          {"Effect", "Deny"},
          {"Principal", "*"},
          {"Action", "s3:*"},
          {"Resource", {arn, arn + "/*"}},
          {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}};
}

const std::string k_s3_namespace =
    R"( xmlns="http://s3.amazonaws.com/doc/2006-03-01/")";

} // namespace

// The request documents have the shapes of S3's model.
TEST(AwsS3BucketSettings, request_documents_have_s3_shapes)
{
  EXPECT_EQ(public_access_block_xml(),
            "<PublicAccessBlockConfiguration" + k_s3_namespace +
                "><BlockPublicAcls>true</BlockPublicAcls>"
                "<IgnorePublicAcls>true</IgnorePublicAcls>"
                "<BlockPublicPolicy>true</BlockPublicPolicy>"
                "<RestrictPublicBuckets>true</RestrictPublicBuckets>"
                "</PublicAccessBlockConfiguration>");
  EXPECT_EQ(owner_enforced_xml(),
            "<OwnershipControls" + k_s3_namespace +
                "><Rule><ObjectOwnership>BucketOwnerEnforced"
                "</ObjectOwnership></Rule></OwnershipControls>");
  EXPECT_EQ(default_encryption_xml(),
            "<ServerSideEncryptionConfiguration" + k_s3_namespace +
                "><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>"
                "AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>"
                "</Rule></ServerSideEncryptionConfiguration>");
}

// Each reader accepts what its request document sets.
TEST(AwsS3BucketSettings, readers_accept_the_documents_slam_sends)
{
  EXPECT_TRUE(blocks_all_public_access(public_access_block_xml()));
  EXPECT_TRUE(enforces_bucket_owner(owner_enforced_xml()));
  EXPECT_TRUE(encrypts_by_default(default_encryption_xml()));
}

// A block with one flag off is lacking; so are other ownership settings.
TEST(AwsS3BucketSettings, partial_settings_are_lacking)
{
  EXPECT_FALSE(blocks_all_public_access(
      "<PublicAccessBlockConfiguration><BlockPublicAcls>true"
      "</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
      "<BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>"
      "true</RestrictPublicBuckets></PublicAccessBlockConfiguration>"));
  EXPECT_FALSE(enforces_bucket_owner(
      "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter"
      "</ObjectOwnership></Rule></OwnershipControls>"));
  EXPECT_FALSE(encrypts_by_default(
      "<ServerSideEncryptionConfiguration><Rule><BucketKeyEnabled>true"
      "</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>"));
  EXPECT_FALSE(blocks_all_public_access("not xml"));
  EXPECT_FALSE(enforces_bucket_owner(""));
}

// A KMS key the owner chose counts as encryption; Slam does not downgrade
// it to SSE-S3.
TEST(AwsS3BucketSettings, kms_encryption_is_kept)
{
  EXPECT_TRUE(encrypts_by_default(
      "<ServerSideEncryptionConfiguration><Rule>"
      "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms"
      "</SSEAlgorithm><KMSMasterKeyID>alias/mine</KMSMasterKeyID>"
      "</ApplyServerSideEncryptionByDefault></Rule>"
      "</ServerSideEncryptionConfiguration>"));
}

// A bucket without a policy gets one holding only the TLS statement.
TEST(AwsS3BucketSettings, tls_statement_makes_a_policy)
{
  auto policy = with_tls_only_statement(std::nullopt, "packages", "aws");
  EXPECT_EQ(json::parse(policy),
            (json{{"Version", "2012-10-17"},
                  {"Statement", json::array({tls_only_statement()})}}));
  EXPECT_TRUE(denies_insecure_transport(policy));
}

// The owner's statements stay, a lone statement object included.
TEST(AwsS3BucketSettings, tls_statement_keeps_other_statements)
{
  json mine = {{"Sid", "Mine"},
               {"Effect", "Allow"},
               {"Principal", {{"AWS", "arn:aws:iam::123456789012:root"}}},
               {"Action", "s3:GetObject"},
               {"Resource", "arn:aws-cn:s3:::packages/*"}};
  json existing = {{"Version", "2012-10-17"}, {"Statement", mine}};
  EXPECT_FALSE(denies_insecure_transport(existing.dump()));
  auto policy = with_tls_only_statement(existing.dump(), "packages", "aws-cn");
  EXPECT_EQ(
      json::parse(policy),
      (json{{"Version", "2012-10-17"},
            {"Statement", json::array({mine, tls_only_statement("aws-cn")})}}));
}

// A policy that is not JSON, or whose Statement is garbage, is not
// overwritten.
TEST(AwsS3BucketSettings, broken_policy_is_refused)
{
  EXPECT_THROW(with_tls_only_statement("[1, 2]", "packages", "aws"),
               slam::Error);
  EXPECT_THROW(
      with_tls_only_statement(R"({"Statement": "x"})", "packages", "aws"),
      slam::Error);
  EXPECT_FALSE(denies_insecure_transport("{"));
  EXPECT_FALSE(denies_insecure_transport(R"({"Statement": [{"Sid": 1}]})"));
}
