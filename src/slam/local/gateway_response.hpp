#pragma once

#include "slam/config/config.hpp"
#include "slam/local/http_exchange.hpp"
#include "slam/local/invoker.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace slam::local {

// Return the response API Gateway (or a function URL, by API) sends for
// the invocation RESULT: the function's response when it succeeded with
// a well-formed one, else the gateway's own error (gateway_errors.hpp).
HttpResponse gateway_response(const InvocationResult& result, config::Api api);

// Return the HTTP response a payload 1.0 RESULT describes, or nothing
// when API Gateway would call it malformed: not an object, a key other
// than statusCode, headers, multiValueHeaders, body and isBase64Encoded,
// a status outside 100-599, a header value that is not a scalar, a body
// that is not a string, or one flagged base64 that is not. headers and
// multiValueHeaders are merged (a value in both is sent once), and a
// response without Content-Type gets application/json.
std::optional<HttpResponse> rest_result(const nlohmann::json& result);

// Return the HTTP response a payload 2.0 RESULT (whose JSON text is
// TEXT) describes, or nothing when it is malformed. A result that is not
// an object with statusCode is taken as is for the body of a 200
// application/json response.
std::optional<HttpResponse> payload_v2_result(const nlohmann::json& result,
                                              std::string_view text);

} // namespace slam::local
