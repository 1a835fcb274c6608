#include "slam/config/schedule_expression.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <vector>

using slam::config::check_schedule_expression;

// Rates and crons EventBridge accepts pass.
TEST(ScheduleExpression, valid_expressions_pass)
{
  for (const char* expression : {"rate(1 minute)",
                                 "rate(5 minutes)",
                                 "rate(1 hour)",
                                 "rate(12 hours)",
                                 "rate(1 day)",
                                 "rate(7 days)",
                                 "cron(0 3 * * ? *)",
                                 "cron(0/15 * * * ? *)",
                                 "cron(*/5 8-17 ? * MON-FRI *)",
                                 "cron(0 18 ? * 6L 2030)",
                                 "cron(15 10 ? * 2#1 *)",
                                 "cron(0 0 L * ? *)",
                                 "cron(0 9 15W jan,jul ? 2025-2030)",
                                 "cron(0 12 LW * ? *)",
                                 "cron(5,35 14 * * ? *)"}) {
    EXPECT_EQ(check_schedule_expression(expression), std::nullopt)
        << expression;
  }
}

// A rate needs a whole number of at least 1 and a known unit, singular for
// 1 and plural above, as EventBridge insists.
TEST(ScheduleExpression, rates_are_checked)
{
  const std::string bad_rate =
      "must be rate(VALUE UNIT) with a whole VALUE of at least 1 and a UNIT "
      "of minutes, hours or days";
  EXPECT_EQ(check_schedule_expression("rate(0 minutes)"), bad_rate);
  EXPECT_EQ(check_schedule_expression("rate(5 weeks)"), bad_rate);
  EXPECT_EQ(check_schedule_expression("rate(five minutes)"), bad_rate);
  EXPECT_EQ(check_schedule_expression("rate(1.5 hours)"), bad_rate);
  EXPECT_EQ(check_schedule_expression("rate(99999999999 days)"), bad_rate);
  EXPECT_EQ(check_schedule_expression("rate(1 minutes)"),
            "must use a singular unit for 1: rate(1 minute)");
  EXPECT_EQ(check_schedule_expression("rate(3 hour)"),
            "must use a plural unit above 1: rate(3 hours)");
}

// A cron needs six fields, valid values in each, and '?' in exactly one
// of the day fields.
TEST(ScheduleExpression, crons_are_checked)
{
  EXPECT_EQ(check_schedule_expression("cron(0 3 * * ?)"),
            "must have 6 cron fields (minutes hours day-of-month month "
            "day-of-week year), not 5");
  EXPECT_EQ(check_schedule_expression("cron(60 3 * * ? *)"),
            "has an invalid minutes field '60' (expected 0-59, with , - * /)");
  EXPECT_EQ(check_schedule_expression("cron(0 24 * * ? *)"),
            "has an invalid hours field '24' (expected 0-23, with , - * /)");
  EXPECT_EQ(check_schedule_expression("cron(0 3 32 * ? *)"),
            "has an invalid day-of-month field '32' (expected 1-31, with , - "
            "* ? / L W)");
  EXPECT_EQ(check_schedule_expression("cron(0 3 ? FOO MON *)"),
            "has an invalid month field 'FOO' (expected 1-12 or JAN-DEC, "
            "with , - * /)");
  EXPECT_EQ(check_schedule_expression("cron(0 3 ? * 2#6 *)"),
            "has an invalid day-of-week field '2#6' (expected 1-7 or "
            "SUN-SAT, with , - * ? L #)");
  EXPECT_EQ(check_schedule_expression("cron(0 3 ? * MON 1969)"),
            "has an invalid year field '1969' (expected 1970-2199, with , - "
            "* /)");
  EXPECT_EQ(check_schedule_expression("cron(0,,5 3 * * ? *)"),
            "has an invalid minutes field '0,,5' (expected 0-59, with , - * "
            "/)");
  EXPECT_EQ(check_schedule_expression("cron(0/0 3 * * ? *)"),
            "has an invalid minutes field '0/0' (expected 0-59, with , - * "
            "/)");
  EXPECT_EQ(check_schedule_expression("cron(? 3 * * ? *)"),
            "has an invalid minutes field '?' (expected 0-59, with , - * /)");
  const std::string one_question =
      "must have '?' in exactly one of day-of-month and day-of-week, as "
      "EventBridge cannot combine the two";
  EXPECT_EQ(check_schedule_expression("cron(0 3 * * * *)"), one_question);
  EXPECT_EQ(check_schedule_expression("cron(0 3 ? * ? *)"), one_question);
}

// Anything but rate(...) and cron(...) says what the two forms are.
TEST(ScheduleExpression, other_text_names_both_forms)
{
  const std::string forms = "must be rate(VALUE UNIT) or cron(MINUTES HOURS "
                            "DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR)";
  for (const char* expression :
       {"", "every 5 minutes", "rate 5 minutes", "cron(0 3 * * ? *", "at(x)"}) {
    EXPECT_EQ(check_schedule_expression(expression), forms) << expression;
  }
}
