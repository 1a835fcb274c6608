#include "slam/local/rest_event.hpp"

#include "slam/local/header_fields.hpp"
#include "slam/local/query_string.hpp"
#include "slam/local/request_ids.hpp"
#include "slam/local/request_time.hpp"
#include "slam/util/base64.hpp"
#include "slam/util/hash.hpp"

#include <map>

namespace slam::local {
namespace {

using Json = nlohmann::json;

// Fill SINGLE (last value wins) and MULTIPLE (every value) from PAIRS;
// header names that differ only in case are one header, spelled as first
// seen. Both stay null when PAIRS is empty, as in API Gateway's events.
template <typename Pairs>
void fill_maps(const Pairs& pairs, Json& single, Json& multiple, bool fold)
{
  std::map<std::string, std::string> spelling;
  for (const auto& [name, value] : pairs) {
    auto key = fold ? lower_case(name) : name;
    auto [known, added] = spelling.emplace(key, name);
    const auto& shown = known->second;
    single[shown] = value;
    multiple[shown].push_back(value);
  }
}

Json identity(const HeaderFields& headers, const std::string& source_ip)
{
  const auto* user_agent = last_value(headers, "User-Agent");
  Json identity = Json::object();
  // Without an authorizer, API key or client certificate API Gateway
  // sends these as null.
  for (const char* name : {"cognitoIdentityPoolId",
                           "accountId",
                           "cognitoIdentityId",
                           "caller",
                           "apiKey",
                           "apiKeyId",
                           "accessKey",
                           "cognitoAuthenticationType",
                           "cognitoAuthenticationProvider",
                           "userArn",
                           "user",
                           "principalOrgId",
                           "clientCert"}) {
    identity[name] = nullptr;
  }
  identity["sourceIp"] = source_ip;
  identity["userAgent"] =
      user_agent != nullptr ? Json(*user_agent) : Json(nullptr);
  return identity;
}

Json request_context(const HttpRequest& request,
                     const EventContext& context,
                     const HeaderFields& headers,
                     const std::string& resource)
{
  return {
      {"accountId", context.account_id},
      {"apiId", context.api_id},
      {"domainName", context.domain_name},
      {"domainPrefix", domain_prefix(context.domain_name)},
      {"extendedRequestId", random_extended_id()},
      {"httpMethod", request.method},
      {"identity", identity(headers, request.source_ip)},
      {"path", request.path},
      {"protocol", request.protocol},
      {"requestId", random_uuid()},
      {"requestTime", format_request_time(request.time)},
      {"requestTimeEpoch", epoch_milliseconds(request.time)},
      // A stable id per resource, as API Gateway's are.
      {"resourceId", util::sha256_hex(context.api_id + resource).substr(0, 6)},
      {"resourcePath", resource},
      {"stage", context.stage},
  };
}

} // namespace

Json rest_event(const HttpRequest& request, const EventContext& context)
{
  auto headers = forwarded_headers(request);
  bool root = context.path == "/" || context.path.empty();
  std::string resource = root ? "/" : "/{proxy+}";
  Json event = {{"resource", resource},
                {"path", root ? "/" : context.path},
                {"httpMethod", request.method},
                {"headers", nullptr},
                {"multiValueHeaders", nullptr},
                {"queryStringParameters", nullptr},
                {"multiValueQueryStringParameters", nullptr},
                {"pathParameters", nullptr},
                {"stageVariables", {{"STAGE", context.stage}}},
                {"body", nullptr},
                {"isBase64Encoded", false}};
  fill_maps(headers, event["headers"], event["multiValueHeaders"], true);
  fill_maps(parse_query(request.query),
            event["queryStringParameters"],
            event["multiValueQueryStringParameters"],
            false);
  if (!root) {
    event["pathParameters"] = {{"proxy", context.path.substr(1)}};
  }
  event["requestContext"] =
      request_context(request, context, headers, resource);
  if (!request.body.empty()) {
    event["body"] = util::base64_encode(request.body);
    event["isBase64Encoded"] = true;
  }
  return event;
}

} // namespace slam::local
