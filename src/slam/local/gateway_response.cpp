#include "slam/local/gateway_response.hpp"

#include "slam/local/gateway_errors.hpp"
#include "slam/local/header_fields.hpp"
#include "slam/util/base64.hpp"

#include <algorithm>
#include <array>

namespace slam::local {
namespace {

using Json = nlohmann::json;

// A header value as text, or nothing when it is not a scalar.
std::optional<std::string> header_text(const Json& value)
{
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_number() || value.is_boolean()) {
    return value.dump();
  }
  return std::nullopt;
}

std::optional<int> status_of(const Json& result)
{
  // find(), not operator[]: on a const object, a missing key is undefined
  // behaviour (an assertion in the sanitizer build).
  auto status = result.find("statusCode");
  if (status == result.end() || !status->is_number_integer()) {
    return std::nullopt;
  }
  auto code = status->get<long long>();
  // A 1xx status cannot end an exchange: no final answer.
  if (code < 200 || code > 599) {
    return std::nullopt;
  }
  return static_cast<int>(code);
}

// Set RESPONSE's body from the result's body and isBase64Encoded.
bool read_body(const Json& result, HttpResponse& response)
{
  bool base64 = false;
  if (result.contains("isBase64Encoded")) {
    if (!result["isBase64Encoded"].is_boolean()) {
      return false;
    }
    base64 = result["isBase64Encoded"].get<bool>();
  }
  if (!result.contains("body") || result["body"].is_null()) {
    return true;
  }
  if (!result["body"].is_string()) {
    return false;
  }
  const auto& body = result["body"].get_ref<const std::string&>();
  if (!base64) {
    response.body = body;
    return true;
  }
  auto decoded = util::base64_decode(body);
  if (!decoded) {
    return false;
  }
  response.body = std::move(*decoded);
  return true;
}

// Add NAME: TEXT to FIELDS; false when it cannot be written as a field.
bool add_field(HeaderFields& fields,
               const std::string& name,
               const std::optional<std::string>& text)
{
  if (!text || !writable_field(name, *text)) {
    return false;
  }
  fields.emplace_back(name, *text);
  return true;
}

// Add the single-valued HEADERS of a result; false when malformed.
bool read_headers(const Json& headers, HeaderFields& fields)
{
  if (headers.is_null()) {
    return true;
  }
  if (!headers.is_object()) {
    return false;
  }
  for (const auto& [name, value] : headers.items()) {
    if (!add_field(fields, name, header_text(value))) {
      return false;
    }
  }
  return true;
}

// Add the multiValueHeaders, then each single value they do not hold.
bool merge_headers(const Json& result, HeaderFields& fields)
{
  HeaderFields single;
  if (!read_headers(result.value("headers", Json()), single)) {
    return false;
  }
  const auto multiple = result.value("multiValueHeaders", Json());
  if (!multiple.is_null() && !multiple.is_object()) {
    return false;
  }
  for (const auto& [name, values] : multiple.items()) {
    if (!values.is_array()) {
      return false;
    }
    for (const auto& value : values) {
      if (!add_field(fields, name, header_text(value))) {
        return false;
      }
    }
  }
  for (auto& field : single) {
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
      fields.push_back(std::move(field));
    }
  }
  return true;
}

// Content-Length is the front door's to set; hop-by-hop headers end at
// API Gateway.
void drop_connection_headers(HeaderFields& fields)
{
  fields = without_hop_by_hop(fields);
  std::erase_if(fields, [](const auto& field) {
    return same_header(field.first, "Content-Length");
  });
}

bool only_rest_keys(const Json& result)
{
  static constexpr std::array<std::string_view, 5> keys = {
      "statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"};
  for (const auto& item : result.items()) {
    if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) {
      return false;
    }
  }
  return true;
}

std::optional<HttpResponse> structured_v2_result(const Json& result)
{
  HttpResponse response;
  auto status = status_of(result);
  if (!status || !read_body(result, response) ||
      !read_headers(result.value("headers", Json()), response.headers)) {
    return std::nullopt;
  }
  response.status = *status;
  const auto cookies = result.value("cookies", Json());
  if (!cookies.is_null() && !cookies.is_array()) {
    return std::nullopt;
  }
  for (const auto& cookie : cookies) {
    if (!cookie.is_string() ||
        !add_field(response.headers, "Set-Cookie", cookie.get<std::string>())) {
      return std::nullopt;
    }
  }
  drop_connection_headers(response.headers);
  return response;
}

std::optional<HttpResponse>
result_for(const Json& result, std::string_view text, config::Api api)
{
  return api == config::Api::rest ? rest_result(result)
                                  : payload_v2_result(result, text);
}

GatewayError error_of(Outcome outcome)
{
  return outcome == Outcome::timeout ? GatewayError::timeout
                                     : GatewayError::internal;
}

} // namespace

std::optional<HttpResponse> rest_result(const Json& result)
{
  if (!result.is_object() || !only_rest_keys(result)) {
    return std::nullopt;
  }
  HttpResponse response;
  auto status = status_of(result);
  if (!status || !read_body(result, response) ||
      !merge_headers(result, response.headers)) {
    return std::nullopt;
  }
  response.status = *status;
  drop_connection_headers(response.headers);
  if (last_value(response.headers, "Content-Type") == nullptr) {
    response.headers.emplace_back("Content-Type", "application/json");
  }
  return response;
}

std::optional<HttpResponse> payload_v2_result(const Json& result,
                                              std::string_view text)
{
  if (result.is_object() && result.contains("statusCode")) {
    return structured_v2_result(result);
  }
  return HttpResponse{
      200, {{"Content-Type", "application/json"}}, std::string(text)};
}

HttpResponse gateway_response(const InvocationResult& result, config::Api api)
{
  if (result.outcome != Outcome::success) {
    return gateway_error(error_of(result.outcome), api);
  }
  auto parsed = Json::parse(result.payload, nullptr, false);
  if (parsed.is_discarded()) {
    return gateway_error(GatewayError::internal, api);
  }
  if (auto response = result_for(parsed, result.payload, api)) {
    return std::move(*response);
  }
  return gateway_error(GatewayError::internal, api);
}

} // namespace slam::local
