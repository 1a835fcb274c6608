#include "slam/aws/lambda.hpp"

#include "slam/aws/error.hpp"
#include "slam/aws/session.hpp"
#include "slam/aws/uri.hpp"
#include "slam/util/base64.hpp"

#include <fmt/core.h>

namespace slam::aws {
namespace {

// A synchronous invocation lasts as long as the function may run (at most
// 15 minutes); the usual request timeout would cut it short.
constexpr std::chrono::minutes k_invoke_timeout{16};

ServiceRequest lambda_request(std::string operation, std::string path)
{
  ServiceRequest request;
  request.service = "lambda";
  request.operation = std::move(operation);
  request.path = "/2015-03-31/functions/" + std::move(path);
  return request;
}

nlohmann::json parse_json(const HttpResponse& response,
                          const std::string& operation)
{
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw Error(
        fmt::format("lambda {}: the answer is not a JSON object", operation));
  }
  return json;
}

// Send REQUEST and return its JSON answer, or nothing when Lambda says
// the function (or its version or alias) does not exist.
std::optional<nlohmann::json> find(Session& session,
                                   const ServiceRequest& request)
{
  try {
    return parse_json(session.send(request), request.operation);
  } catch (const AwsError& error) {
    if (error.code() == "ResourceNotFoundException") {
      return std::nullopt;
    }
    throw;
  }
}

std::string invocation_type_name(InvocationType type)
{
  switch (type) {
  case InvocationType::event:
    return "Event";
  case InvocationType::dry_run:
    return "DryRun";
  case InvocationType::request_response:
    break;
  }
  return "RequestResponse";
}

} // namespace

std::optional<nlohmann::json> Lambda::get_function(const std::string& name,
                                                   const std::string& qualifier)
{
  auto request = lambda_request("GetFunction", uri_encode(name));
  if (!qualifier.empty()) {
    request.query = encode_query({{"Qualifier", qualifier}});
  }
  return find(m_session, request);
}

nlohmann::json Lambda::publish_version(const std::string& name,
                                       const std::string& code_sha256,
                                       const std::string& description)
{
  auto request =
      lambda_request("PublishVersion", uri_encode(name) + "/versions");
  request.method = "POST";
  nlohmann::json body = nlohmann::json::object();
  if (!code_sha256.empty()) {
    body["CodeSha256"] = code_sha256;
  }
  if (!description.empty()) {
    body["Description"] = description;
  }
  request.body = body.dump();
  request.headers.emplace_back("Content-Type", "application/json");
  return parse_json(m_session.send(request), request.operation);
}

std::optional<nlohmann::json> Lambda::get_alias(const std::string& name,
                                                const std::string& alias)
{
  return find(
      m_session,
      lambda_request("GetAlias",
                     uri_encode(name) + "/aliases/" + uri_encode(alias)));
}

Invocation Lambda::invoke(const InvokeRequest& invoke)
{
  auto request = lambda_request(
      "Invoke", uri_encode(invoke.function_name) + "/invocations");
  request.method = "POST";
  if (!invoke.qualifier.empty()) {
    request.query = encode_query({{"Qualifier", invoke.qualifier}});
  }
  request.headers = {
      {"Content-Type", "application/json"},
      {"X-Amz-Invocation-Type", invocation_type_name(invoke.type)},
      {"X-Amz-Log-Type", invoke.tail_log ? "Tail" : "None"}};
  request.body = invoke.payload;
  request.resend_unanswered = false; // the function may have run
  if (invoke.type == InvocationType::request_response) {
    request.timeout = k_invoke_timeout;
  }
  auto response = m_session.send(request);

  Invocation result;
  result.status = response.status;
  result.payload = std::move(response.body);
  const auto& headers = response.headers;
  result.function_error =
      find_header(headers, "X-Amz-Function-Error").value_or("");
  result.executed_version =
      find_header(headers, "X-Amz-Executed-Version").value_or("");
  auto log = find_header(headers, "X-Amz-Log-Result").value_or("");
  result.log_tail = util::base64_decode(log).value_or("");
  return result;
}

} // namespace slam::aws
