#include "slam/deploy/log_retention.hpp"

#include <gtest/gtest.h>

using nlohmann::json;
using namespace slam::deploy;

// Every log group is retained and tagged; other resources are untouched.
TEST(LogRetention, log_groups_are_retained_and_tagged)
{
  auto original = json::parse(R"({
    "Resources": {
      "FunctionLogGroup": {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Delete",
        "UpdateReplacePolicy": "Delete",
        "Properties": {"LogGroupName": "/aws/lambda/app", "RetentionInDays": 30}
      },
      "Extra": {
        "Type": "AWS::Logs::LogGroup",
        "Properties": {
          "LogGroupName": {"Fn::Sub": "/custom/${AWS::StackName}"},
          "Tags": [{"Key": "team", "Value": "web"},
                   {"Key": "slam:retained-from", "Value": "old"}]
        }
      },
      "Bare": {"Type": "AWS::Logs::LogGroup"},
      "Function": {"Type": "AWS::Lambda::Function", "DeletionPolicy": "Delete"}
    },
    "Outputs": {"X": {"Value": "y"}}
  })");
  auto retained = retain_log_groups(original, "app");
  auto expected = json::parse(R"({
    "Resources": {
      "FunctionLogGroup": {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
          "LogGroupName": "/aws/lambda/app", "RetentionInDays": 30,
          "Tags": [{"Key": "slam:retained-from", "Value": "app"}]
        }
      },
      "Extra": {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
          "LogGroupName": {"Fn::Sub": "/custom/${AWS::StackName}"},
          "Tags": [{"Key": "team", "Value": "web"},
                   {"Key": "slam:retained-from", "Value": "app"}]
        }
      },
      "Bare": {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {"Tags": [{"Key": "slam:retained-from", "Value": "app"}]}
      },
      "Function": {"Type": "AWS::Lambda::Function", "DeletionPolicy": "Delete"}
    },
    "Outputs": {"X": {"Value": "y"}}
  })");
  EXPECT_EQ(retained.body, expected);
  // nlohmann::json orders object keys, so the ids come sorted.
  EXPECT_EQ(retained.logical_ids,
            (std::vector<std::string>{"Bare", "Extra", "FunctionLogGroup"}));
  EXPECT_EQ(retained.group_names,
            (std::vector<std::string>{"Bare", "Extra", "/aws/lambda/app"}));
}

// A template without log groups comes back unchanged.
TEST(LogRetention, template_without_log_groups_is_unchanged)
{
  auto original =
      json::parse(R"({"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}})");
  auto retained = retain_log_groups(original, "app");
  EXPECT_EQ(retained.body, original);
  EXPECT_TRUE(retained.logical_ids.empty());
  EXPECT_TRUE(retained.group_names.empty());
  EXPECT_EQ(retain_log_groups(json::object(), "app").body, json::object());
}
