#include "cfn_test_configs.hpp"
#include "slam/cfn/template.hpp"
#include "slam/util/files.hpp"
#include "slam/util/process.hpp"
#include "source_dir.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <string>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

// Return whether moto_server and a python3 with boto3 are at hand.
bool moto_available()
{
  if (!util::find_program("moto_server") || !util::find_program("python3")) {
    return false;
  }
  return util::run_process({"python3", "-c", "import boto3, moto"}).exit_code ==
         0;
}

// Return what template_moto_check.py reports for STACK_TEMPLATE.
Json create_on_moto(const Json& stack_template)
{
  auto dir = util::make_temp_dir("slam-cfn-moto-");
  auto file = dir / "template.json";
  util::write_file_atomic(file, stack_template.dump(2));
  util::ProcessOptions options;
  // The script points boto3 at its own moto_server; these keep anything it
  // might miss away from real AWS.
  options.env = {{"AWS_ACCESS_KEY_ID", "testing"},
                 {"AWS_SECRET_ACCESS_KEY", "testing"},
                 {"AWS_SESSION_TOKEN", std::nullopt},
                 {"AWS_PROFILE", std::nullopt},
                 {"AWS_EC2_METADATA_DISABLED", "true"},
                 {"AWS_DEFAULT_REGION", "us-east-1"}};
  auto result = util::run_process(
      {"python3",
       (slam::test::source_dir() / "tests/unit/template_moto_check.py")
           .string(),
       file.string()},
      options);
  std::filesystem::remove_all(dir);
  if (result.exit_code != 0) {
    ADD_FAILURE() << result.err;
    return Json();
  }
  return Json::parse(result.out);
}

} // namespace

// moto_server creates the stack of a wsgi project with DynamoDB tables and
// returns its outputs. It skips the aliases and API stages (listed without
// a logical id) and ignores binary media types and integration credentials.
TEST(TemplateMoto, wsgi_and_dynamodb_stack_is_created_with_outputs)
{
  if (!moto_available()) {
    GTEST_SKIP() << "moto_server or boto3 is not available";
  }
  auto config = config_with_stages({"dev", "prod-eu"});
  config.wsgi.enabled = true;
  config.dynamodb_tables = {users_table(), orders_table()};
  auto stack_template = cfn::build_template(config);
  std::string deployment;
  for (const auto& [id, resource] : stack_template["Resources"].items()) {
    if (resource["Type"] == "AWS::ApiGateway::Deployment") {
      deployment = id;
    }
  }

  auto report = create_on_moto(stack_template);

  auto api_id = report["outputs"].value("ApiId", "");
  auto expected = Json::parse(R"({
    "status": "CREATE_COMPLETE",
    "outputs": {
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:myapp",
      "ApiId": "",
      "DevEndpoint": "",
      "ProdEuEndpoint": ""
    },
    "resources": {},
    "unnamed_resources": 4,
    "tables": ["dev.orders", "dev.users", "prod-eu.orders", "prod-eu.users"],
    "function": {
      "FunctionName": "myapp",
      "Handler": "slam_handler.lambda_handler",
      "Runtime": "python3.12",
      "Architectures": ["x86_64"]
    },
    "aliases": [],
    "log_groups": {"/aws/lambda/myapp": 30},
    "api": {
      "name": "myapp",
      "methods": {"ANY /": "", "ANY /{proxy+}": ""},
      "stages": []
    }
  })");
  auto& outputs = expected["outputs"];
  outputs["ApiId"] = api_id;
  auto url = "https://" + api_id + ".execute-api.us-east-1.amazonaws.com/";
  outputs["DevEndpoint"] = url + "dev/";
  outputs["ProdEuEndpoint"] = url + "prod-eu/";
  // Sorted by logical id, as in the report.
  std::map<std::string, std::string> resources = {
      {"API", "AWS::ApiGateway::RestApi"},
      {deployment, "AWS::ApiGateway::Deployment"},
      {"APIInvocationRole", "AWS::IAM::Role"},
      {"APIProxyMethod", "AWS::ApiGateway::Method"},
      {"APIProxyResource", "AWS::ApiGateway::Resource"},
      {"APIRootMethod", "AWS::ApiGateway::Method"},
      {"DevOrdersDynamoDBTable", "AWS::DynamoDB::Table"},
      {"DevUsersDynamoDBTable", "AWS::DynamoDB::Table"},
      {"Function", "AWS::Lambda::Function"},
      {"FunctionExecutionRole", "AWS::IAM::Role"},
      {"FunctionLogGroup", "AWS::Logs::LogGroup"},
      {"ProdEuOrdersDynamoDBTable", "AWS::DynamoDB::Table"},
      {"ProdEuUsersDynamoDBTable", "AWS::DynamoDB::Table"}};
  expected["resources"] = resources;
  auto uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
             "arn:aws:lambda:us-east-1:123456789012:function:myapp:"
             "${stageVariables.STAGE}/invocations";
  expected["api"]["methods"] = {{"ANY /", uri}, {"ANY /{proxy+}", uri}};
  EXPECT_FALSE(api_id.empty());
  EXPECT_EQ(report, expected);
}

// The template of `slam init` defaults creates the function, its role and
// log group; the alias is skipped.
TEST(TemplateMoto, default_stack_is_created_with_function_output)
{
  if (!moto_available()) {
    GTEST_SKIP() << "moto_server or boto3 is not available";
  }

  auto report = create_on_moto(cfn::build_template(default_config()));

  EXPECT_EQ(report, Json::parse(R"({
    "status": "CREATE_COMPLETE",
    "outputs": {
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:myapp"
    },
    "resources": {
      "Function": "AWS::Lambda::Function",
      "FunctionExecutionRole": "AWS::IAM::Role",
      "FunctionLogGroup": "AWS::Logs::LogGroup"
    },
    "unnamed_resources": 1,
    "tables": [],
    "function": {
      "FunctionName": "myapp",
      "Handler": "slam_handler.lambda_handler",
      "Runtime": "python3.12",
      "Architectures": ["x86_64"]
    },
    "aliases": [],
    "log_groups": {"/aws/lambda/myapp": 30},
    "api": null
  })"));
}
