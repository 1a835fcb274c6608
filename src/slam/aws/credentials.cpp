#include "slam/aws/credentials.hpp"

#include "slam/aws/profile.hpp"
#include "slam/util/error.hpp"

#include <array>
#include <cstdlib>
#include <fmt/core.h>
#include <optional>

namespace slam::aws {
namespace {

std::string env_value(const char* name)
{
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::optional<Credentials> from_environment()
{
  Credentials credentials{env_value("AWS_ACCESS_KEY_ID"),
                          env_value("AWS_SECRET_ACCESS_KEY"),
                          env_value("AWS_SESSION_TOKEN"),
                          "the environment"};
  if (credentials.access_key_id.empty() &&
      credentials.secret_access_key.empty()) {
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

// Return the key pair of SECTION, which belongs to PROFILE in FILE.
std::optional<Credentials> from_section(const IniSection& section,
                                        const std::string& profile,
                                        const std::string& file)
{
  auto get = [&](const char* key) {
    auto it = section.find(key);
    return it != section.end() ? it->second : std::string();
  };
  Credentials credentials{get("aws_access_key_id"),
                          get("aws_secret_access_key"),
                          get("aws_session_token"),
                          fmt::format("profile '{}' in {}", profile, file)};
  if (credentials.session_token.empty()) {
    credentials.session_token = get("aws_security_token"); // older name
  }
  if (credentials.access_key_id.empty() &&
      credentials.secret_access_key.empty()) {
    return std::nullopt;
  }
  if (credentials.access_key_id.empty() ||
      credentials.secret_access_key.empty()) {
    throw Error(fmt::format(
        "profile '{}' in {} has {} but no {}",
        profile,
        file,
        credentials.access_key_id.empty() ? "aws_secret_access_key"
                                          : "aws_access_key_id",
        credentials.access_key_id.empty() ? "aws_access_key_id"
                                          : "aws_secret_access_key"));
  }
  return credentials;
}

// Fail clearly for the credential sources of the AWS CLI that slam does
// not implement yet, rather than claim there are no credentials.
void reject_unsupported_sources(const Profile& profile)
{
  static constexpr std::array k_keys = {"role_arn",
                                        "credential_process",
                                        "sso_session",
                                        "sso_start_url",
                                        "web_identity_token_file"};
  for (const char* key : k_keys) {
    if (profile.value(key)) {
      throw Error(fmt::format("profile '{}' gets its credentials through "
                              "'{}', which slam does not support yet; set "
                              "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                              "(and AWS_SESSION_TOKEN) instead",
                              profile.name,
                              key));
    }
  }
}

} // namespace

Credentials resolve_credentials(const Profile& profile)
{
  bool use_environment = profile.origin != ProfileOrigin::option;
  if (use_environment) {
    if (auto credentials = from_environment()) {
      return *credentials;
    }
  }
  if (auto credentials = from_section(profile.from_credentials_file,
                                      profile.name,
                                      profile.credentials_file)) {
    return *credentials;
  }
  if (auto credentials = from_section(
          profile.from_config_file, profile.name, profile.config_file)) {
    return *credentials;
  }
  reject_unsupported_sources(profile);
  throw Error(fmt::format("no AWS credentials found for profile '{}' (tried "
                          "{}{}, {}); set AWS_ACCESS_KEY_ID and "
                          "AWS_SECRET_ACCESS_KEY or configure a profile",
                          profile.name,
                          use_environment ? "the environment, " : "",
                          profile.credentials_file,
                          profile.config_file));
}

} // namespace slam::aws
