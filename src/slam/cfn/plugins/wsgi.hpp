#pragma once

#include "slam/cfn/plugin.hpp"

#include <string>

namespace slam::cfn {

// The wsgi plugin: a REST API in front of the function. Its root and
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
  Json default_section() const override;
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

// Return the output key holding the URL of STAGE in CONFIG's template
// ("ProdEndpoint"). Its Description is "URL of stage STAGE".
std::string endpoint_output(const config::Config& config,
                            const std::string& stage);

} // namespace slam::cfn
