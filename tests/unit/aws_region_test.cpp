#include "aws_test_support.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/region.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

class AwsRegion : public slam::aws::testing::AwsEnvTest
{
protected:
  std::string resolve(const std::string& option,
                      const std::string& config_region)
  {
    return resolve_region(option, load_profile(""), config_region);
  }
};

} // namespace

// Each source wins over the ones after it: --region, AWS_REGION,
// AWS_DEFAULT_REGION, the profile, slam.yaml.
TEST_F(AwsRegion, sources_in_order)
{
  write_home_file(".aws/config", "[default]\nregion = eu-central-1\n");
  set_env("AWS_REGION", "eu-west-1");
  set_env("AWS_DEFAULT_REGION", "eu-west-2");
  EXPECT_EQ(resolve("ap-south-1", "us-west-2"), "ap-south-1");
  EXPECT_EQ(resolve("", "us-west-2"), "eu-west-1");
  set_env("AWS_REGION", "");
  EXPECT_EQ(resolve("", "us-west-2"), "eu-west-2");
  set_env("AWS_DEFAULT_REGION", "");
  EXPECT_EQ(resolve("", "us-west-2"), "eu-central-1");
  write_home_file(".aws/config", "[default]\noutput = json\n");
  EXPECT_EQ(resolve("", "us-west-2"), "us-west-2");
}

// The region of the chosen profile counts, not the default's.
TEST_F(AwsRegion, region_of_the_chosen_profile)
{
  write_home_file(".aws/config",
                  "[default]\nregion = eu-central-1\n"
                  "[profile dev]\nregion = sa-east-1\n");
  set_env("AWS_PROFILE", "dev");
  EXPECT_EQ(resolve("", ""), "sa-east-1");
}

// No region anywhere says how to set one.
TEST_F(AwsRegion, none_configured_is_a_usage_error)
{
  try {
    resolve("", "");
    FAIL() << "no error";
  } catch (const slam::UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "no AWS region configured; pass --region, set AWS_REGION, add "
              "a region to your AWS profile or set aws.region in slam.yaml");
  }
}

// A region ends up in host names: garbage is refused with its source.
TEST_F(AwsRegion, malformed_region_is_refused)
{
  set_env("AWS_DEFAULT_REGION", "US East/1");
  try {
    resolve("", "");
    FAIL() << "no error";
  } catch (const slam::UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "'US East/1' (from AWS_DEFAULT_REGION) is not an AWS region "
              "name such as 'us-east-1'");
  }
}

// ARNs name the partition of the region: China and GovCloud have their own.
TEST(AwsPartition, partition_follows_the_region)
{
  EXPECT_EQ(partition_of("us-east-1"), "aws");
  EXPECT_EQ(partition_of("eu-central-2"), "aws");
  EXPECT_EQ(partition_of("cn-north-1"), "aws-cn");
  EXPECT_EQ(partition_of("us-gov-west-1"), "aws-us-gov");
}
