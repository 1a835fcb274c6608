#include "cfn_test_configs.hpp"
#include "slam/cfn/plugins/function_url.hpp"
#include "slam/cfn/template.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

config::Config url_config(const std::vector<std::string>& stages)
{
  auto config = config_with_stages(stages);
  config.wsgi.enabled = true;
  config.wsgi.api = config::Api::url;
  return config;
}

// What the plugin adds for stage prod-eu with url_auth none.
const char* const k_public_url = R"({
  "Resources": {
    "ProdEuFunctionUrl": {
      "Type": "AWS::Lambda::Url",
      "DependsOn": "ProdEuFunctionAlias",
      "Properties": {
        "TargetFunctionArn": {"Fn::GetAtt": ["Function", "Arn"]},
        "Qualifier": "prod-eu",
        "AuthType": "NONE"
      }
    },
    "ProdEuFunctionUrlPermission": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunctionUrl",
        "FunctionUrlAuthType": "NONE",
        "FunctionName": {"Ref": "ProdEuFunctionAlias"},
        "Principal": "*"
      }
    },
    "ProdEuFunctionUrlInvokePermission": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "InvokedViaFunctionUrl": true,
        "FunctionName": {"Ref": "ProdEuFunctionAlias"},
        "Principal": "*"
      }
    }
  },
  "Outputs": {
    "ProdEuFunctionUrlEndpoint": {
      "Description": "URL of stage prod-eu",
      "Value": {"Fn::GetAtt": ["ProdEuFunctionUrl", "FunctionUrl"]}
    }
  }
})";

// Return the core template of CONFIG's stages with ADDED merged in.
Json with_added(const config::Config& config, const Json& added)
{
  auto core = config;
  core.wsgi = {};
  auto expected = cfn::build_template(core);
  for (const auto& [id, resource] : added["Resources"].items()) {
    expected["Resources"][id] = resource;
  }
  for (const auto& [id, output] : added["Outputs"].items()) {
    expected["Outputs"][id] = output;
  }
  return expected;
}

} // namespace

// api: url gives each alias a public function URL with the two
// permissions a public URL needs, and an output with its URL.
TEST(FunctionUrlPlugin, public_url_per_stage_with_permissions)
{
  auto config = url_config({"prod-eu"});

  EXPECT_EQ(cfn::build_template(config),
            with_added(config, Json::parse(k_public_url)));
}

// With url_auth aws_iam the URL needs signed requests and the template
// grants nothing.
TEST(FunctionUrlPlugin, iam_url_has_no_public_permissions)
{
  auto config = url_config({"prod-eu"});
  config.wsgi.url_auth = config::UrlAuth::aws_iam;
  auto added = Json::parse(k_public_url);
  added["Resources"].erase("ProdEuFunctionUrlPermission");
  added["Resources"].erase("ProdEuFunctionUrlInvokePermission");
  added["Resources"]["ProdEuFunctionUrl"]["Properties"]["AuthType"] = "AWS_IAM";

  EXPECT_EQ(cfn::build_template(config), with_added(config, added));
}

// Each stage gets its own URL and output.
TEST(FunctionUrlPlugin, one_url_per_stage)
{
  auto config = url_config({"dev", "prod"});

  auto stack_template = cfn::build_template(config);

  EXPECT_EQ(
      stack_template["Resources"]["DevFunctionUrl"]["Properties"]["Qualifier"],
      "dev");
  EXPECT_EQ(
      stack_template["Resources"]["ProdFunctionUrl"]["Properties"]["Qualifier"],
      "prod");
  EXPECT_EQ(
      stack_template["Outputs"]["DevFunctionUrlEndpoint"]["Value"],
      Json::parse(R"({"Fn::GetAtt": ["DevFunctionUrl", "FunctionUrl"]})"));
  EXPECT_EQ(
      stack_template["Outputs"]["ProdFunctionUrlEndpoint"]["Value"],
      Json::parse(R"({"Fn::GetAtt": ["ProdFunctionUrl", "FunctionUrl"]})"));
}

// The plugin is on only for a wsgi section whose api is url.
TEST(FunctionUrlPlugin, enabled_by_wsgi_api_url)
{
  cfn::FunctionUrlPlugin plugin;
  auto config = url_config({"dev"});

  EXPECT_TRUE(plugin.enabled(config));
  config.wsgi.api = config::Api::http;
  EXPECT_FALSE(plugin.enabled(config));
  config.wsgi.api = config::Api::url;
  config.wsgi.deploy_api_gateway = false;
  EXPECT_FALSE(plugin.enabled(config));
}

// status shows the URL from the stack outputs.
TEST(FunctionUrlPlugin, status_lines_show_the_stage_url)
{
  auto config = url_config({"dev", "prod"});
  cfn::StackOutputs outputs = {
      {"ProdFunctionUrlEndpoint", "https://x.lambda-url.us-east-1.on.aws/"}};
  cfn::FunctionUrlPlugin plugin;

  EXPECT_EQ(cfn::function_url_output(config, "prod"),
            "ProdFunctionUrlEndpoint");
  EXPECT_EQ(plugin.status_lines(config, "prod", outputs),
            (std::vector<cfn::StatusLine>{
                {"url", "https://x.lambda-url.us-east-1.on.aws/"}}));
  EXPECT_EQ(plugin.status_lines(config, "dev", outputs),
            std::vector<cfn::StatusLine>{});
}
