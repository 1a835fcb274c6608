#pragma once

#include "slam/config/config.hpp"
#include "slam/local/http_exchange.hpp"

#include <cstddef>

namespace slam::local {

// What API Gateway (or a function URL) answers by itself, without the
// function's result.
enum class GatewayError {
  internal,        // a function error, crash or malformed result
  timeout,         // the function ran past its timeout
  no_route,        // a path outside the API's stages
  body_too_large,  // a request body over API Gateway's 10 MB
  event_too_large, // an event over Lambda's 6 MB invocation payload
};

// API Gateway refuses request bodies over 10 MB (10485760 bytes).
inline constexpr std::size_t k_max_request_body = 10 * 1024 * 1024;

// Lambda refuses synchronous invocation payloads over 6 MB.
inline constexpr std::size_t k_max_invocation_payload = 6 * 1024 * 1024;

// Return the response the front door API gives for ERROR, with its own
// status and body texts: a REST API's 502 {"message": "Internal server
// error"}, 504 on a timeout and 403 "Missing Authentication Token" for an
// unknown path; an HTTP API's 500 {"message":"Internal Server Error"},
// 503 on a timeout and 404 {"message":"Not Found"}; a function URL's
// plain-text 502.
HttpResponse gateway_error(GatewayError error, config::Api api);

} // namespace slam::local
