#include "cfn_test_configs.hpp"
#include "slam/cfn/plugins/schedules.hpp"
#include "slam/cfn/template.hpp"
#include "slam/config/load.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

// Stages dev and prod-eu; "nightly" on prod-eu with an input, "warm-up"
// on both, disabled.
config::Config schedules_config()
{
  auto config = config_with_stages({"dev", "prod-eu"});
  auto nightly = schedule("nightly", "cron(0 3 * * ? *)", {"prod-eu"});
  nightly.input = nlohmann::json::parse(R"({"kwargs": {"full": true}})");
  nightly.description = "Nightly clean-up";
  auto warm_up = schedule("warm-up", "rate(5 minutes)", {"dev", "prod-eu"});
  warm_up.enabled = false;
  config.schedules = {nightly, warm_up};
  return config;
}

const char* const k_schedule_resources = R"json({
  "ProdEuNightlySchedule": {
    "Type": "AWS::Events::Rule",
    "Properties": {
      "Description": "Nightly clean-up",
      "ScheduleExpression": "cron(0 3 * * ? *)",
      "State": "ENABLED",
      "Targets": [{
        "Id": "StageAlias",
        "Arn": {"Ref": "ProdEuFunctionAlias"},
        "Input": "{\"kwargs\":{\"full\":true}}"
      }]
    }
  },
  "ProdEuNightlySchedulePermission": {
    "Type": "AWS::Lambda::Permission",
    "Properties": {
      "Action": "lambda:InvokeFunction",
      "FunctionName": {"Ref": "ProdEuFunctionAlias"},
      "Principal": "events.amazonaws.com",
      "SourceArn": {"Fn::GetAtt": ["ProdEuNightlySchedule", "Arn"]}
    }
  },
  "DevWarmUpSchedule": {
    "Type": "AWS::Events::Rule",
    "Properties": {
      "Description": "Schedule 'warm-up' of stage 'dev'",
      "ScheduleExpression": "rate(5 minutes)",
      "State": "DISABLED",
      "Targets": [{
        "Id": "StageAlias",
        "Arn": {"Ref": "DevFunctionAlias"},
        "Input": "{\"args\":[],\"kwargs\":{}}"
      }]
    }
  },
  "DevWarmUpSchedulePermission": {
    "Type": "AWS::Lambda::Permission",
    "Properties": {
      "Action": "lambda:InvokeFunction",
      "FunctionName": {"Ref": "DevFunctionAlias"},
      "Principal": "events.amazonaws.com",
      "SourceArn": {"Fn::GetAtt": ["DevWarmUpSchedule", "Arn"]}
    }
  },
  "ProdEuWarmUpSchedule": {
    "Type": "AWS::Events::Rule",
    "Properties": {
      "Description": "Schedule 'warm-up' of stage 'prod-eu'",
      "ScheduleExpression": "rate(5 minutes)",
      "State": "DISABLED",
      "Targets": [{
        "Id": "StageAlias",
        "Arn": {"Ref": "ProdEuFunctionAlias"},
        "Input": "{\"args\":[],\"kwargs\":{}}"
      }]
    }
  },
  "ProdEuWarmUpSchedulePermission": {
    "Type": "AWS::Lambda::Permission",
    "Properties": {
      "Action": "lambda:InvokeFunction",
      "FunctionName": {"Ref": "ProdEuFunctionAlias"},
      "Principal": "events.amazonaws.com",
      "SourceArn": {"Fn::GetAtt": ["ProdEuWarmUpSchedule", "Arn"]}
    }
  }
})json";

} // namespace

// Each schedule gets a rule and a permission per stage it names, after the
// core template, and no outputs.
TEST(SchedulesPlugin, adds_a_rule_and_permission_per_schedule_and_stage)
{
  auto config = schedules_config();

  auto stack_template = cfn::build_template(config);

  auto expected = cfn::build_template(config_with_stages({"dev", "prod-eu"}));
  auto resources = Json::parse(k_schedule_resources);
  for (const auto& [id, resource] : resources.items()) {
    expected["Resources"][id] = resource;
  }
  EXPECT_EQ(stack_template, expected);
}

// Schedule names that make the same logical id still get their own.
TEST(SchedulesPlugin, clashing_schedule_names_get_unique_ids)
{
  auto config = config_with_stages({"dev"});
  config.schedules = {schedule("warm-up", "rate(1 hour)", {"dev"}),
                      schedule("warm_up", "rate(2 hours)", {"dev"})};

  auto first = cfn::schedule_resource(config, "dev", "warm-up");
  auto second = cfn::schedule_resource(config, "dev", "warm_up");
  auto resources = cfn::build_template(config)["Resources"];

  EXPECT_EQ(first, "DevWarmUpSchedule");
  EXPECT_NE(second, first);
  EXPECT_EQ(resources[first]["Properties"]["ScheduleExpression"],
            "rate(1 hour)");
  EXPECT_EQ(resources[second]["Properties"]["ScheduleExpression"],
            "rate(2 hours)");
}

// A config built without the loader is checked like one read from a file.
TEST(SchedulesPlugin, invalid_schedules_are_reported)
{
  auto config = config_with_stages({"dev"});
  config.schedules = {schedule("nightly", "cron(0 3 * * * *)", {"qa"}),
                      schedule("never", "rate(1 hour)", {})};

  EXPECT_EQ(cfn::validate(config),
            (std::vector<std::string>{
                "schedules.nightly: expression 'cron(0 3 * * * *)' must have "
                "'?' in exactly one of day-of-month and day-of-week, as "
                "EventBridge cannot combine the two",
                "schedules.nightly: stage 'qa' is not a stage of this project",
                "schedules.never: name at least one stage"}));
}

// status lists the schedules of a stage, and which of them are off.
TEST(SchedulesPlugin, status_lines_list_the_stage_schedules)
{
  auto config = schedules_config();
  cfn::SchedulesPlugin plugin;

  EXPECT_EQ(plugin.status_lines(config, "prod-eu", {}),
            (std::vector<cfn::StatusLine>{
                {"schedules",
                 "nightly cron(0 3 * * ? *), warm-up rate(5 minutes) "
                 "(disabled)"}}));
  EXPECT_EQ(plugin.status_lines(config, "dev", {}),
            (std::vector<cfn::StatusLine>{
                {"schedules", "warm-up rate(5 minutes) (disabled)"}}));
  config.schedules.pop_back();
  EXPECT_EQ(plugin.status_lines(config, "dev", {}),
            std::vector<cfn::StatusLine>{});
}

// init writes a commented-out example that, uncommented, loads and
// builds.
TEST(SchedulesPlugin, init_example_loads_when_uncommented)
{
  auto section = cfn::SchedulesPlugin().init_section({});
  std::string uncommented;
  bool in_example = false;
  for (std::size_t start = 0; start < section.size();) {
    auto end = section.find('\n', start);
    auto line = section.substr(start, end - start);
    in_example = in_example || line == "# schedules:";
    uncommented += (in_example ? line.substr(2) : line) + "\n";
    start = end + 1;
  }
  auto config = config::parse_config(R"(name: "shop"
function: {module: "app", app: "app"}
stage_environments: {dev: , prod: }
)" + uncommented,
                                     "slam.yaml",
                                     "/p");

  ASSERT_EQ(config.schedules.size(), 1U);
  EXPECT_EQ(config.schedules[0].stages, std::vector<std::string>{"prod"});
  EXPECT_EQ(cfn::validate(config), std::vector<std::string>{});
}
