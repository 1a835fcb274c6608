#pragma once

#include "slam/cfn/plugin.hpp"

#include <string>

namespace slam::cfn {

// The function URL front door (wsgi.api: url): a Lambda function URL on
// each stage alias, with no API Gateway; an output with each stage's URL.
// With wsgi.url_auth none (the default) anyone may call it, which takes
// public permissions on the alias; with aws_iam only signed requests of
// IAM principals allowed to invoke it get through.
class FunctionUrlPlugin : public Plugin
{
public:
  std::string_view name() const override { return "function_url"; }
  bool enabled(const config::Config& config) const override;
  std::vector<std::string>
  validate(const config::Config& config) const override;
  void extend_template(const config::Config& config,
                       Json& stack_template) const override;
  std::vector<StatusLine>
  status_lines(const config::Config& config,
               const std::string& stage,
               const StackOutputs& outputs) const override;
};

// Return the output key holding the function URL of STAGE in CONFIG's
// template ("ProdFunctionUrlEndpoint").
std::string function_url_output(const config::Config& config,
                                const std::string& stage);

} // namespace slam::cfn
