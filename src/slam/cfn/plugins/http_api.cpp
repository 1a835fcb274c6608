#include "slam/cfn/plugins/http_api.hpp"

#include "slam/cfn/logical_ids.hpp"
#include "slam/cfn/plugins/wsgi.hpp"
#include "slam/cfn/resource_names.hpp"

namespace slam::cfn {
namespace {

constexpr std::string_view k_integration = "HttpApiIntegration";
constexpr std::string_view k_route = "HttpApiRoute";
constexpr std::string_view k_http_api_id_output = "HttpApiId";

std::string endpoint_output_of(const std::string& stage_id)
{
  return stage_id + "HttpApiEndpoint";
}

Json http_api(const config::Config& config)
{
  Json properties = {{"Name", config.name}, {"ProtocolType", "HTTP"}};
  if (!config.description.empty()) {
    properties["Description"] = config.description;
  }
  return {{"Type", "AWS::ApiGatewayV2::Api"}, {"Properties", properties}};
}

// API Gateway fills in ${stageVariables.STAGE} per request, so Fn::Sub must
// keep it ("${!"): each API stage calls the alias of its own name. A stage
// variable is allowed in the invocation path form of the URI.
Json integration()
{
  auto uri = sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:"
                 "path/2015-03-31/functions/${Function.Arn}:"
                 "${!stageVariables.STAGE}/invocations");
  return {{"Type", "AWS::ApiGatewayV2::Integration"},
          {"Properties",
           {{"ApiId", ref_to(k_http_api)},
            {"IntegrationType", "AWS_PROXY"},
            {"IntegrationUri", uri},
            {"PayloadFormatVersion", "2.0"}}}};
}

// The $default route catches every method and path, "/" included.
Json route()
{
  return {{"Type", "AWS::ApiGatewayV2::Route"},
          {"Properties",
           {{"ApiId", ref_to(k_http_api)},
            {"RouteKey", "$default"},
            {"Target",
             sub("integrations/${" + std::string(k_integration) + "}")}}}};
}

// The stage's first automatic deployment must already see the route.
Json api_stage(const std::string& stage)
{
  return {{"Type", "AWS::ApiGatewayV2::Stage"},
          {"DependsOn", std::string(k_route)},
          {"Properties",
           {{"ApiId", ref_to(k_http_api)},
            {"StageName", stage},
            {"AutoDeploy", true},
            {"StageVariables", {{"STAGE", stage}}}}}};
}

// Only requests through STAGE's own API stage may invoke its alias.
Json invoke_permission(const std::string& stage, const std::string& stage_id)
{
  auto source = sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
                    "${AWS::AccountId}:${" +
                    std::string(k_http_api) + "}/" + sub_literal(stage) + "/*");
  return {{"Type", "AWS::Lambda::Permission"},
          {"Properties",
           {{"Action", "lambda:InvokeFunction"},
            {"FunctionName", ref_to(alias_resource(stage_id))},
            {"Principal", "apigateway.amazonaws.com"},
            {"SourceArn", source}}}};
}

Json endpoint(const std::string& stage)
{
  auto url = sub("https://${" + std::string(k_http_api) +
                 "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" +
                 sub_literal(stage) + "/");
  return {{"Description", "URL of stage " + stage}, {"Value", url}};
}

} // namespace

bool HttpApiPlugin::enabled(const config::Config& config) const
{
  return config.wsgi.enabled && config.wsgi.deploy_api_gateway &&
         config.wsgi.api == config::Api::http;
}

std::vector<std::string>
HttpApiPlugin::validate(const config::Config& config) const
{
  return check_api_stage_names(config);
}

void HttpApiPlugin::extend_template(const config::Config& config,
                                    Json& stack_template) const
{
  LogicalIds ids(config);
  auto& resources = stack_template["Resources"];
  add_unique(resources, std::string(k_http_api), http_api(config));
  add_unique(resources, std::string(k_integration), integration());
  add_unique(resources, std::string(k_route), route());
  auto& outputs = stack_template["Outputs"];
  add_unique(
      outputs,
      std::string(k_http_api_id_output),
      {{"Description", "Id of the HTTP API"}, {"Value", ref_to(k_http_api)}});
  for (const auto& stage : config.stages) {
    const auto& stage_id = ids.stage(stage.name);
    add_unique(resources, stage_id + "HttpApiStage", api_stage(stage.name));
    add_unique(resources,
               stage_id + "HttpApiPermission",
               invoke_permission(stage.name, stage_id));
    add_unique(outputs, endpoint_output_of(stage_id), endpoint(stage.name));
  }
}

std::vector<StatusLine>
HttpApiPlugin::status_lines(const config::Config& config,
                            const std::string& stage,
                            const StackOutputs& outputs) const
{
  return output_status_line(
      outputs, http_api_endpoint_output(config, stage), "url");
}

std::string http_api_endpoint_output(const config::Config& config,
                                     const std::string& stage)
{
  return endpoint_output_of(LogicalIds(config).stage(stage));
}

} // namespace slam::cfn
