#include "slam/deploy/log_period.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using slam::deploy::format_period;
using slam::deploy::parse_period;
using namespace std::chrono_literals;

namespace {

std::string usage_error_of(const std::string& text)
{
  try {
    parse_period(text);
  } catch (const slam::UsageError& error) {
    return error.what();
  }
  return "no usage error";
}

} // namespace

// Each unit, whole and with a fraction.
TEST(LogPeriod, units_and_fractions)
{
  EXPECT_EQ(parse_period("30s"), 30s);
  EXPECT_EQ(parse_period("1m"), 1min);
  EXPECT_EQ(parse_period("1.5m"), 90s);
  EXPECT_EQ(parse_period("1.5h"), 90min);
  EXPECT_EQ(parse_period("2d"), 48h);
  EXPECT_EQ(parse_period("1w"), 168h);
  EXPECT_EQ(parse_period("0.5s"), 500ms);
  EXPECT_EQ(parse_period("0.001s"), 1ms);
  EXPECT_EQ(parse_period("3653d"), 3653 * 24h);
}

// Anything else is a usage error that says what to write.
TEST(LogPeriod, malformed_periods_are_usage_errors)
{
  for (std::string text :
       {"", "1", "m", "1x", "1 m", "-1m", "1.m", ".5m", "1,5m", "1M", "1m2"}) {
    EXPECT_EQ(usage_error_of(text),
              "invalid period '" + text +
                  "': use a number and a unit: s, m, h, d or w (for example "
                  "30s, 1.5h, 2d)");
  }
}

// A period must select something and fit CloudWatch's retention.
TEST(LogPeriod, zero_and_too_long_are_refused)
{
  EXPECT_EQ(usage_error_of("0s"),
            "invalid period '0s': it must be longer than zero");
  EXPECT_EQ(usage_error_of("0.0004s"),
            "invalid period '0.0004s': use a number and a unit: s, m, h, d "
            "or w (for example 30s, 1.5h, 2d)");
  EXPECT_EQ(usage_error_of("3654d"),
            "invalid period '3654d': CloudWatch keeps logs at most 10 years "
            "(3653d)");
  EXPECT_EQ(usage_error_of("999999999w"),
            "invalid period '999999999w': CloudWatch keeps logs at most 10 "
            "years (3653d)");
}

// Periods are shown in the largest unit that divides them.
TEST(LogPeriod, format_uses_the_largest_exact_unit)
{
  EXPECT_EQ(format_period(1min), "1m");
  EXPECT_EQ(format_period(90s), "90s");
  EXPECT_EQ(format_period(48h), "2d");
  EXPECT_EQ(format_period(336h), "2w");
  EXPECT_EQ(format_period(1500ms), "1500ms");
}
