#pragma once

#include "slam/cfn/plugin.hpp"

#include <string>

namespace slam::cfn {

// The HTTP API front door (wsgi.api: http): an API Gateway HTTP API whose
// $default route sends every request as a payload 2.0 event through one
// integration to the alias named by the API stage's STAGE variable; one API
// stage per Slam stage, deployed automatically; a permission per alias that
// lets only its own API stage invoke it; an output with each stage's URL.
//
// One integration serves every stage because routes belong to the API, not
// to a stage: the route can target one integration only.
class HttpApiPlugin : public Plugin
{
public:
  std::string_view name() const override { return "http_api"; }
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

// The HTTP API's logical id; its Ref is the API id.
constexpr std::string_view k_http_api = "HttpApi";

// Return the output key holding the HTTP API URL of STAGE in CONFIG's
// template ("ProdHttpApiEndpoint").
std::string http_api_endpoint_output(const config::Config& config,
                                     const std::string& stage);

} // namespace slam::cfn
