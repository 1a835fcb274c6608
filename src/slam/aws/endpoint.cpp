#include "slam/aws/endpoint.hpp"

#include "slam/util/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/core.h>

namespace slam::aws {
namespace {

// Service ids that differ from the upper-cased signing name.
constexpr std::pair<std::string_view, std::string_view> k_service_ids[] = {
    {"logs", "CLOUDWATCH_LOGS"},
    {"apigateway", "API_GATEWAY"},
    {"events", "EVENTBRIDGE"},
    {"monitoring", "CLOUDWATCH"},
};

std::string default_url(std::string_view service, const std::string& region)
{
  auto suffix =
      region.starts_with("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return fmt::format("https://{}.{}.{}", service, region, suffix);
}

} // namespace

std::string Endpoint::url() const
{
  return fmt::format("{}://{}{}/", scheme, host, base_path);
}

std::string endpoint_variable(std::string_view service)
{
  std::string id(service);
  for (auto [name, service_id] : k_service_ids) {
    if (name == service) {
      id = service_id;
    }
  }
  std::transform(id.begin(), id.end(), id.begin(), [](char c) {
    if (c == '-' || c == ' ') {
      return '_';
    }
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - ('a' - 'A')) : c;
  });
  return "AWS_ENDPOINT_URL_" + id;
}

Endpoint parse_endpoint(std::string_view url, std::string_view source)
{
  auto fail = [&]() -> Endpoint {
    throw UsageError(fmt::format("endpoint URL '{}' (from {}) is not "
                                 "like http://127.0.0.1:5000 or "
                                 "https://host[:port][/path]",
                                 url,
                                 source));
  };
  auto separator = url.find("://");
  if (separator == std::string_view::npos) {
    return fail();
  }
  Endpoint endpoint;
  endpoint.scheme = std::string(url.substr(0, separator));
  if (endpoint.scheme != "http" && endpoint.scheme != "https") {
    return fail();
  }
  auto rest = url.substr(separator + 3);
  auto slash = std::min(rest.find_first_of("/?#"), rest.size());
  endpoint.host = std::string(rest.substr(0, slash));
  auto path = rest.substr(slash);
  if (endpoint.host.empty() || path.find_first_of("?#") != path.npos) {
    return fail();
  }
  while (path.ends_with('/')) {
    path.remove_suffix(1);
  }
  endpoint.base_path = std::string(path);
  endpoint.custom = true;
  return endpoint;
}

Endpoint resolve_endpoint(std::string_view service,
                          const std::string& option,
                          const std::string& region)
{
  if (!option.empty()) {
    return parse_endpoint(option, "--endpoint-url");
  }
  for (auto name :
       {endpoint_variable(service), std::string("AWS_ENDPOINT_URL")}) {
    const char* value = std::getenv(name.c_str());
    if (value != nullptr && *value != '\0') {
      return parse_endpoint(value, name);
    }
  }
  auto endpoint = parse_endpoint(default_url(service, region), "AWS");
  endpoint.custom = false;
  return endpoint;
}

} // namespace slam::aws
