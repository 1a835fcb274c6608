#include "slam/cfn/function.hpp"

#include "slam/cfn/resource_names.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>
#include <fmt/format.h>
#include <regex>

namespace slam::cfn {
namespace {

// The retention periods CloudWatch Logs accepts (PutRetentionPolicy).
constexpr std::array<int, 22> k_log_retention_days = {
    1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
    365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

// The package holds slam_handler.py, which loads the app.
constexpr std::string_view k_handler = "slam_handler.lambda_handler";

Json to_json_list(const std::vector<std::string>& values)
{
  auto list = Json::array();
  for (const auto& value : values) {
    list.push_back(value);
  }
  return list;
}

} // namespace

Json log_group(const config::Config& config)
{
  // Deleting the stack deletes the logs; `slam delete --no-logs` has to
  // retain the group itself.
  return {{"Type", "AWS::Logs::LogGroup"},
          {"DeletionPolicy", "Delete"},
          {"UpdateReplacePolicy", "Delete"},
          {"Properties",
           {{"LogGroupName", "/aws/lambda/" + config.name},
            {"RetentionInDays", config.aws.log_retention_days}}}};
}

Json function(const config::Config& config)
{
  Json properties = {
      {"FunctionName", config.name},
      {"Handler", k_handler},
      {"Runtime", config.aws.lambda_runtime},
      {"Architectures", Json::array({config.aws.lambda_architecture})},
      {"Timeout", config.aws.lambda_timeout},
      {"MemorySize", config.aws.lambda_memory},
      {"Code",
       {{"S3Bucket", ref_to(k_bucket_parameter)},
        {"S3Key", ref_to(k_key_parameter)}}},
      {"Role", get_att(k_role, "Arn")}};
  const auto& aws = config.aws;
  if (!aws.lambda_security_groups.empty() || !aws.lambda_subnet_ids.empty()) {
    properties["VpcConfig"] = {
        {"SecurityGroupIds", to_json_list(aws.lambda_security_groups)},
        {"SubnetIds", to_json_list(aws.lambda_subnet_ids)}};
  }
  // The group must exist before the function runs: the role may write to
  // it but not create it.
  return {{"Type", "AWS::Lambda::Function"},
          {"DependsOn", k_log_group},
          {"Properties", properties}};
}

Json alias(const config::Stage& stage, const LogicalIds& ids)
{
  return {{"Type", "AWS::Lambda::Alias"},
          {"Properties",
           {{"Name", stage.name},
            {"FunctionName", ref_to(k_function)},
            {"FunctionVersion",
             ref_to(version_parameter_name(ids.stage(stage.name)))}}}};
}

bool is_valid_log_retention(int days)
{
  return std::find(k_log_retention_days.begin(),
                   k_log_retention_days.end(),
                   days) != k_log_retention_days.end();
}

std::vector<std::string> check_function(const config::Config& config)
{
  std::vector<std::string> problems;
  // Lambda's pattern for function names; the name is also part of ARNs.
  static const std::regex name_pattern("[A-Za-z0-9_-]{1,64}");
  if (!std::regex_match(config.name, name_pattern)) {
    problems.push_back(fmt::format(
        "name '{}' cannot name a Lambda function: use 1 to 64 letters, digits, "
        "'-' and '_'",
        config.name));
  }
  if (!is_valid_log_retention(config.aws.log_retention_days)) {
    problems.push_back(
        fmt::format("aws.log_retention_days must be one of {}, not {}",
                    fmt::join(k_log_retention_days, ", "),
                    config.aws.log_retention_days));
  }
  const auto& aws = config.aws;
  if (aws.lambda_security_groups.empty() != aws.lambda_subnet_ids.empty()) {
    problems.push_back("aws.lambda_security_groups and aws.lambda_subnet_ids "
                       "must be given together: Lambda needs both to reach "
                       "a VPC");
  }
  if (config.description.size() > 1024) {
    problems.push_back("description must be at most 1024 characters, the "
                       "most a CloudFormation stack accepts");
  }
  return problems;
}

} // namespace slam::cfn
