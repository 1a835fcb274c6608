#include "stage_project.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

using Json = nlohmann::json;

namespace {

slam::config::Config load(const std::string& more)
{
  return slam::test::load_stage_project(more);
}

std::string config_error(const std::string& more)
{
  return slam::test::stage_project_error(more);
}

} // namespace

// A schedule gets the devstage, the no-argument call as input and a
// running rule unless it says otherwise.
TEST(ReadSchedules, schedules_get_defaults)
{
  auto config = load(R"yaml(schedules:
  nightly:
    expression: "cron(0 3 * * ? *)"
)yaml");

  ASSERT_EQ(config.schedules.size(), 1U);
  const auto& schedule = config.schedules[0];
  EXPECT_EQ(schedule.name, "nightly");
  EXPECT_EQ(schedule.expression, "cron(0 3 * * ? *)");
  EXPECT_EQ(schedule.stages, std::vector<std::string>{"dev"});
  EXPECT_EQ(schedule.input, Json::parse(R"({"args": [], "kwargs": {}})"));
  EXPECT_EQ(schedule.description, "");
  EXPECT_TRUE(schedule.enabled);
}

// Every key of a schedule is read; stage may be one name or a list, and
// input a call's args and kwargs, kept as JSON.
TEST(ReadSchedules, every_key_is_read)
{
  auto config = load(R"yaml(schedules:
  warm-up:
    expression: "rate(5 minutes)"
    stage: [dev, prod-eu]
    input: {kwargs: {full: true, "count": "3", limit: 10}}
    description: "Keep it warm"
    enabled: false
  report:
    expression: "rate(1 day)"
    stage: prod-eu
    input: {args: [1, "a"]}
)yaml");

  ASSERT_EQ(config.schedules.size(), 2U);
  const auto& warm_up = config.schedules[0];
  EXPECT_EQ(warm_up.stages, (std::vector<std::string>{"dev", "prod-eu"}));
  EXPECT_EQ(
      warm_up.input,
      Json::parse(R"({"kwargs": {"full": true, "count": "3", "limit": 10}})"));
  EXPECT_EQ(warm_up.description, "Keep it warm");
  EXPECT_FALSE(warm_up.enabled);
  const auto& report = config.schedules[1];
  EXPECT_EQ(report.stages, std::vector<std::string>{"prod-eu"});
  EXPECT_EQ(report.input, Json::parse(R"({"args": [1, "a"]})"));
}

// The handler runs only a direct invocation, so input must be one.
TEST(ReadSchedules, input_must_be_args_and_kwargs)
{
  auto expected = [](int line, const char* name) {
    return fmt::format("slam.yaml:{}:12: input of schedule '{}' must be a "
                       "mapping with a list in 'args' and/or a mapping in "
                       "'kwargs', the call the function gets",
                       line,
                       name);
  };
  for (const char* input :
       {"\"text\"", "{}", "{args: {a: 1}}", "{kwargs: [1]}", "{body: 1}"}) {
    EXPECT_EQ(config_error(fmt::format("schedules:\n  bad:\n    expression: "
                                       "\"rate(1 day)\"\n    input: {}\n",
                                       input)),
              expected(11, "bad"))
        << input;
  }
}

// Each problem of a schedule names its place in the file.
TEST(ReadSchedules, schedule_errors_have_positions)
{
  EXPECT_EQ(config_error(R"yaml(schedules:
  nightly:
    expression: "cron(0 3 * * * *)"
    stage: qa
  "bad name":
    expression: "rate(1 hours)"
  empty:
    stage: dev
)yaml"),
            "slam.yaml:10:17: expression 'cron(0 3 * * * *)' must have '?' "
            "in exactly one of day-of-month and day-of-week, as EventBridge "
            "cannot combine the two\n"
            "slam: error: slam.yaml:11:12: stage 'qa' of schedule 'nightly' "
            "is not one of the stages in stage_environments\n"
            "slam: error: slam.yaml:12:3: schedule 'bad name' must contain "
            "only letters, digits, '-' and '_' (at most 64 characters)\n"
            "slam: error: slam.yaml:13:17: expression 'rate(1 hours)' must "
            "use a singular unit for 1: rate(1 hour)\n"
            "slam: error: slam.yaml:15:5: schedule 'empty' needs an "
            "'expression', such as \"rate(1 hour)\" or \"cron(0 3 * * ? *)\"");
}

// schedules must map names to definitions.
TEST(ReadSchedules, schedules_must_be_a_mapping)
{
  EXPECT_EQ(config_error("schedules: [nightly]\n"),
            "slam.yaml:8:12: schedules must be a mapping of schedule names to "
            "definitions (expression, stage, input)");
}

// EventBridge limits a rule's input to 8192 characters.
TEST(ReadSchedules, input_size_is_limited)
{
  EXPECT_EQ(config_error("schedules:\n  big:\n    expression: \"rate(1 "
                         "day)\"\n    input: {kwargs: {x: \"" +
                         std::string(8200, 'x') + "\"}}\n"),
            "slam.yaml:11:12: input of schedule 'big' must be at most 8192 "
            "characters as JSON (EventBridge's limit)");
}
