#include "cfn_test_configs.hpp"
#include "slam/cfn/template.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

// The execution role of project "myapp" without extra policies.
const char* const k_default_role = R"({
  "Type": "AWS::IAM::Role",
  "Properties": {
    "AssumeRolePolicyDocument": {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole"
      }]
    },
    "Policies": [{
      "PolicyName": "FunctionLogs",
      "PolicyDocument": {
        "Version": "2012-10-17",
        "Statement": [{
          "Effect": "Allow",
          "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
          "Resource": [{"Fn::Sub": "arn:${AWS::Partition}:logs:)"
                                   R"(${AWS::Region}:${AWS::AccountId}:)"
                                   R"(log-group:/aws/lambda/myapp:*"}])"
                                   R"(
        }]
      }
    }]
  }
})";

// The function of project "myapp" with default settings.
const char* const k_default_function = R"({
  "Type": "AWS::Lambda::Function",
  "DependsOn": "FunctionLogGroup",
  "Properties": {
    "FunctionName": "myapp",
    "Handler": "slam_handler.lambda_handler",
    "Runtime": "python3.12",
    "Architectures": ["x86_64"],
    "Timeout": 10,
    "MemorySize": 128,
    "Code": {"S3Bucket": {"Ref": "LambdaS3Bucket"},
             "S3Key": {"Ref": "LambdaS3Key"}},
    "Role": {"Fn::GetAtt": ["FunctionExecutionRole", "Arn"]}
  }
})";

Json resource(const config::Config& config, const std::string& name)
{
  return cfn::build_template(config).at("Resources").at(name);
}

// Return the message of the slam::UsageError that building CONFIG throws.
std::string usage_error(const config::Config& config)
{
  try {
    cfn::build_template(config);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no error)";
}

} // namespace

// The template of `slam init` defaults, whole.
TEST(Template, default_config_gives_function_role_logs_and_alias)
{
  auto expected = Json::parse(R"({
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "My app",
    "Parameters": {
      "LambdaS3Bucket": {"Type": "String",
                         "Description": "S3 bucket holding the Lambda package"},
      "LambdaS3Key": {"Type": "String",
                      "Description": "S3 key of the Lambda package"},
      "DevVersion": {"Type": "String", "Default": "$LATEST",
        "Description": "Lambda version of stage dev: a number or $LATEST"}
    },
    "Resources": {
      "FunctionExecutionRole": "role",
      "FunctionLogGroup": {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Delete",
        "UpdateReplacePolicy": "Delete",
        "Properties": {"LogGroupName": "/aws/lambda/myapp",
                       "RetentionInDays": 30}
      },
      "Function": "function",
      "DevFunctionAlias": {
        "Type": "AWS::Lambda::Alias",
        "Properties": {"Name": "dev", "FunctionName": {"Ref": "Function"},
                       "FunctionVersion": {"Ref": "DevVersion"}}
      }
    },
    "Outputs": {
      "FunctionArn": {"Description": "ARN of the function",
                      "Value": {"Fn::GetAtt": ["Function", "Arn"]}}
    }
  })");
  expected["Resources"]["FunctionExecutionRole"] = Json::parse(k_default_role);
  expected["Resources"]["Function"] = Json::parse(k_default_function);

  EXPECT_EQ(cfn::build_template(default_config()), expected);
}

// Every stage, devstage included, gets a version parameter and an alias; ids
// are UpperCamelCase, and a later name that gives a taken id gets a hash.
TEST(Template, stages_with_dashes_and_underscores_get_valid_unique_ids)
{
  auto config = config_with_stages({"dev", "my-stage", "prod_eu", "my_stage"});
  auto stack_template = cfn::build_template(config);

  auto parameter = [](const std::string& stage) {
    return Json{{"Type", "String"},
                {"Default", "$LATEST"},
                {"Description",
                 "Lambda version of stage " + stage + ": a number or $LATEST"}};
  };
  auto alias = [](const std::string& stage, const std::string& parameter) {
    return Json{{"Type", "AWS::Lambda::Alias"},
                {"Properties",
                 {{"Name", stage},
                  {"FunctionName", {{"Ref", "Function"}}},
                  {"FunctionVersion", {{"Ref", parameter}}}}}};
  };
  auto parameters = Json::parse(R"({
    "LambdaS3Bucket": {"Type": "String",
                       "Description": "S3 bucket holding the Lambda package"},
    "LambdaS3Key": {"Type": "String",
                    "Description": "S3 key of the Lambda package"}})");
  parameters["DevVersion"] = parameter("dev");
  parameters["MyStageVersion"] = parameter("my-stage");
  parameters["ProdEuVersion"] = parameter("prod_eu");
  parameters["MyStagee0cf6dc0Version"] = parameter("my_stage");
  EXPECT_EQ(stack_template["Parameters"], parameters);

  Json resources;
  resources["FunctionExecutionRole"] = Json::parse(k_default_role);
  resources["FunctionLogGroup"] =
      stack_template["Resources"]["FunctionLogGroup"];
  resources["Function"] = Json::parse(k_default_function);
  resources["DevFunctionAlias"] = alias("dev", "DevVersion");
  resources["MyStageFunctionAlias"] = alias("my-stage", "MyStageVersion");
  resources["ProdEuFunctionAlias"] = alias("prod_eu", "ProdEuVersion");
  resources["MyStagee0cf6dc0FunctionAlias"] =
      alias("my_stage", "MyStagee0cf6dc0Version");
  EXPECT_EQ(stack_template["Resources"], resources);
}

// Configured settings reach the function and its log group unchanged.
TEST(Template, function_settings_come_from_the_config)
{
  auto config = default_config();
  config.aws.lambda_runtime = "python3.11";
  config.aws.lambda_architecture = "arm64";
  config.aws.lambda_timeout = 30;
  config.aws.lambda_memory = 512;
  config.aws.log_retention_days = 14;

  auto stack_template = cfn::build_template(config);

  auto function = Json::parse(k_default_function);
  function["Properties"]["Runtime"] = "python3.11";
  function["Properties"]["Architectures"] = {"arm64"};
  function["Properties"]["Timeout"] = 30;
  function["Properties"]["MemorySize"] = 512;
  EXPECT_EQ(stack_template["Resources"]["Function"], function);
  EXPECT_EQ(stack_template["Resources"]["FunctionLogGroup"]["Properties"],
            Json::parse(R"({"LogGroupName": "/aws/lambda/myapp",
                            "RetentionInDays": 14})"));
}

// Without a description the template has none (CloudFormation keeps "").
TEST(Template, empty_description_is_left_out)
{
  auto config = default_config();
  config.description = "";

  auto stack_template = cfn::build_template(config);

  EXPECT_FALSE(stack_template.contains("Description"));
}

// A VPC needs the VpcConfig and the EC2 actions that let Lambda manage
// network interfaces, but not AWSLambdaVPCAccessExecutionRole, which also
// allows writing to every log group.
TEST(Template, vpc_settings_add_vpc_config_and_network_interface_policy)
{
  auto config = default_config();
  config.aws.lambda_security_groups = {"sg-1"};
  config.aws.lambda_subnet_ids = {"subnet-1", "subnet-2"};

  auto stack_template = cfn::build_template(config);

  auto function = Json::parse(k_default_function);
  function["Properties"]["VpcConfig"] = Json::parse(R"({
    "SecurityGroupIds": ["sg-1"], "SubnetIds": ["subnet-1", "subnet-2"]})");
  EXPECT_EQ(stack_template["Resources"]["Function"], function);
  auto role = Json::parse(k_default_role);
  role["Properties"]["Policies"].push_back(Json::parse(R"({
    "PolicyName": "VpcNetworkInterfaces",
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
      "Effect": "Allow",
      "Action": ["ec2:CreateNetworkInterface",
                 "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                 "ec2:DeleteNetworkInterface",
                 "ec2:AssignPrivateIpAddresses",
                 "ec2:UnassignPrivateIpAddresses"],
      "Resource": "*"}]}})"));
  EXPECT_EQ(stack_template["Resources"]["FunctionExecutionRole"], role);
}

// Managed policies are attached as given; a list of statements becomes one
// inline policy.
TEST(Template, managed_policies_and_listed_statements_reach_the_role)
{
  auto config = default_config();
  config.aws.lambda_managed_policies = {
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"};
  config.aws.lambda_inline_policies = nlohmann::json::parse(R"([
    {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"},
    {"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}])");

  auto role = resource(config, "FunctionExecutionRole");

  auto expected = Json::parse(k_default_role);
  auto& properties = expected["Properties"];
  properties = Json{
      {"AssumeRolePolicyDocument", properties["AssumeRolePolicyDocument"]},
      {"ManagedPolicyArns", {"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
      {"Policies", properties["Policies"]}};
  properties["Policies"].push_back(Json::parse(R"({
    "PolicyName": "InlinePolicy",
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": "*"},
      {"Action": "sns:Publish", "Effect": "Allow", "Resource": "*"}]}})"));
  EXPECT_EQ(role, expected);
}

// A mapping of names to documents becomes one inline policy per name.
TEST(Template, named_policy_documents_become_one_policy_each)
{
  auto config = default_config();
  config.aws.lambda_inline_policies = nlohmann::json::parse(R"({
    "Queue": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]},
    "Topic": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}})");

  auto role = resource(config, "FunctionExecutionRole");

  auto expected = Json::parse(k_default_role);
  expected["Properties"]["Policies"].push_back(Json::parse(R"({
    "PolicyName": "Queue",
    "PolicyDocument": {"Statement": [
      {"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": "*"}],
      "Version": "2012-10-17"}})"));
  expected["Properties"]["Policies"].push_back(Json::parse(R"({
    "PolicyName": "Topic",
    "PolicyDocument": {"Statement": [
      {"Action": "sns:Publish", "Effect": "Allow", "Resource": "*"}],
      "Version": "2012-10-17"}})"));
  EXPECT_EQ(role, expected);
}

// A user policy may not take the name of one slam writes.
TEST(Template, inline_policy_named_like_a_generated_one_is_a_usage_error)
{
  auto config = default_config();
  config.aws.lambda_inline_policies = nlohmann::json::parse(R"({
    "FunctionLogs": {"Version": "2012-10-17", "Statement": []}})");

  EXPECT_EQ(usage_error(config),
            "aws.lambda_inline_policies: policy name 'FunctionLogs' is used "
            "by slam; rename the policy");
}

// cfn_resources and cfn_outputs are added after everything slam makes.
TEST(Template, custom_resources_and_outputs_are_merged_unchanged)
{
  auto config = default_config();
  config.aws.cfn_resources = nlohmann::json::parse(R"({
    "Uploads": {"Type": "AWS::S3::Bucket",
                "Properties": {"BucketName": "myapp-uploads"}}})");
  config.aws.cfn_outputs = nlohmann::json::parse(R"({
    "UploadsBucket": {"Value": {"Ref": "Uploads"}}})");

  auto stack_template = cfn::build_template(config);

  auto without_custom = cfn::build_template(default_config());
  auto expected = without_custom;
  expected["Resources"]["Uploads"] = Json::parse(R"({
    "Properties": {"BucketName": "myapp-uploads"},
    "Type": "AWS::S3::Bucket"})");
  expected["Outputs"]["UploadsBucket"] =
      Json::parse(R"({"Value": {"Ref": "Uploads"}})");
  EXPECT_EQ(stack_template, expected);
}

// A custom resource or output may not replace a generated one, and a custom
// resource may not take a parameter's id.
TEST(Template, custom_entry_with_a_generated_id_is_a_usage_error)
{
  auto resource_clash = default_config();
  resource_clash.aws.cfn_resources =
      nlohmann::json::parse(R"({"Function": {"Type": "AWS::SNS::Topic"}})");
  auto parameter_clash = default_config();
  parameter_clash.aws.cfn_resources =
      nlohmann::json::parse(R"({"DevVersion": {"Type": "AWS::SNS::Topic"}})");
  auto output_clash = default_config();
  output_clash.aws.cfn_outputs =
      nlohmann::json::parse(R"({"FunctionArn": {"Value": "x"}})");

  EXPECT_EQ(usage_error(resource_clash),
            "aws.cfn_resources: 'Function' is a logical id slam generates; "
            "give yours another name");
  EXPECT_EQ(usage_error(parameter_clash),
            "aws.cfn_resources: 'DevVersion' is a logical id slam generates; "
            "give yours another name");
  EXPECT_EQ(usage_error(output_clash),
            "aws.cfn_outputs: 'FunctionArn' is a logical id slam generates; "
            "give yours another name");
}

// Settings CloudFormation would reject are all reported at once.
TEST(Template, invalid_settings_are_reported_together)
{
  auto config = default_config();
  config.name = "my app";
  config.aws.log_retention_days = 31;
  config.aws.lambda_security_groups = {"sg-1"};
  config.aws.lambda_inline_policies = nlohmann::json::parse(R"({
    "bad name": {"Version": "2012-10-17", "Statement": []}, "ok": []})");
  config.aws.cfn_resources =
      nlohmann::json::parse(R"({"X": {}, "my-topic": {"Type": "T"}})");
  config.aws.cfn_outputs = nlohmann::json::parse(R"([])");

  std::vector<std::string> expected = {
      "name 'my app' cannot name a Lambda function: use 1 to 64 letters, "
      "digits, '-' and '_'",
      "aws.log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, "
      "150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, "
      "not 31",
      "aws.lambda_security_groups and aws.lambda_subnet_ids must be given "
      "together: Lambda needs both to reach a VPC",
      "aws.lambda_inline_policies: 'bad name' is not a valid IAM policy name "
      "(1 to 128 letters, digits and +=,.@_-)",
      "aws.lambda_inline_policies: policy 'ok' must be a policy document (a "
      "mapping with Version and Statement)",
      "aws.cfn_resources.X must be a mapping with Type",
      "aws.cfn_resources: 'my-topic' is not a logical id (1 to 255 letters "
      "and digits)",
      "aws.cfn_outputs must be a mapping of logical ids to CloudFormation "
      "definitions"};
  EXPECT_EQ(cfn::validate(config), expected);
  std::string joined;
  for (const auto& problem : expected) {
    joined += (joined.empty() ? "" : "\n") + problem;
  }
  EXPECT_EQ(usage_error(config), joined);
}

// Inline policies must be statements or documents.
TEST(Template, inline_policies_of_the_wrong_shape_are_reported)
{
  auto scalar = default_config();
  scalar.aws.lambda_inline_policies = "s3:*";
  auto list = default_config();
  list.aws.lambda_inline_policies = nlohmann::json::parse(R"(["s3:*"])");

  EXPECT_EQ(
      cfn::validate(scalar),
      std::vector<std::string>{
          "aws.lambda_inline_policies must be a list of IAM statements or "
          "a mapping of policy names to policy documents"});
  EXPECT_EQ(cfn::validate(list),
            std::vector<std::string>{"aws.lambda_inline_policies: each "
                                     "statement of the list must be a "
                                     "mapping"});
}

// The defaults and a usual config have nothing to report.
TEST(Template, valid_config_has_no_problems)
{
  EXPECT_EQ(cfn::validate(default_config()), std::vector<std::string>{});
}
