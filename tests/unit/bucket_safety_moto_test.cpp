// Slam's safe defaults for its bucket, set on moto_server and read back.
// Skipped when moto_server is not installed.

#include "aws_moto_server.hpp"
#include "slam/aws/s3.hpp"
#include "slam/aws/s3_bucket_settings.hpp"
#include "slam/aws/session.hpp"
#include "slam/deploy/bucket_safety.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace slam;
using namespace slam::aws;
using nlohmann::json;

namespace {

class BucketSafetyMoto : public slam::aws::testing::MotoTest
{
};

const std::vector<std::string> k_every_change = {
    "bucket-owner ownership enforced",
    "public access blocked",
    "encrypted by default",
    "requests without TLS denied"};

} // namespace

// A new bucket gets all four settings, and S3 answers them back.
TEST_F(BucketSafetyMoto, new_bucket_gets_every_setting)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-safe");
  EXPECT_EQ(deploy::secure_bucket(s3, "slam-safe", {}), k_every_change);

  EXPECT_TRUE(blocks_all_public_access(
      *s3.bucket_configuration("slam-safe", k_public_access_block)));
  EXPECT_TRUE(enforces_bucket_owner(
      *s3.bucket_configuration("slam-safe", k_ownership_controls)));
  auto encryption = s3.bucket_configuration("slam-safe", k_bucket_encryption);
  ASSERT_TRUE(encryption);
  EXPECT_NE(encryption->find("<SSEAlgorithm>AES256</SSEAlgorithm>"),
            std::string::npos);
  auto policy =
      json::parse(*s3.bucket_configuration("slam-safe", k_bucket_policy));
  EXPECT_EQ(policy["Statement"], json::parse(R"([{
              "Sid": "SlamDenyInsecureTransport", "Effect": "Deny",
              "Principal": "*", "Action": "s3:*",
              "Resource": ["arn:aws:s3:::slam-safe", "arn:aws:s3:::slam-safe/*"],
              "Condition": {"Bool": {"aws:SecureTransport": "false"}}}])"));
}

// A second pass finds everything in place and changes nothing.
TEST_F(BucketSafetyMoto, secured_bucket_is_left_alone)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-twice");
  deploy::secure_bucket(s3, "slam-twice", {});
  auto policy = s3.bucket_configuration("slam-twice", k_bucket_policy);
  EXPECT_EQ(deploy::secure_bucket(s3, "slam-twice", {}),
            std::vector<std::string>{});
  EXPECT_EQ(s3.bucket_configuration("slam-twice", k_bucket_policy), policy);
}

// Only what is lacking is set: a bucket with a weaker ownership setting
// and no TLS statement gets those two, its own KMS encryption stays.
TEST_F(BucketSafetyMoto, only_lacking_settings_are_set)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-partial");
  s3.put_bucket_configuration("slam-partial",
                              k_ownership_controls,
                              "<OwnershipControls><Rule><ObjectOwnership>"
                              "ObjectWriter</ObjectOwnership></Rule>"
                              "</OwnershipControls>");
  s3.put_bucket_configuration(
      "slam-partial", k_public_access_block, public_access_block_xml());
  auto kms = "<ServerSideEncryptionConfiguration><Rule>"
             "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms"
             "</SSEAlgorithm><KMSMasterKeyID>alias/mine</KMSMasterKeyID>"
             "</ApplyServerSideEncryptionByDefault></Rule>"
             "</ServerSideEncryptionConfiguration>";
  s3.put_bucket_configuration("slam-partial", k_bucket_encryption, kms);

  EXPECT_EQ(deploy::secure_bucket(s3, "slam-partial", {}),
            (std::vector<std::string>{"bucket-owner ownership enforced",
                                      "requests without TLS denied"}));
  auto encryption =
      s3.bucket_configuration("slam-partial", k_bucket_encryption);
  EXPECT_NE(encryption->find("alias/mine"), std::string::npos);
}

// Without the TLS policy (a plain-http endpoint), the bucket keeps no
// policy at all.
TEST_F(BucketSafetyMoto, tls_policy_can_be_left_out)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-plain");
  deploy::BucketSafety safety;
  safety.tls_only_policy = false;
  EXPECT_EQ(deploy::secure_bucket(s3, "slam-plain", safety),
            (std::vector<std::string>{"bucket-owner ownership enforced",
                                      "public access blocked",
                                      "encrypted by default"}));
  EXPECT_EQ(s3.bucket_configuration("slam-plain", k_bucket_policy),
            std::nullopt);
}

// A refusal names what was being set, the bucket, the call and S3's code.
TEST_F(BucketSafetyMoto, refusal_names_call_and_bucket)
{
  Session session({}, "");
  S3 s3(session);
  try {
    deploy::secure_bucket(s3, "slam-missing", {});
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot enforce bucket-owner ownership on bucket "
              "'slam-missing': s3 GetBucketOwnershipControls: NoSuchBucket: "
              "The specified bucket does not exist");
  }
}
