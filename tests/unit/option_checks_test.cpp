#include "slam/cli/option_checks.hpp"

#include <gtest/gtest.h>

using slam::cli::normalise_version;
using slam::cli::number_from_to;

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

// A number out of range and a value that is no number get different
// messages.
TEST(OptionChecks, numbers_are_checked_for_form_then_range)
{
  auto check = number_from_to("port", 0, 65535);
  auto message = [&](std::string value) { return check(value); };
  EXPECT_EQ(message("8000"), "");
  EXPECT_EQ(message("0"), "");
  EXPECT_EQ(message("abc"), "the port 'abc' is not a number");
  EXPECT_EQ(message("-1"), "the port '-1' is not a number");
  EXPECT_EQ(message(""), "the port '' is not a number");
  EXPECT_EQ(message("70000"), "the port 70000 is not from 0 to 65535");
  EXPECT_EQ(message("99999999999999"),
            "the port 99999999999999 is not from 0 to 65535");
}
