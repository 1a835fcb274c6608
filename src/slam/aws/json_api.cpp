#include "slam/aws/json_api.hpp"

#include "slam/aws/session.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::aws {

nlohmann::json call_json_api(Session& session,
                             std::string_view service,
                             std::string_view target_prefix,
                             std::string_view operation,
                             const nlohmann::json& input)
{
  ServiceRequest request;
  request.service = service;
  request.operation = operation;
  request.method = "POST";
  request.headers = {
      {"Content-Type", "application/x-amz-json-1.1"},
      {"X-Amz-Target", fmt::format("{}.{}", target_prefix, operation)}};
  request.body = input.dump();
  auto response = session.send(request);
  // Some operations answer an empty body rather than "{}".
  if (response.body.empty()) {
    return nlohmann::json::object();
  }
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_discarded()) {
    throw Error(
        fmt::format("{} {}: the answer is not JSON", service, operation));
  }
  return json;
}

} // namespace slam::aws
