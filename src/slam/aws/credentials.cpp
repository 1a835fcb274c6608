#include "slam/aws/credentials.hpp"

#include "slam/aws/container_credentials.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/profile_credentials.hpp"
#include "slam/util/error.hpp"

#include <cstdlib>
#include <fmt/core.h>

namespace slam::aws {
namespace {

std::string env_value(const char* name)
{
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// Return the one error that says nothing had credentials for PROFILE,
// with what each source said.
Error no_credentials(const Profile& profile, const TriedSources& tried)
{
  std::string message = fmt::format(
      "no AWS credentials found for profile '{}'; tried:", profile.name);
  for (const auto& source : tried) {
    message += "\n  - " + source;
  }
  message += "\nset AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give "
             "the profile keys, a role_arn, a credential_process or SSO "
             "settings";
  return Error(message);
}

} // namespace

bool expires_soon(const Credentials& credentials, Timestamp now)
{
  return credentials.expiration &&
         *credentials.expiration - k_expiry_margin <= now;
}

Credentials unexpired(Credentials credentials)
{
  if (credentials.expiration &&
      *credentials.expiration <= std::chrono::system_clock::now()) {
    throw Error(fmt::format("the credentials from {} expired at {}",
                            credentials.source,
                            format_iso8601(*credentials.expiration)));
  }
  return credentials;
}

std::optional<Credentials> environment_credentials(TriedSources& tried)
{
  Credentials credentials{env_value("AWS_ACCESS_KEY_ID"),
                          env_value("AWS_SECRET_ACCESS_KEY"),
                          env_value("AWS_SESSION_TOKEN"),
                          "the environment",
                          std::nullopt};
  if (credentials.access_key_id.empty() &&
      credentials.secret_access_key.empty()) {
    tried.push_back("the environment: AWS_ACCESS_KEY_ID and "
                    "AWS_SECRET_ACCESS_KEY are not set");
    return std::nullopt;
  }
  if (credentials.access_key_id.empty() ||
      credentials.secret_access_key.empty()) {
    throw Error(fmt::format(
        "{} is set but {} is not; set both or neither",
        credentials.access_key_id.empty() ? "AWS_SECRET_ACCESS_KEY"
                                          : "AWS_ACCESS_KEY_ID",
        credentials.access_key_id.empty() ? "AWS_ACCESS_KEY_ID"
                                          : "AWS_SECRET_ACCESS_KEY"));
  }
  return credentials;
}

Credentials resolve_credentials(const Profile& profile,
                                const CredentialContext& context)
{
  TriedSources tried;
  // An explicit --profile means that profile, even when the environment
  // holds keys, as in the AWS CLI; AWS_PROFILE does not.
  if (profile.origin != ProfileOrigin::option) {
    if (auto credentials = environment_credentials(tried)) {
      return *credentials;
    }
  } else {
    tried.push_back("the environment: skipped, since --profile was given");
  }
  ProfileChain chain{profile.name};
  if (auto credentials = profile_credentials(profile, context, chain, tried)) {
    return unexpired(std::move(*credentials));
  }
  if (auto credentials = container_credentials(tried)) {
    return unexpired(std::move(*credentials));
  }
  tried.push_back("the EC2 instance metadata service: used only when a "
                  "profile sets credential_source = Ec2InstanceMetadata");
  throw no_credentials(profile, tried);
}

} // namespace slam::aws
