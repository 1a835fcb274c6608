#include "slam/cli/option_checks.hpp"

#include <gtest/gtest.h>

using slam::cli::normalise_version;

// A version number is written without leading zeros; a stage name or
// anything else is left as it is.
TEST(OptionChecks, version_numbers_lose_leading_zeros)
{
  EXPECT_EQ(normalise_version("01"), "1");
  EXPECT_EQ(normalise_version("007"), "7");
  EXPECT_EQ(normalise_version("10"), "10");
  EXPECT_EQ(normalise_version("0"), "");
  EXPECT_EQ(normalise_version("000"), "");
  EXPECT_EQ(normalise_version("prod"), "prod");
  EXPECT_EQ(normalise_version("0x1"), "0x1");
  EXPECT_EQ(normalise_version(""), "");
}
