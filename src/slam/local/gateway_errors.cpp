#include "slam/local/gateway_errors.hpp"

namespace slam::local {
namespace {

HttpResponse json_error(int status, std::string body, std::string type = {})
{
  HttpResponse response{status, {{"Content-Type", "application/json"}}, body};
  if (!type.empty()) {
    response.headers.emplace_back("x-amzn-ErrorType", std::move(type));
  }
  return response;
}

// The texts differ from API to API down to spacing and letter case.
HttpResponse rest_error(GatewayError error)
{
  switch (error) {
  case GatewayError::internal:
    return json_error(502,
                      R"({"message": "Internal server error"})",
                      "InternalServerErrorException");
  case GatewayError::timeout:
    return json_error(504,
                      R"({"message": "Endpoint request timed out"})",
                      "InternalServerErrorException");
  case GatewayError::no_route:
    return json_error(403,
                      R"({"message":"Missing Authentication Token"})",
                      "MissingAuthenticationTokenException");
  case GatewayError::body_too_large:
    return json_error(
        413, R"({"message":"HTTP content length exceeded 10485760 bytes."})");
  case GatewayError::event_too_large:
    return json_error(413, R"({"message":"Request Too Long"})");
  }
  return json_error(500, R"({"message": "Internal server error"})");
}

HttpResponse http_api_error(GatewayError error)
{
  switch (error) {
  case GatewayError::internal:
    return json_error(500, R"({"message":"Internal Server Error"})");
  case GatewayError::timeout:
    return json_error(503, R"({"message":"Service Unavailable"})");
  case GatewayError::no_route:
    return json_error(404, R"({"message":"Not Found"})");
  case GatewayError::body_too_large:
  case GatewayError::event_too_large:
    return json_error(413, R"({"message":"Request Entity Too Large"})");
  }
  return json_error(500, R"({"message":"Internal Server Error"})");
}

HttpResponse function_url_error(GatewayError error)
{
  bool too_large = error == GatewayError::body_too_large ||
                   error == GatewayError::event_too_large;
  if (too_large) {
    return {413, {{"Content-Type", "text/plain"}}, "Request Entity Too Large"};
  }
  return {502, {{"Content-Type", "text/plain"}}, "Internal Server Error"};
}

} // namespace

HttpResponse gateway_error(GatewayError error, config::Api api)
{
  switch (api) {
  case config::Api::rest:
    return rest_error(error);
  case config::Api::http:
    return http_api_error(error);
  case config::Api::url:
    return function_url_error(error);
  }
  return rest_error(error);
}

} // namespace slam::local
