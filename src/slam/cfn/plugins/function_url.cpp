#include "slam/cfn/plugins/function_url.hpp"

#include "slam/cfn/logical_ids.hpp"
#include "slam/cfn/resource_names.hpp"

namespace slam::cfn {
namespace {

std::string url_resource(const std::string& stage_id)
{
  return stage_id + "FunctionUrl";
}

std::string endpoint_output_of(const std::string& stage_id)
{
  return stage_id + "FunctionUrlEndpoint";
}

std::string auth_type(config::UrlAuth auth)
{
  return auth == config::UrlAuth::aws_iam ? "AWS_IAM" : "NONE";
}

// The URL's qualifier is the alias, which must exist first.
Json function_url(const config::Config& config,
                  const std::string& stage,
                  const std::string& stage_id)
{
  return {{"Type", "AWS::Lambda::Url"},
          {"DependsOn", alias_resource(stage_id)},
          {"Properties",
           {{"TargetFunctionArn", get_att(k_function, "Arn")},
            {"Qualifier", stage},
            {"AuthType", auth_type(config.wsgi.url_auth)}}}};
}

Json public_permission(const std::string& stage_id, Json properties)
{
  properties["FunctionName"] = ref_to(alias_resource(stage_id));
  properties["Principal"] = "*";
  return {{"Type", "AWS::Lambda::Permission"}, {"Properties", properties}};
}

// A public URL needs both statements on the alias: Lambda checks
// lambda:InvokeFunctionUrl for the URL and, for URLs created since
// October 2025, lambda:InvokeFunction limited to calls through a URL.
void add_public_permissions(Json& resources, const std::string& stage_id)
{
  add_unique(resources,
             stage_id + "FunctionUrlPermission",
             public_permission(stage_id,
                               {{"Action", "lambda:InvokeFunctionUrl"},
                                {"FunctionUrlAuthType", "NONE"}}));
  add_unique(resources,
             stage_id + "FunctionUrlInvokePermission",
             public_permission(stage_id,
                               {{"Action", "lambda:InvokeFunction"},
                                {"InvokedViaFunctionUrl", true}}));
}

} // namespace

bool FunctionUrlPlugin::enabled(const config::Config& config) const
{
  return config.wsgi.enabled && config.wsgi.deploy_api_gateway &&
         config.wsgi.api == config::Api::url;
}

std::vector<std::string>
FunctionUrlPlugin::validate(const config::Config& /*config*/) const
{
  // The qualifier is the alias name, which the core template checks.
  return {};
}

void FunctionUrlPlugin::extend_template(const config::Config& config,
                                        Json& stack_template) const
{
  LogicalIds ids(config);
  auto& resources = stack_template["Resources"];
  auto& outputs = stack_template["Outputs"];
  for (const auto& stage : config.stages) {
    const auto& stage_id = ids.stage(stage.name);
    auto url_id = url_resource(stage_id);
    add_unique(resources, url_id, function_url(config, stage.name, stage_id));
    if (config.wsgi.url_auth == config::UrlAuth::none) {
      add_public_permissions(resources, stage_id);
    }
    add_unique(outputs,
               endpoint_output_of(stage_id),
               {{"Description", "URL of stage " + stage.name},
                {"Value", get_att(url_id, "FunctionUrl")}});
  }
}

std::vector<StatusLine>
FunctionUrlPlugin::status_lines(const config::Config& config,
                                const std::string& stage,
                                const StackOutputs& outputs) const
{
  return output_status_line(outputs, function_url_output(config, stage), "url");
}

std::string function_url_output(const config::Config& config,
                                const std::string& stage)
{
  return endpoint_output_of(LogicalIds(config).stage(stage));
}

} // namespace slam::cfn
