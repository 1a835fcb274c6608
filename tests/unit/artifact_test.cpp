#include "cfn_test_configs.hpp"
#include "slam/deploy/artifact.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::deploy;

namespace {

const std::string k_digest(64, 'a');

} // namespace

// Packages and templates live under the project's own prefix.
TEST(Artifact, keys_are_content_addressed_under_the_project)
{
  auto config = slam::cfn::testing::default_config();
  EXPECT_EQ(artifact_key(config, k_digest), "slam/myapp/" + k_digest + ".zip");
  EXPECT_EQ(template_key(config, k_digest),
            "slam/myapp/templates/" + k_digest + ".json");
  EXPECT_EQ(template_prefix(config), "slam/myapp/templates/");
}

// The template URL uses the regional S3 host on AWS.
TEST(Artifact, template_url_is_regional_on_aws)
{
  EXPECT_EQ(template_url("bucket", "slam/a/t.json", "eu-west-1", false),
            "https://bucket.s3.eu-west-1.amazonaws.com/slam/a/t.json");
  EXPECT_EQ(template_url("bucket", "k.json", "cn-north-1", false),
            "https://bucket.s3.cn-north-1.amazonaws.com.cn/k.json");
}

// A dotted bucket goes in the path, where TLS still matches.
TEST(Artifact, template_url_puts_a_dotted_bucket_in_the_path)
{
  EXPECT_EQ(template_url("my.bucket", "k.json", "us-east-1", false),
            "https://s3.us-east-1.amazonaws.com/my.bucket/k.json");
}

// With a custom endpoint the global name is used, which moto maps to its
// own store.
TEST(Artifact, template_url_is_global_with_a_custom_endpoint)
{
  EXPECT_EQ(template_url("bucket", "k.json", "eu-west-1", true),
            "https://bucket.s3.amazonaws.com/k.json");
}

// Up to 1 MB goes (through S3); one byte more is refused.
TEST(Artifact, template_size_limit_is_one_megabyte)
{
  EXPECT_NO_THROW(check_template_size(std::string(k_max_template, 'x')));
  EXPECT_THROW(check_template_size(std::string(k_max_template + 1, 'x')),
               slam::Error);
}
