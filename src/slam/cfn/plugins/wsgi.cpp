#include "slam/cfn/plugins/wsgi.hpp"

#include "slam/cfn/execution_role.hpp"
#include "slam/cfn/logical_id.hpp"
#include "slam/cfn/logical_ids.hpp"
#include "slam/cfn/resource_names.hpp"
#include "slam/config/init_file.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <regex>

namespace slam::cfn {
namespace {

constexpr std::string_view k_root_method = "APIRootMethod";
constexpr std::string_view k_proxy_resource = "APIProxyResource";
constexpr std::string_view k_proxy_method = "APIProxyMethod";
constexpr std::string_view k_invocation_role = "APIInvocationRole";

std::string stage_resource(const std::string& stage_id)
{
  return stage_id + "APIStage";
}

std::string endpoint_output_of(const std::string& stage_id)
{
  return stage_id + "Endpoint";
}

Json rest_api(const config::Config& config)
{
  Json properties = {{"Name", config.name}};
  if (!config.description.empty()) {
    properties["Description"] = config.description;
  }
  // With "*/*" every request body reaches the function base64-encoded and
  // it may answer with binary bodies; the handler decodes and encodes.
  properties["BinaryMediaTypes"] = Json::array({"*/*"});
  properties["EndpointConfiguration"] = {{"Types", Json::array({"REGIONAL"})}};
  return {{"Type", "AWS::ApiGateway::RestApi"}, {"Properties", properties}};
}

// The integration calls the alias the API stage names in its STAGE variable:
// API Gateway fills in ${stageVariables.STAGE} per request, so Fn::Sub must
// keep it ("${!").
Json proxy_integration()
{
  auto uri = sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:"
                 "path/2015-03-31/functions/${Function.Arn}:"
                 "${!stageVariables.STAGE}/invocations");
  return {{"Type", "AWS_PROXY"},
          {"IntegrationHttpMethod", "POST"},
          {"Uri", uri},
          {"Credentials", get_att(k_invocation_role, "Arn")}};
}

Json any_method(Json resource_id)
{
  return {{"Type", "AWS::ApiGateway::Method"},
          {"Properties",
           {{"RestApiId", ref_to(k_api)},
            {"ResourceId", std::move(resource_id)},
            {"HttpMethod", "ANY"},
            {"AuthorizationType", "NONE"},
            {"Integration", proxy_integration()}}}};
}

Json proxy_resource()
{
  return {{"Type", "AWS::ApiGateway::Resource"},
          {"Properties",
           {{"RestApiId", ref_to(k_api)},
            {"ParentId", get_att(k_api, "RootResourceId")},
            {"PathPart", "{proxy+}"}}}};
}

// Return the logical id of the deployment of the API in RESOURCES. A
// deployment snapshots the API once; CloudFormation makes a new one only
// for a new logical id, so the id carries a hash of what it snapshots.
std::string deployment_resource(const Json& resources)
{
  auto api = Json::array({resources.at(k_api),
                          resources.at(k_root_method),
                          resources.at(k_proxy_resource),
                          resources.at(k_proxy_method)});
  return "APIDeployment" + short_hash(api.dump());
}

// The stages share one deployment, which must wait for the methods.
Json deployment()
{
  return {{"Type", "AWS::ApiGateway::Deployment"},
          {"DependsOn", Json::array({k_root_method, k_proxy_method})},
          {"Properties", {{"RestApiId", ref_to(k_api)}}}};
}

// A stage goes live once the alias it calls exists.
Json api_stage(const config::Config& config,
               const std::string& stage,
               const std::string& stage_id,
               const std::string& deployment_id)
{
  Json properties = {{"RestApiId", ref_to(k_api)},
                     {"DeploymentId", ref_to(deployment_id)},
                     {"StageName", stage},
                     {"Variables", {{"STAGE", stage}}}};
  if (config.wsgi.log_stages) {
    properties["MethodSettings"] = Json::array({{{"ResourcePath", "/*"},
                                                 {"HttpMethod", "*"},
                                                 {"LoggingLevel", "INFO"}}});
  }
  return {{"Type", "AWS::ApiGateway::Stage"},
          {"DependsOn", alias_resource(stage_id)},
          {"Properties", properties}};
}

// API Gateway calls the stage aliases with this role rather than through
// one AWS::Lambda::Permission per alias: moto_server creates no aliases and
// rejects a permission on one, so a template with such permissions cannot be
// tested there. The role may invoke exactly the stage aliases.
Json invocation_role(const config::Config& config)
{
  auto aliases = Json::array();
  for (const auto& stage : config.stages) {
    aliases.push_back(sub("${Function.Arn}:" + sub_literal(stage.name)));
  }
  auto trust = Json{
      {"Version", "2012-10-17"},
      {"Statement",
       Json::array({{{"Effect", "Allow"},
                     {"Principal", {{"Service", "apigateway.amazonaws.com"}}},
                     {"Action", "sts:AssumeRole"}}})}};
  return {{"Type", "AWS::IAM::Role"},
          {"Properties",
           {{"AssumeRolePolicyDocument", trust},
            {"Policies",
             Json::array(
                 {{{"PolicyName", "InvokeStageAliases"},
                   {"PolicyDocument",
                    allow_policy({"lambda:InvokeFunction"}, aliases)}}})}}}};
}

Json endpoint(const std::string& stage)
{
  auto url =
      sub("https://${API}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" +
          sub_literal(stage) + "/");
  return {{"Description", "URL of stage " + stage}, {"Value", url}};
}

} // namespace

bool WsgiPlugin::enabled(const config::Config& config) const
{
  return config.wsgi.enabled && config.wsgi.deploy_api_gateway &&
         config.wsgi.api == config::Api::rest;
}

std::vector<InitOption> WsgiPlugin::init_options() const
{
  return {{"wsgi", "Deploy a front door (API Gateway) for a web app", "", {}},
          {"no-api-gateway",
           "Write the wsgi section but deploy no front door",
           "",
           {"wsgi", "api"}},
          {"api",
           "The front door: rest, http (HTTP API) or url (function URL)",
           "KIND",
           {"no-api-gateway"}}};
}

std::string WsgiPlugin::init_section(const InitChoices& choices) const
{
  auto asked = [&](const char* name) { return choices.count(name) != 0; };
  if (!asked("wsgi") && !asked("no-api-gateway") && !asked("api")) {
    return "";
  }
  auto api = asked("api") ? choices.at("api") : "rest";
  if (api != "rest" && api != "http" && api != "url") {
    throw UsageError(
        fmt::format("--api '{}' must be one of rest, http, url", api));
  }
  return fmt::format(
      R"(
# wsgi plugin: the front door of a web app, one URL per stage.
#   api: "rest" is an API Gateway REST API with one API stage per stage;
#   "http" an API Gateway HTTP API (payload 2.0), cheaper and faster, with
#   one API stage per stage; "url" a Lambda function URL per stage, with no
#   API Gateway at all.
#   deploy_api_gateway: false deploys no front door.
#   log_stages: true turns on API Gateway execution logs (rest only; the
#   account needs API Gateway's CloudWatch role).
#   url_auth: who may call a function URL (url only): "none" for anyone,
#   "aws_iam" for IAM principals with signed requests.
#   base_path, text_types, binary_types: a custom domain's base path, and
#   media types sent as text or always as base64 (docs/adapter.md).
wsgi:
  deploy_api_gateway: {}
  api: {}
  log_stages: false
  url_auth: "none"
  # base_path: "users"
  # text_types: ["application/vnd.acme"]
  # binary_types: ["application/pdf"]
)",
      asked("no-api-gateway") ? "false" : "true",
      config::yaml_quote(api));
}

std::vector<std::string>
WsgiPlugin::validate(const config::Config& config) const
{
  return check_api_stage_names(config);
}

void WsgiPlugin::extend_template(const config::Config& config,
                                 Json& stack_template) const
{
  LogicalIds ids(config);
  auto& resources = stack_template["Resources"];
  resources[k_invocation_role] = invocation_role(config);
  resources[k_api] = rest_api(config);
  resources[k_root_method] = any_method(get_att(k_api, "RootResourceId"));
  resources[k_proxy_resource] = proxy_resource();
  resources[k_proxy_method] = any_method(ref_to(k_proxy_resource));
  auto deployment_id = deployment_resource(resources);
  resources[deployment_id] = deployment();
  auto& outputs = stack_template["Outputs"];
  outputs[k_api_id_output] = {{"Description", "Id of the REST API"},
                              {"Value", ref_to(k_api)}};
  for (const auto& stage : config.stages) {
    const auto& stage_id = ids.stage(stage.name);
    add_unique(resources,
               stage_resource(stage_id),
               api_stage(config, stage.name, stage_id, deployment_id));
    add_unique(outputs, endpoint_output_of(stage_id), endpoint(stage.name));
  }
}

std::vector<StatusLine>
WsgiPlugin::status_lines(const config::Config& config,
                         const std::string& stage,
                         const StackOutputs& outputs) const
{
  return output_status_line(outputs, endpoint_output(config, stage), "url");
}

std::string endpoint_output(const config::Config& config,
                            const std::string& stage)
{
  return endpoint_output_of(LogicalIds(config).stage(stage));
}

std::vector<std::string> check_api_stage_names(const config::Config& config)
{
  static const std::regex stage_pattern("[A-Za-z0-9_-]{1,128}");
  std::vector<std::string> problems;
  for (const auto& stage : config.stages) {
    if (!std::regex_match(stage.name, stage_pattern)) {
      problems.push_back(fmt::format(
          "stage '{}' cannot be an API Gateway stage: use 1 to 128 letters, "
          "digits, '-' and '_'",
          stage.name));
    }
  }
  return problems;
}

} // namespace slam::cfn
