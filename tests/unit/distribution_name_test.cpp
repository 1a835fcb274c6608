#include "slam/package/distribution_name.hpp"

#include <gtest/gtest.h>

using slam::package::normalize_name;

TEST(DistributionName, lowercases_and_joins_separator_runs)
{
  EXPECT_EQ(normalize_name("Flask"), "flask");
  EXPECT_EQ(normalize_name("zope.interface"), "zope-interface");
  EXPECT_EQ(normalize_name("Typing__Extensions"), "typing-extensions");
  EXPECT_EQ(normalize_name("a-_.b"), "a-b");
  EXPECT_EQ(normalize_name("python-dotenv"), "python-dotenv");
}
