#include "cfn_test_configs.hpp"
#include "slam/cfn/plugins/http_api.hpp"
#include "slam/cfn/template.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

config::Config http_config(const std::vector<std::string>& stages)
{
  auto config = config_with_stages(stages);
  config.wsgi.enabled = true;
  config.wsgi.api = config::Api::http;
  return config;
}

// What the plugin adds for project "myapp" with stages dev and prod-eu.
const char* const k_http_api = R"({
  "Resources": {
    "HttpApi": {
      "Type": "AWS::ApiGatewayV2::Api",
      "Properties": {
        "Name": "myapp",
        "ProtocolType": "HTTP",
        "Description": "My app"
      }
    },
    "HttpApiIntegration": {
      "Type": "AWS::ApiGatewayV2::Integration",
      "Properties": {
        "ApiId": {"Ref": "HttpApi"},
        "IntegrationType": "AWS_PROXY",
        "IntegrationUri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Function.Arn}:${!stageVariables.STAGE}/invocations"},
        "PayloadFormatVersion": "2.0"
      }
    },
    "HttpApiRoute": {
      "Type": "AWS::ApiGatewayV2::Route",
      "Properties": {
        "ApiId": {"Ref": "HttpApi"},
        "RouteKey": "$default",
        "Target": {"Fn::Sub": "integrations/${HttpApiIntegration}"}
      }
    },
    "DevHttpApiStage": {
      "Type": "AWS::ApiGatewayV2::Stage",
      "DependsOn": "HttpApiRoute",
      "Properties": {
        "ApiId": {"Ref": "HttpApi"},
        "StageName": "dev",
        "AutoDeploy": true,
        "StageVariables": {"STAGE": "dev"}
      }
    },
    "DevHttpApiPermission": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": {"Ref": "DevFunctionAlias"},
        "Principal": "apigateway.amazonaws.com",
        "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/dev/*"}
      }
    },
    "ProdEuHttpApiStage": {
      "Type": "AWS::ApiGatewayV2::Stage",
      "DependsOn": "HttpApiRoute",
      "Properties": {
        "ApiId": {"Ref": "HttpApi"},
        "StageName": "prod-eu",
        "AutoDeploy": true,
        "StageVariables": {"STAGE": "prod-eu"}
      }
    },
    "ProdEuHttpApiPermission": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": {"Ref": "ProdEuFunctionAlias"},
        "Principal": "apigateway.amazonaws.com",
        "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/prod-eu/*"}
      }
    }
  },
  "Outputs": {
    "HttpApiId": {"Description": "Id of the HTTP API", "Value": {"Ref": "HttpApi"}},
    "DevHttpApiEndpoint": {
      "Description": "URL of stage dev",
      "Value": {"Fn::Sub": "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev/"}
    },
    "ProdEuHttpApiEndpoint": {
      "Description": "URL of stage prod-eu",
      "Value": {"Fn::Sub": "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod-eu/"}
    }
  }
})";

} // namespace

// api: http adds the HTTP API, its integration and $default route, a stage and
// a permission per Slam stage and the URL outputs, after the core template, and
// no REST API.
TEST(HttpApiPlugin, adds_api_stages_permissions_and_endpoints)
{
  auto config = http_config({"dev", "prod-eu"});

  auto stack_template = cfn::build_template(config);

  auto expected = cfn::build_template(config_with_stages({"dev", "prod-eu"}));
  auto added = Json::parse(k_http_api);
  for (const auto& [id, resource] : added["Resources"].items()) {
    expected["Resources"][id] = resource;
  }
  for (const auto& [id, output] : added["Outputs"].items()) {
    expected["Outputs"][id] = output;
  }
  EXPECT_EQ(stack_template, expected);
}

// The plugin is on only for a wsgi section whose api is http.
TEST(HttpApiPlugin, enabled_by_wsgi_api_http)
{
  cfn::HttpApiPlugin plugin;
  auto config = http_config({"dev"});

  EXPECT_TRUE(plugin.enabled(config));
  config.wsgi.deploy_api_gateway = false;
  EXPECT_FALSE(plugin.enabled(config));
  config.wsgi.deploy_api_gateway = true;
  config.wsgi.api = config::Api::rest;
  EXPECT_FALSE(plugin.enabled(config));
  EXPECT_FALSE(plugin.enabled(config_with_stages({"dev"})));
}

// API stage names allow only letters, digits, '-' and '_'.
TEST(HttpApiPlugin, stage_names_api_gateway_rejects_are_reported)
{
  auto config = http_config({"dev", "prod.eu"});

  EXPECT_EQ(cfn::validate(config),
            std::vector<std::string>{
                "stage 'prod.eu' cannot be an API Gateway stage: use 1 to 128 "
                "letters, digits, '-' and '_'"});
}

// status shows each stage's URL from the stack outputs, found through the
// stage's unique id.
TEST(HttpApiPlugin, status_lines_show_the_stage_url)
{
  auto config = http_config({"my-stage", "my_stage"});
  auto second = cfn::http_api_endpoint_output(config, "my_stage");
  cfn::StackOutputs outputs = {
      {"MyStageHttpApiEndpoint", "https://a/my-stage/"},
      {second, "https://a/my_stage/"}};
  cfn::HttpApiPlugin plugin;

  EXPECT_NE(second, "MyStageHttpApiEndpoint");
  EXPECT_EQ(plugin.status_lines(config, "my-stage", outputs),
            (std::vector<cfn::StatusLine>{{"url", "https://a/my-stage/"}}));
  EXPECT_EQ(plugin.status_lines(config, "my_stage", outputs),
            (std::vector<cfn::StatusLine>{{"url", "https://a/my_stage/"}}));
  EXPECT_EQ(plugin.status_lines(config, "my_stage", {}),
            std::vector<cfn::StatusLine>{});
}
