#pragma once

#include "slam/cfn/plugin.hpp"

#include <string>
#include <vector>

namespace slam::cfn {

// The wsgi plugin: a REST API in front of the function, enabled by the wsgi
// section when its api is rest (the default). Its root and
// {proxy+} ANY methods invoke, with a role allowed to call only the stage
// aliases, the alias named by the API stage's STAGE variable; one API stage
// per Slam stage; every content type passed as binary (the handler decodes);
// an output with each stage's URL.
//
// wsgi.log_stages turns on INFO execution logs for every API stage. API
// Gateway then needs a CloudWatch role set once per account and region
// (AWS::ApiGateway::Account, or the console's API Gateway settings); without
// it the stack fails to create the stages. The template does not set that
// role, as it is account-wide and would outlive or clash across stacks.
class WsgiPlugin : public Plugin
{
public:
  std::string_view name() const override { return "wsgi"; }
  bool enabled(const config::Config& config) const override;
  std::vector<InitOption> init_options() const override;
  std::string init_section(const InitChoices& choices) const override;
  std::vector<std::string>
  validate(const config::Config& config) const override;
  void extend_template(const config::Config& config,
                       Json& stack_template) const override;
  std::vector<StatusLine>
  status_lines(const config::Config& config,
               const std::string& stage,
               const StackOutputs& outputs) const override;
};

// The RestApi's logical id; its Ref is the API id.
constexpr std::string_view k_api = "API";

// The output holding the API id.
constexpr std::string_view k_api_id_output = "ApiId";

// Return why a stage of CONFIG cannot be an API Gateway stage (REST or
// HTTP API), one message per stage, empty when all can.
std::vector<std::string> check_api_stage_names(const config::Config& config);

// Return the output key holding the URL of STAGE in CONFIG's template
// ("ProdEndpoint"). Its Description is "URL of stage STAGE".
std::string endpoint_output(const config::Config& config,
                            const std::string& stage);

} // namespace slam::cfn
