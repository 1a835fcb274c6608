#include "slam/local/http_api_event.hpp"

#include "slam/local/header_fields.hpp"
#include "slam/local/query_string.hpp"
#include "slam/local/request_ids.hpp"
#include "slam/local/request_time.hpp"
#include "slam/util/base64.hpp"
#include "slam/util/text.hpp"
#include "slam/util/utf8.hpp"

namespace slam::local {
namespace {

using Json = nlohmann::json;

// Add VALUE to the comma-joined entry NAME of MAP.
void join_into(Json& map, const std::string& name, const std::string& value)
{
  if (map.contains(name)) {
    map[name] = map[name].get<std::string>() + "," + value;
  } else {
    map[name] = value;
  }
}

// Return the cookies of every Cookie header, one entry per cookie.
Json cookies_of(const HeaderFields& headers)
{
  Json cookies = Json::array();
  for (const auto& [name, value] : headers) {
    if (same_header(name, "Cookie")) {
      for (const auto& cookie : util::split_list(value, ';')) {
        cookies.push_back(cookie);
      }
    }
  }
  return cookies;
}

// The Cookie headers go into cookies only.
Json headers_of(const HeaderFields& headers)
{
  Json joined = Json::object();
  for (const auto& [name, value] : headers) {
    if (!same_header(name, "Cookie")) {
      join_into(joined, lower_case(name), value);
    }
  }
  return joined;
}

// API Gateway drops a trailing slash from http.path; rawPath keeps it.
std::string http_path(const std::string& raw_path)
{
  if (raw_path.size() > 1 && raw_path.ends_with('/')) {
    return raw_path.substr(0, raw_path.size() - 1);
  }
  return raw_path;
}

Json request_context(const HttpRequest& request,
                     const EventContext& context,
                     const HeaderFields& headers)
{
  const auto* user_agent = last_value(headers, "User-Agent");
  return {{"accountId", context.account_id},
          {"apiId", context.api_id},
          {"domainName", context.domain_name},
          {"domainPrefix", domain_prefix(context.domain_name)},
          {"http",
           {{"method", request.method},
            {"path", http_path(request.path)},
            {"protocol", request.protocol},
            {"sourceIp", request.source_ip},
            {"userAgent", user_agent != nullptr ? *user_agent : ""}}},
          {"requestId", random_extended_id()},
          {"routeKey", "$default"},
          {"stage", context.stage},
          {"time", format_request_time(request.time)},
          {"timeEpoch", epoch_milliseconds(request.time)}};
}

void add_body(Json& event, const HttpRequest& request)
{
  event["isBase64Encoded"] = false;
  if (request.body.empty()) {
    return;
  }
  // A body without a media type is sent as text when it is UTF-8, as
  // AWS's sample events show.
  const auto* content_type = last_value(request.headers, "Content-Type");
  bool text_type = content_type == nullptr || is_text_media_type(*content_type);
  if (text_type && util::is_valid_utf8(request.body)) {
    event["body"] = request.body;
  } else {
    event["body"] = util::base64_encode(request.body);
    event["isBase64Encoded"] = true;
  }
}

} // namespace

Json payload_v2_event(const HttpRequest& request,
                      const EventContext& context,
                      config::Api api)
{
  auto headers = forwarded_headers(request);
  Json event = {{"version", "2.0"},
                {"routeKey", "$default"},
                {"rawPath", request.path},
                {"rawQueryString", request.query},
                {"headers", headers_of(headers)}};
  if (auto cookies = cookies_of(headers); !cookies.empty()) {
    event["cookies"] = cookies;
  }
  auto parameters = parse_query(request.query);
  if (!parameters.empty()) {
    Json joined = Json::object();
    for (const auto& [name, value] : parameters) {
      join_into(joined, name, value);
    }
    event["queryStringParameters"] = joined;
  }
  event["requestContext"] = request_context(request, context, headers);
  if (api == config::Api::http) {
    event["stageVariables"] = {{"STAGE", context.stage}};
  }
  add_body(event, request);
  return event;
}

} // namespace slam::local
