#include "slam/aws/headers.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

// Header names match whatever their case.
TEST(AwsHeaders, find_ignores_case_and_returns_the_first)
{
  Headers headers = {{"Content-Type", "a"}, {"content-type", "b"}};
  EXPECT_EQ(find_header(headers, "CONTENT-TYPE"), "a");
  EXPECT_EQ(find_header(headers, "Content-Length"), std::nullopt);
  EXPECT_TRUE(same_header_name("X-Amz-Date", "x-amz-date"));
  EXPECT_FALSE(same_header_name("X-Amz-Date", "x-amz-dat"));
}

// Setting a header replaces every earlier one of that name.
TEST(AwsHeaders, set_replaces_all_of_that_name)
{
  Headers headers = {{"Host", "a"}, {"x-amz-date", "1"}, {"X-Amz-Date", "2"}};
  set_header(headers, "X-Amz-Date", "3");
  EXPECT_EQ(headers, (Headers{{"Host", "a"}, {"X-Amz-Date", "3"}}));
}
