#include "slam/local/gateway_failure.hpp"

#include "slam/local/gateway_response.hpp"
#include "slam/util/base64.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace slam::local {
namespace {

using Json = nlohmann::json;

// Return the first fault of a result that the gateway found malformed.
std::string fault_of(const Json& result, config::Api api)
{
  if (!result.is_object()) {
    return "the result is not a JSON object";
  }
  const auto& status = result.value("statusCode", Json());
  if (!status.is_number_integer() || status.get<long long>() < 100 ||
      status.get<long long>() > 599) {
    return "statusCode is not an integer from 100 to 599";
  }
  const auto& body = result.value("body", Json());
  if (!body.is_null() && !body.is_string()) {
    return "body is not a string";
  }
  const auto& base64 = result.value("isBase64Encoded", Json(false));
  if (!base64.is_boolean()) {
    return "isBase64Encoded is not true or false";
  }
  if (base64.get<bool>() && body.is_string() &&
      !util::base64_decode(body.get<std::string>())) {
    return "the body is flagged isBase64Encoded but is not base64";
  }
  if (api == config::Api::rest) {
    for (const auto& item : result.items()) {
      static const std::array<std::string_view, 5> keys = {"statusCode",
                                                           "headers",
                                                           "multiValueHeaders",
                                                           "body",
                                                           "isBase64Encoded"};
      if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) {
        return fmt::format("'{}' is not a key of a proxy response", item.key());
      }
    }
  }
  return "a header or cookie is not a string, number or boolean";
}

std::string malformed_reason(const std::string& payload, config::Api api)
{
  auto result = Json::parse(payload, nullptr, false);
  auto fault =
      result.is_discarded() ? "the result is not JSON" : fault_of(result, api);
  return "Malformed Lambda proxy response: " + fault;
}

// The error type and message of a Lambda error object PAYLOAD.
std::string error_of(const std::string& payload)
{
  auto error = Json::parse(payload, nullptr, false);
  if (!error.is_object()) {
    return payload;
  }
  auto type = error.value("errorType", std::string());
  auto message = error.value("errorMessage", std::string());
  return type.empty() ? message : type + ": " + message;
}

} // namespace

std::optional<std::string> gateway_failure(const InvocationResult& result,
                                           config::Api api)
{
  switch (result.outcome) {
  case Outcome::success:
    break;
  case Outcome::function_error:
    return "the function failed: " + error_of(result.payload);
  case Outcome::timeout:
    return std::string("the function timed out");
  case Outcome::crashed:
    return std::string("the function's runtime exited");
  case Outcome::init_error:
    return "the function failed to start: " + error_of(result.payload);
  case Outcome::too_large:
    return error_of(result.payload);
  }
  auto parsed = Json::parse(result.payload, nullptr, false);
  bool passed = !parsed.is_discarded() &&
                (api == config::Api::rest
                     ? rest_result(parsed).has_value()
                     : payload_v2_result(parsed, result.payload).has_value());
  if (passed) {
    return std::nullopt;
  }
  return malformed_reason(result.payload, api);
}

std::string gateway_failure_line(int status,
                                 const std::string& request_id,
                                 const std::string& reason)
{
  return fmt::format("RequestId: {} answered {} by the gateway: {}",
                     request_id,
                     status,
                     reason);
}

} // namespace slam::local
