#include "slam/cfn/execution_role.hpp"

#include "slam/cfn/resource_names.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <regex>

namespace slam::cfn {
namespace {

constexpr std::string_view k_policy_version = "2012-10-17";

// The one inline policy made from a list of statements.
constexpr std::string_view k_listed_statements_policy = "InlinePolicy";

Json assume_role_policy()
{
  return {{"Version", k_policy_version},
          {"Statement",
           Json::array({{{"Effect", "Allow"},
                         {"Principal", {{"Service", "lambda.amazonaws.com"}}},
                         {"Action", "sts:AssumeRole"}}})}};
}

// Lambda creates streams in the group and writes to them; the group itself
// is the stack's, so the function needs no logs:CreateLogGroup.
Json log_policy(const config::Config& config)
{
  auto group_arn = sub("arn:${AWS::Partition}:logs:${AWS::Region}:"
                       "${AWS::AccountId}:log-group:/aws/lambda/" +
                       sub_literal(config.name) + ":*");
  return {{"PolicyName", "FunctionLogs"},
          {"PolicyDocument",
           allow_policy({"logs:CreateLogStream", "logs:PutLogEvents"},
                        Json::array({group_arn}))}};
}

// Lambda manages the function's network interfaces in the VPC with the
// role. These are the EC2 actions of AWSLambdaVPCAccessExecutionRole
// without its logs:CreateLogGroup and log writes on every group; EC2 does
// not scope its Describe actions to resources.
Json vpc_network_policy()
{
  return {{"PolicyName", "VpcNetworkInterfaces"},
          {"PolicyDocument",
           allow_policy({"ec2:CreateNetworkInterface",
                         "ec2:DescribeNetworkInterfaces",
                         "ec2:DescribeSubnets",
                         "ec2:DeleteNetworkInterface",
                         "ec2:AssignPrivateIpAddresses",
                         "ec2:UnassignPrivateIpAddresses"},
                        "*")}};
}

Json managed_policies(const config::Config& config)
{
  auto arns = Json::array();
  for (const auto& arn : config.aws.lambda_managed_policies) {
    arns.push_back(arn);
  }
  return arns;
}

} // namespace

Json execution_role(const config::Config& config)
{
  Json properties = {{"AssumeRolePolicyDocument", assume_role_policy()}};
  auto managed = managed_policies(config);
  if (!managed.empty()) {
    properties["ManagedPolicyArns"] = managed;
  }
  properties["Policies"] = Json::array({log_policy(config)});
  if (!config.aws.lambda_subnet_ids.empty()) {
    properties["Policies"].push_back(vpc_network_policy());
  }
  return {{"Type", "AWS::IAM::Role"}, {"Properties", properties}};
}

void add_inline_policies(const config::Config& config, Json& stack_template)
{
  const auto& configured = config.aws.lambda_inline_policies;
  if (configured.is_array() && !configured.empty()) {
    add_role_policy(
        stack_template,
        std::string(k_listed_statements_policy),
        {{"Version", k_policy_version}, {"Statement", Json(configured)}});
  } else if (configured.is_object()) {
    for (const auto& [name, document] : configured.items()) {
      add_role_policy(stack_template, name, Json(document));
    }
  }
}

std::vector<std::string> check_inline_policies(const config::Config& config)
{
  const auto& configured = config.aws.lambda_inline_policies;
  std::vector<std::string> problems;
  if (configured.is_array()) {
    for (const auto& statement : configured) {
      if (!statement.is_object()) {
        problems.push_back("aws.lambda_inline_policies: each statement of "
                           "the list must be a mapping");
        break;
      }
    }
    return problems;
  }
  if (!configured.is_object()) {
    return {"aws.lambda_inline_policies must be a list of IAM statements or "
            "a mapping of policy names to policy documents"};
  }
  // IAM's pattern for policy names.
  static const std::regex name_pattern(R"([\w+=,.@-]{1,128})");
  for (const auto& [name, document] : configured.items()) {
    if (!std::regex_match(name, name_pattern)) {
      problems.push_back(fmt::format(
          "aws.lambda_inline_policies: '{}' is not a valid IAM policy name "
          "(1 to 128 letters, digits and +=,.@_-)",
          name));
    }
    if (!document.is_object()) {
      problems.push_back(fmt::format(
          "aws.lambda_inline_policies: policy '{}' must be a policy document "
          "(a mapping with Version and Statement)",
          name));
    }
  }
  return problems;
}

void add_role_policy(Json& stack_template,
                     const std::string& name,
                     Json document)
{
  auto& policies =
      stack_template["Resources"][k_role]["Properties"]["Policies"];
  for (const auto& policy : policies) {
    if (policy.at("PolicyName") == name) {
      throw UsageError(fmt::format(
          "aws.lambda_inline_policies: policy name '{}' is used by slam; "
          "rename the policy",
          name));
    }
  }
  policies.push_back(
      {{"PolicyName", name}, {"PolicyDocument", std::move(document)}});
}

Json allow_policy(const std::vector<std::string>& actions, Json resources)
{
  return {{"Version", k_policy_version},
          {"Statement",
           Json::array({{{"Effect", "Allow"},
                         {"Action", actions},
                         {"Resource", std::move(resources)}}})}};
}

} // namespace slam::cfn
