#include "cfn_test_configs.hpp"
#include "slam/cfn/plugins/wsgi.hpp"
#include "slam/cfn/template.hpp"
#include "slam/config/load.hpp"
#include "slam/util/error.hpp"
#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

config::Config wsgi_config(const std::vector<std::string>& stages)
{
  auto config = config_with_stages(stages);
  config.wsgi.enabled = true;
  return config;
}

// The API resources of project "myapp" with stages dev and prod-eu.
const char* const k_api_resources =
    R"({
  "APIInvocationRole": {
    "Type": "AWS::IAM::Role",
    "Properties": {
      "AssumeRolePolicyDocument": {
        "Version": "2012-10-17",
        "Statement": [{
          "Effect": "Allow",
          "Principal": {"Service": "apigateway.amazonaws.com"},
          "Action": "sts:AssumeRole"
        }]
      },
      "Policies": [{
        "PolicyName": "InvokeStageAliases",
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["lambda:InvokeFunction"],
            "Resource": [{"Fn::Sub": "${Function.Arn}:dev"},
                         {"Fn::Sub": "${Function.Arn}:prod-eu"}]
          }]
        }
      }]
    }
  },
  "API": {
    "Type": "AWS::ApiGateway::RestApi",
    "Properties": {
      "Name": "myapp",
      "Description": "My app",
      "BinaryMediaTypes": ["*/*"],
      "EndpointConfiguration": {"Types": ["REGIONAL"]}
    }
  },
  "APIRootMethod": {
    "Type": "AWS::ApiGateway::Method",
    "Properties": {
      "RestApiId": {"Ref": "API"},
      "ResourceId": {"Fn::GetAtt": ["API", "RootResourceId"]},
      "HttpMethod": "ANY",
      "AuthorizationType": "NONE",
      "Integration": {
        "Type": "AWS_PROXY",
        "IntegrationHttpMethod": "POST",
        "Uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:)"
    R"(${AWS::Region}:lambda:path/2015-03-31/functions/)"
    R"(${Function.Arn}:${!stageVariables.STAGE}/invocations"},
        "Credentials": {"Fn::GetAtt": ["APIInvocationRole", "Arn"]}
      }
    }
  },
  "APIProxyResource": {
    "Type": "AWS::ApiGateway::Resource",
    "Properties": {
      "RestApiId": {"Ref": "API"},
      "ParentId": {"Fn::GetAtt": ["API", "RootResourceId"]},
      "PathPart": "{proxy+}"
    }
  },
  "APIProxyMethod": {
    "Type": "AWS::ApiGateway::Method",
    "Properties": {
      "RestApiId": {"Ref": "API"},
      "ResourceId": {"Ref": "APIProxyResource"},
      "HttpMethod": "ANY",
      "AuthorizationType": "NONE",
      "Integration": {
        "Type": "AWS_PROXY",
        "IntegrationHttpMethod": "POST",
        "Uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:)"
    R"(${AWS::Region}:lambda:path/2015-03-31/functions/)"
    R"(${Function.Arn}:${!stageVariables.STAGE}/invocations"},
        "Credentials": {"Fn::GetAtt": ["APIInvocationRole", "Arn"]}
      }
    }
  }
})";

// Return the deployment id: a hash of the API resources it snapshots.
std::string deployment_id(const Json& api_resources)
{
  auto snapshot = Json::array({api_resources["API"],
                               api_resources["APIRootMethod"],
                               api_resources["APIProxyResource"],
                               api_resources["APIProxyMethod"]});
  return "APIDeployment" + util::sha256_hex(snapshot.dump()).substr(0, 8);
}

Json api_stage(const std::string& stage,
               const std::string& alias,
               const std::string& deployment)
{
  return {{"Type", "AWS::ApiGateway::Stage"},
          {"DependsOn", alias},
          {"Properties",
           {{"RestApiId", {{"Ref", "API"}}},
            {"DeploymentId", {{"Ref", deployment}}},
            {"StageName", stage},
            {"Variables", {{"STAGE", stage}}}}}};
}

Json endpoint(const std::string& stage)
{
  return {{"Description", "URL of stage " + stage},
          {"Value",
           {{"Fn::Sub",
             "https://${API}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" +
                 stage + "/"}}}};
}

} // namespace

// The plugin adds the API, its methods, one deployment, a stage per Slam
// stage, the invocation role and the URL outputs, after the core template.
TEST(WsgiPlugin, adds_api_stages_and_endpoints_after_core_template)
{
  auto config = wsgi_config({"dev", "prod-eu"});

  auto stack_template = cfn::build_template(config);

  auto core = config;
  core.wsgi.enabled = false;
  auto expected = cfn::build_template(core);
  auto api = Json::parse(k_api_resources);
  auto deployment = deployment_id(api);
  for (const auto& [id, resource] : api.items()) {
    expected["Resources"][id] = resource;
  }
  expected["Resources"][deployment] = Json::parse(R"({
    "Type": "AWS::ApiGateway::Deployment",
    "DependsOn": ["APIRootMethod", "APIProxyMethod"],
    "Properties": {"RestApiId": {"Ref": "API"}}})");
  expected["Resources"]["DevAPIStage"] =
      api_stage("dev", "DevFunctionAlias", deployment);
  expected["Resources"]["ProdEuAPIStage"] =
      api_stage("prod-eu", "ProdEuFunctionAlias", deployment);
  expected["Outputs"]["ApiId"] =
      Json::parse(R"({"Description": "Id of the REST API",
                    "Value": {"Ref": "API"}})");
  expected["Outputs"]["DevEndpoint"] = endpoint("dev");
  expected["Outputs"]["ProdEuEndpoint"] = endpoint("prod-eu");
  EXPECT_EQ(stack_template, expected);
}

// log_stages turns on INFO execution logs for every API stage.
TEST(WsgiPlugin, log_stages_adds_info_logging_to_each_stage)
{
  auto config = wsgi_config({"dev", "prod"});
  config.wsgi.log_stages = true;

  auto resources = cfn::build_template(config)["Resources"];

  auto logging = Json::parse(R"([{"ResourcePath": "/*", "HttpMethod": "*",
                                   "LoggingLevel": "INFO"}])");
  EXPECT_EQ(resources["DevAPIStage"]["Properties"]["MethodSettings"], logging);
  EXPECT_EQ(resources["ProdAPIStage"]["Properties"]["MethodSettings"], logging);
}

// deploy_api_gateway: false keeps the section but adds nothing.
TEST(WsgiPlugin, without_api_gateway_the_template_is_the_core_one)
{
  auto config = wsgi_config({"dev"});
  config.wsgi.deploy_api_gateway = false;

  EXPECT_EQ(cfn::build_template(config),
            cfn::build_template(config_with_stages({"dev"})));
}

// The output for a stage is found through its unique id.
TEST(WsgiPlugin, endpoint_output_follows_unique_stage_ids)
{
  auto config = wsgi_config({"my-stage", "my_stage"});
  auto outputs = cfn::build_template(config)["Outputs"];

  auto second = cfn::endpoint_output(config, "my_stage");

  EXPECT_EQ(cfn::endpoint_output(config, "my-stage"), "MyStageEndpoint");
  EXPECT_EQ(outputs[second], endpoint("my_stage"));
}

// API Gateway stage names allow only letters, digits, '-' and '_'.
TEST(WsgiPlugin, stage_names_api_gateway_rejects_are_reported)
{
  auto config = wsgi_config({"dev", "prod.eu"});

  EXPECT_EQ(cfn::validate(config),
            std::vector<std::string>{
                "stage 'prod.eu' cannot be an API Gateway stage: use 1 to 128 "
                "letters, digits, '-' and '_'"});
  config.wsgi.deploy_api_gateway = false;
  EXPECT_EQ(cfn::validate(config), std::vector<std::string>{});
}

// status shows each stage's URL from the stack outputs.
TEST(WsgiPlugin, status_lines_show_the_stage_url)
{
  auto config = wsgi_config({"dev", "prod"});
  cfn::StackOutputs outputs = {{"DevEndpoint", "https://a/dev/"},
                               {"ProdEndpoint", "https://a/prod/"}};
  cfn::WsgiPlugin plugin;

  EXPECT_EQ(plugin.status_lines(config, "prod", outputs),
            (std::vector<cfn::StatusLine>{{"url", "https://a/prod/"}}));
  EXPECT_EQ(plugin.status_lines(config, "dev", {}),
            std::vector<cfn::StatusLine>{});
}

// init --wsgi writes the REST front door with logging off; the file loads
// back with the defaults of the original.
TEST(WsgiPlugin, init_section_writes_the_rest_front_door)
{
  auto section = cfn::WsgiPlugin().init_section({{"wsgi", ""}});

  auto config = config::parse_config(
      "name: shop\nfunction: {module: app, app: app}\n" + section,
      "slam.yaml",
      "/p");

  EXPECT_TRUE(config.wsgi.enabled);
  EXPECT_TRUE(config.wsgi.deploy_api_gateway);
  EXPECT_EQ(config.wsgi.api, config::Api::rest);
  EXPECT_FALSE(config.wsgi.log_stages);
  EXPECT_EQ(config.wsgi.url_auth, config::UrlAuth::none);
}

// --api picks the front door and --no-api-gateway keeps the section but
// turns the front door off; without any of the three there is no section.
TEST(WsgiPlugin, init_options_choose_the_front_door)
{
  cfn::WsgiPlugin plugin;
  auto load = [&](const cfn::InitChoices& choices) {
    return config::parse_config("name: shop\nfunction: {module: app, app: "
                                "app}\n" +
                                    plugin.init_section(choices),
                                "slam.yaml",
                                "/p");
  };

  EXPECT_EQ(load({{"api", "http"}}).wsgi.api, config::Api::http);
  EXPECT_EQ(load({{"wsgi", ""}, {"api", "url"}}).wsgi.api, config::Api::url);
  EXPECT_FALSE(load({{"no-api-gateway", ""}}).wsgi.deploy_api_gateway);
  EXPECT_TRUE(load({{"no-api-gateway", ""}}).wsgi.enabled);
  EXPECT_EQ(plugin.init_section({{"dynamodb-tables", "users"}}), "");
  try {
    plugin.init_section({{"api", "soap"}});
    FAIL() << "no error for --api soap";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "--api 'soap' must be one of rest, http, url");
  }
}

// The options init offers, and which exclude each other.
TEST(WsgiPlugin, init_options_are_wsgi_no_api_gateway_and_api)
{
  EXPECT_EQ(
      cfn::WsgiPlugin().init_options(),
      (std::vector<cfn::InitOption>{
          {"wsgi", "Deploy a front door (API Gateway) for a web app", "", {}},
          {"no-api-gateway",
           "Write the wsgi section but deploy no front door",
           "",
           {"wsgi", "api"}},
          {"api",
           "The front door: rest, http (HTTP API) or url (function URL)",
           "KIND",
           {"no-api-gateway"}}}));
}
