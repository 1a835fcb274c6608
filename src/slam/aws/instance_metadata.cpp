#include "slam/aws/instance_metadata.hpp"

#include "slam/aws/credential_endpoint.hpp"
#include "slam/aws/endpoint.hpp"
#include "slam/aws/profile.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/core.h>
#include <optional>

namespace slam::aws {
namespace {

constexpr const char* k_what = "the EC2 instance metadata service";
constexpr const char* k_credentials_path =
    "latest/meta-data/iam/security-credentials/";

} // namespace

std::string instance_metadata_endpoint(const Profile& profile)
{
  const char* disabled = std::getenv("AWS_EC2_METADATA_DISABLED");
  std::string off = disabled != nullptr ? disabled : "";
  std::transform(off.begin(), off.end(), off.begin(), ::tolower);
  if (off == "true") {
    throw UsageError(fmt::format(
        "profile '{}' sets credential_source = Ec2InstanceMetadata, but "
        "AWS_EC2_METADATA_DISABLED is true",
        profile.name));
  }
  const char* from_env = std::getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (from_env != nullptr && *from_env != '\0') {
    return parse_endpoint(from_env, "AWS_EC2_METADATA_SERVICE_ENDPOINT").url();
  }
  if (auto setting = profile.value("ec2_metadata_service_endpoint")) {
    return parse_endpoint(*setting,
                          fmt::format("ec2_metadata_service_endpoint of "
                                      "profile '{}'",
                                      profile.name))
        .url();
  }
  // The profile named the service: its well-known address, as the AWS CLI
  // takes, in the mode the profile asks for.
  const char* mode_env = std::getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
  auto mode = mode_env != nullptr && *mode_env != '\0'
                  ? std::optional<std::string>(mode_env)
                  : profile.value("ec2_metadata_service_endpoint_mode");
  if (mode && *mode == "IPv6") {
    return "http://[fd00:ec2::254]/";
  }
  return "http://169.254.169.254/";
}

namespace {

// Return the answer's body to CALL, failing unless it is a 200.
std::string fetch(const CredentialCall& call, std::string_view step)
{
  auto response = call_credential_endpoint(call);
  if (response.status != 200) {
    throw Error(fmt::format("{} at {} answered HTTP {} to the request for {}",
                            k_what,
                            call.request.url,
                            response.status,
                            step));
  }
  return response.body;
}

// Return a call of the service at BASE: one short try each, as the SDKs
// do, since a machine that is not an instance never answers.
CredentialCall metadata_call(const std::string& method,
                             const std::string& url,
                             const std::string& token)
{
  CredentialCall call{{method, url, {}, "", {}}, k_what, {token}};
  call.timeouts = {std::chrono::seconds(1), std::chrono::seconds(2)};
  call.attempts = 2;
  if (method == "PUT") {
    call.request.headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds",
                                      "21600");
  } else {
    call.request.headers.emplace_back("X-aws-ec2-metadata-token", token);
  }
  return call;
}

} // namespace

Credentials instance_metadata_credentials(const Profile& profile)
{
  auto base = instance_metadata_endpoint(profile);
  auto token =
      fetch(metadata_call("PUT", base + "latest/api/token", ""), "a token");
  auto roles = fetch(metadata_call("GET", base + k_credentials_path, token),
                     "the instance's role");
  auto role = roles.substr(0, roles.find('\n'));
  if (role.empty()) {
    throw Error(fmt::format(
        "{} at {} names no IAM role for this instance", k_what, base));
  }
  auto document =
      fetch(metadata_call("GET", base + k_credentials_path + role, token),
            "the role's credentials");
  return parse_credential_document(
      document, fmt::format("{} at {} (role '{}')", k_what, base, role));
}

} // namespace slam::aws
