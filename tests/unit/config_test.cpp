#include "slam/config/config.hpp"

#include <gtest/gtest.h>

using slam::config::Config;

// The derived bucket is the project name, lowercased, plus a suffix.
TEST(Config, bucket_is_derived_from_the_name)
{
  Config config;
  config.name = "My-Shop";
  EXPECT_EQ(config.bucket(), "my-shop-slam-packages");
  config.aws.s3_bucket = "team-bucket";
  EXPECT_EQ(config.bucket(), "team-bucket");
}

// A long project name still gives a valid bucket name of its own.
TEST(Config, long_name_gives_a_valid_unique_bucket)
{
  Config first;
  first.name = std::string(60, 'a') + "bcd";
  Config second;
  second.name = std::string(60, 'a') + "bce";
  EXPECT_EQ(first.bucket().size(), 63U);
  EXPECT_NE(first.bucket(), second.bucket());
  EXPECT_EQ(first.bucket().substr(0, 40), std::string(40, 'a'));
  EXPECT_TRUE(first.bucket().ends_with("-slam-packages"));
}
