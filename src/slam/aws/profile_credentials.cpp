#include "slam/aws/profile_credentials.hpp"

#include "slam/aws/credential_process.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/role_credentials.hpp"
#include "slam/aws/sso_credentials.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::aws {
namespace {

// Return the key pair of SECTION, which belongs to PROFILE in FILE.
std::optional<Credentials> keys_of_section(const IniSection& section,
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
                          fmt::format("profile '{}' in {}", profile, file),
                          std::nullopt};
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

// Say what the credentials file held for PROFILE.
std::string credentials_file_note(const Profile& profile)
{
  if (!profile.files || !profile.files->credentials_exists) {
    return fmt::format("{}: no such file", profile.credentials_file);
  }
  if (!profile.in_credentials_file) {
    return fmt::format(
        "{}: no [{}] section", profile.credentials_file, profile.name);
  }
  return fmt::format("{}: [{}] has no aws_access_key_id",
                     profile.credentials_file,
                     profile.name);
}

// Say what the config file held for PROFILE.
std::string config_file_note(const Profile& profile)
{
  if (!profile.files || !profile.files->config_exists) {
    return fmt::format("{}: no such file", profile.config_file);
  }
  if (!profile.in_config_file) {
    return fmt::format(
        "{}: no [profile {}] section", profile.config_file, profile.name);
  }
  return fmt::format("{}: [profile {}] has no aws_access_key_id, role_arn, "
                     "credential_process or sso_* settings",
                     profile.config_file,
                     profile.name);
}

// Fail clearly for the credential sources of the AWS CLI that slam does
// not implement, rather than claim there are no credentials.
void reject_unsupported_sources(const Profile& profile)
{
  if (profile.value("web_identity_token_file")) {
    throw Error(fmt::format("profile '{}' gets its credentials through "
                            "'web_identity_token_file', which slam does not "
                            "support; set AWS_ACCESS_KEY_ID and "
                            "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) "
                            "instead",
                            profile.name));
  }
}

} // namespace

bool has_keys(const Profile& profile)
{
  return profile.value("aws_access_key_id").has_value();
}

std::optional<Credentials> own_credentials(const Profile& profile,
                                           const CredentialContext& context,
                                           TriedSources& tried)
{
  if (auto sso = sso_settings(profile)) {
    return sso_credentials(profile, *sso, context);
  }
  if (auto keys = keys_of_section(profile.from_credentials_file,
                                  profile.name,
                                  profile.credentials_file)) {
    return keys;
  }
  if (auto command = profile.value("credential_process")) {
    return process_credentials(*command, profile.name);
  }
  if (auto keys = keys_of_section(
          profile.from_config_file, profile.name, profile.config_file)) {
    return keys;
  }
  tried.push_back(credentials_file_note(profile));
  tried.push_back(config_file_note(profile));
  return std::nullopt;
}

std::optional<Credentials> profile_credentials(const Profile& profile,
                                               const CredentialContext& context,
                                               ProfileChain& chain,
                                               TriedSources& tried)
{
  reject_unsupported_sources(profile);
  if (profile.value("role_arn")) {
    return assume_profile_role(profile, context, chain);
  }
  return own_credentials(profile, context, tried);
}

} // namespace slam::aws
