// The execution role Slam writes grants only what the function needs,
// whatever the project turns on: no wildcard action, log writes only to
// the function's own group, and no managed policy but the configured ones.

#include "cfn_test_configs.hpp"
#include "slam/cfn/template.hpp"

#include <gtest/gtest.h>
#include <set>
#include <string>
#include <vector>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

// The projects whose roles are checked: plain, VPC, tables, REST API with
// execution logs, schedules.
std::vector<config::Config> projects()
{
  auto vpc = default_config();
  vpc.aws.lambda_security_groups = {"sg-1"};
  vpc.aws.lambda_subnet_ids = {"subnet-1"};
  auto tables = config_with_stages({"dev", "prod"});
  tables.dynamodb_tables = {users_table(), orders_table()};
  auto api = default_config();
  api.wsgi.enabled = true;
  api.wsgi.log_stages = true;
  auto scheduled = default_config();
  scheduled.interface = config::Interface::function;
  scheduled.schedules = {schedule("nightly", "rate(1 day)", {"dev"})};
  return {default_config(), vpc, tables, api, scheduled};
}

std::vector<Json> role_statements(const Json& stack_template)
{
  std::vector<Json> statements;
  const auto& role =
      stack_template["Resources"]["FunctionExecutionRole"]["Properties"];
  for (const auto& policy : role["Policies"]) {
    for (const auto& statement : policy["PolicyDocument"]["Statement"]) {
      statements.push_back(statement);
    }
  }
  return statements;
}

std::vector<std::string> actions_of(const Json& statement)
{
  const auto& action = statement["Action"];
  if (action.is_string()) {
    return {action.get<std::string>()};
  }
  return action.get<std::vector<std::string>>();
}

const Json k_own_log_group = {
    {"Fn::Sub",
     "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
     "log-group:/aws/lambda/myapp:*"}};

} // namespace

// No statement allows every action of a service, or everything.
TEST(ExecutionRoleScope, no_wildcard_actions)
{
  for (const auto& config : projects()) {
    for (const auto& statement : role_statements(cfn::build_template(config))) {
      for (const auto& action : actions_of(statement)) {
        EXPECT_EQ(action.find('*'), std::string::npos) << action;
      }
    }
  }
}

// Log actions reach the function's own group and nothing else.
TEST(ExecutionRoleScope, logs_only_in_the_functions_group)
{
  for (const auto& config : projects()) {
    for (const auto& statement : role_statements(cfn::build_template(config))) {
      auto actions = actions_of(statement);
      bool logs = std::any_of(actions.begin(), actions.end(), [](auto& a) {
        return a.starts_with("logs:");
      });
      if (logs) {
        EXPECT_EQ(actions,
                  (std::vector<std::string>{"logs:CreateLogStream",
                                            "logs:PutLogEvents"}));
        EXPECT_EQ(statement["Resource"], Json::array({k_own_log_group}));
      }
    }
  }
}

// Only the configured managed policies are attached, none of Slam's own
// choosing (AWSLambdaVPCAccessExecutionRole would allow writing to every
// log group).
TEST(ExecutionRoleScope, only_configured_managed_policies)
{
  for (auto config : projects()) {
    config.aws.lambda_managed_policies = {
        "arn:aws:iam::123456789012:policy/mine"};
    auto role =
        cfn::build_template(config)["Resources"]["FunctionExecutionRole"];
    EXPECT_EQ(role["Properties"]["ManagedPolicyArns"],
              Json::array({"arn:aws:iam::123456789012:policy/mine"}));
  }
}

// The log group keeps its events for the configured number of days.
TEST(ExecutionRoleScope, log_group_has_the_configured_retention)
{
  auto config = default_config();
  EXPECT_EQ(cfn::build_template(config)["Resources"]["FunctionLogGroup"]
                                       ["Properties"]["RetentionInDays"],
            30);
  config.aws.log_retention_days = 7;
  EXPECT_EQ(cfn::build_template(config)["Resources"]["FunctionLogGroup"]
                                       ["Properties"]["RetentionInDays"],
            7);
}
