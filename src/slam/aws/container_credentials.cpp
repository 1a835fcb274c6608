#include "slam/aws/container_credentials.hpp"

#include "slam/aws/credential_endpoint.hpp"
#include "slam/aws/endpoint.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <arpa/inet.h>
#include <array>
#include <cstdlib>
#include <cstring>
#include <fmt/core.h>

namespace slam::aws {
namespace {

constexpr const char* k_relative_variable =
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
constexpr const char* k_full_variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
constexpr const char* k_ecs_agent = "http://169.254.170.2";

std::string env_value(const char* name)
{
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// Return the host of HOST_PORT ("h:1", "[::1]:2"), without brackets.
std::string host_of(const std::string& host_port)
{
  if (host_port.starts_with('[')) {
    return host_port.substr(1, host_port.find(']') - 1);
  }
  return host_port.substr(0, host_port.find(':'));
}

// Return whether HOST is a loopback address, or the address of the ECS
// agent or the EKS Pod Identity agent, the hosts an http URL may name.
bool is_allowed_http_host(const std::string& host)
{
  if (host == "localhost") {
    return true;
  }
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    auto address = ntohl(v4.s_addr);
    return (address >> 24) == 127 || host == "169.254.170.2" ||
           host == "169.254.170.23";
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) != 1) {
    return false;
  }
  in6_addr eks{};
  ::inet_pton(AF_INET6, "fd00:ec2::23", &eks);
  return std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0 ||
         std::memcmp(&v6, &eks, sizeof v6) == 0;
}

std::string read_token_file(const std::string& path)
{
  auto token = util::read_file(path);
  // A file written by `echo` ends with a line break that is no part of
  // the token.
  if (token.ends_with('\n')) {
    token.pop_back();
    if (token.ends_with('\r')) {
      token.pop_back();
    }
  }
  return token;
}

} // namespace

std::optional<std::string> container_endpoint()
{
  auto relative = env_value(k_relative_variable);
  if (!relative.empty()) {
    return std::string(k_ecs_agent) + (relative.starts_with('/') ? "" : "/") +
           relative;
  }
  auto full = env_value(k_full_variable);
  if (full.empty()) {
    return std::nullopt;
  }
  auto endpoint = parse_endpoint(full, k_full_variable);
  if (endpoint.scheme == "http" &&
      !is_allowed_http_host(host_of(endpoint.host))) {
    throw UsageError(fmt::format(
        "{} is '{}', but slam sends the container authorization token only "
        "over https, or over http to a loopback address "
        "(127.0.0.1, ::1, localhost) or the ECS or EKS agent",
        k_full_variable,
        full));
  }
  return full;
}

std::string container_authorization()
{
  std::string token;
  auto file = env_value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  if (!file.empty()) {
    token = read_token_file(file);
  } else {
    token = env_value("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }
  if (token.find_first_of("\r\n") != std::string::npos) {
    throw Error("the container authorization token holds a line break");
  }
  return token;
}

std::optional<Credentials> container_credentials(TriedSources& tried)
{
  auto url = container_endpoint();
  if (!url) {
    tried.push_back(fmt::format("container credentials: {} and {} are not set",
                                k_relative_variable,
                                k_full_variable));
    return std::nullopt;
  }
  auto token = container_authorization();
  std::string what = "the container credentials endpoint";
  CredentialCall call{
      {"GET", *url, {{"Accept", "application/json"}}, "", {}}, what, {token}};
  if (!token.empty()) {
    call.request.headers.emplace_back("Authorization", token);
  }
  auto response = call_credential_endpoint(call);
  if (response.status != 200) {
    auto message = error_message_of(response.body, {token});
    throw Error(fmt::format("{} {} answered HTTP {}{}{}",
                            what,
                            *url,
                            response.status,
                            message.empty() ? "" : ": ",
                            message));
  }
  return parse_credential_document(response.body,
                                   fmt::format("{} {}", what, *url));
}

} // namespace slam::aws
