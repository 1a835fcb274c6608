#include "slam/local/front_door.hpp"

#include "slam/local/gateway_errors.hpp"
#include "slam/local/gateway_failure.hpp"
#include "slam/local/gateway_response.hpp"
#include "slam/local/header_fields.hpp"
#include "slam/local/http_api_event.hpp"
#include "slam/local/lambda_log.hpp"
#include "slam/local/rest_event.hpp"

#include <fmt/core.h>

namespace slam::local {
namespace {

using Json = nlohmann::json;

// API Gateway names the request in its response headers.
void add_request_ids(HttpResponse& response, const Json& event, config::Api api)
{
  const auto& context = event["requestContext"];
  if (api == config::Api::rest) {
    response.headers.emplace_back("x-amzn-RequestId",
                                  context["requestId"].get<std::string>());
    response.headers.emplace_back(
        "x-amz-apigw-id", context["extendedRequestId"].get<std::string>());
  } else if (api == config::Api::http) {
    response.headers.emplace_back("apigw-requestid",
                                  context["requestId"].get<std::string>());
  }
}

} // namespace

std::string endpoint_host(const FrontDoorSettings& settings)
{
  return settings.api == config::Api::url
             ? fmt::format(
                   "{}.lambda-url.{}.on.aws", settings.api_id, settings.region)
             : fmt::format("{}.execute-api.{}.amazonaws.com",
                           settings.api_id,
                           settings.region);
}

std::optional<std::string> path_in_stage(const std::string& path,
                                         const std::string& stage)
{
  auto prefix = "/" + stage;
  if (path == prefix) {
    return "/";
  }
  if (path.starts_with(prefix + "/")) {
    return path.substr(prefix.size());
  }
  return std::nullopt;
}

FrontDoor::FrontDoor(Invoker& invoker, FrontDoorSettings settings)
    : m_invoker(invoker), m_settings(std::move(settings))
{
}

std::string FrontDoor::base_path() const
{
  return m_settings.api == config::Api::url ? "/"
                                            : "/" + m_settings.stage + "/";
}

HttpResponse FrontDoor::handle(const HttpRequest& request) const
{
  const auto api = m_settings.api;
  if (request.body.size() > k_max_request_body) {
    return gateway_error(GatewayError::body_too_large, api);
  }
  EventContext context{m_settings.stage,
                       request.path,
                       m_settings.api_id,
                       m_settings.account_id,
                       endpoint_host(m_settings)};
  Json event;
  if (api == config::Api::url) {
    context.stage = "$default"; // a function URL has no stages
    event = payload_v2_event(request, context, api);
  } else {
    auto inside = path_in_stage(request.path, m_settings.stage);
    if (!inside) {
      return gateway_error(GatewayError::no_route, api);
    }
    context.path = *inside;
    event = api == config::Api::rest ? rest_event(request, context)
                                     : payload_v2_event(request, context, api);
  }
  // Bytes that are not UTF-8 (a %FF in the query) cannot be JSON text.
  auto text = event.dump(-1, ' ', false, Json::error_handler_t::replace);
  HttpResponse response;
  if (text.size() > k_max_invocation_payload) {
    response = gateway_error(GatewayError::event_too_large, api);
    write_log_line(gateway_failure_line(
        response.status,
        event["requestContext"]["requestId"].get<std::string>(),
        fmt::format("the event is over Lambda's invocation payload limit "
                    "({} bytes)",
                    k_max_invocation_payload)));
  } else {
    response = invoke(text);
  }
  add_request_ids(response, event, api);
  return response;
}

HttpResponse FrontDoor::refuse_large_body() const
{
  return gateway_error(GatewayError::body_too_large, m_settings.api);
}

HttpResponse FrontDoor::invoke(const std::string& event) const
{
  auto result = m_invoker.invoke(event, "");
  auto response = gateway_response(result, m_settings.api);
  // The gateway's own answers are errors: only those need the look for
  // a reason.
  if (response.status >= 500) {
    if (auto reason = gateway_failure(result, m_settings.api)) {
      write_log_line(
          gateway_failure_line(response.status, result.request_id, *reason));
    }
  }
  return response;
}

} // namespace slam::local
