#include "slam/aws/role_credentials.hpp"

#include "slam/aws/container_credentials.hpp"
#include "slam/aws/credential_cache.hpp"
#include "slam/aws/instance_metadata.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/session.hpp"
#include "slam/aws/sts.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
#include "slam/util/terminal_prompt.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/core.h>

namespace slam::aws {
namespace {

std::optional<int> duration_of(const Profile& profile)
{
  auto text = profile.value("duration_seconds");
  if (!text) {
    return std::nullopt;
  }
  int seconds = 0;
  auto [end, error] =
      std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (error != std::errc() || end != text->data() + text->size() ||
      seconds < 900 || seconds > 43200) {
    throw UsageError(fmt::format("profile '{}' has duration_seconds '{}'; it "
                                 "must be a number of seconds from 900 to "
                                 "43200",
                                 profile.name,
                                 *text));
  }
  return seconds;
}

// Return PROFILE's STS region: the run's, else STS's global one.
std::string sts_region(const CredentialContext& context)
{
  return context.region.empty() ? "us-east-1" : context.region;
}

// Return the credentials that the environment or the container or
// instance metadata endpoints give, as PROFILE's credential_source says.
Credentials from_credential_source(const Profile& profile,
                                   const std::string& source)
{
  TriedSources tried;
  std::optional<Credentials> credentials;
  if (source == "Environment") {
    credentials = environment_credentials(tried);
  } else if (source == "EcsContainer") {
    credentials = container_credentials(tried);
  } else {
    credentials = instance_metadata_credentials(profile);
  }
  if (!credentials) {
    throw Error(fmt::format("profile '{}' sets credential_source = {}, but {}",
                            profile.name,
                            source,
                            tried.empty() ? "it gave nothing" : tried.back()));
  }
  return *credentials;
}

// Return the credentials of source_profile NAME of PROFILE.
// Return the profile NAME, PROFILE's source_profile, adding it to CHAIN
// (the profiles that led here); throw UsageError when it closes a loop or
// does not exist.
Profile source_profile_of(const Profile& profile,
                          const std::string& name,
                          ProfileChain& chain)
{
  bool seen = std::find(chain.begin(), chain.end(), name) != chain.end();
  // A profile may be its own source when it holds keys: they are what
  // assumes its role.
  bool self_with_keys = name == profile.name && has_keys(profile);
  if (seen && !self_with_keys) {
    std::string loop;
    for (const auto& link : chain) {
      loop += link + " -> ";
    }
    throw UsageError(fmt::format(
        "the source_profile settings make a loop: {}{}", loop, name));
  }
  auto source = profile.files ? find_profile(profile.files, name)
                              : std::optional<Profile>();
  if (!source) {
    throw UsageError(fmt::format("profile '{}' has source_profile '{}', which "
                                 "is in neither {} nor {}",
                                 profile.name,
                                 name,
                                 profile.credentials_file,
                                 profile.config_file));
  }
  if (!seen) {
    chain.push_back(name);
  }
  return *source;
}

Credentials from_source_profile(const Profile& profile,
                                const std::string& name,
                                const CredentialContext& context,
                                ProfileChain& chain)
{
  auto source = source_profile_of(profile, name, chain);
  if (!has_keys(source) && source.value("role_arn")) {
    return assume_profile_role(source, context, chain);
  }
  TriedSources tried;
  auto credentials = own_credentials(source, context, tried);
  if (!credentials) {
    std::string notes;
    for (const auto& note : tried) {
      notes += "; " + note;
    }
    throw Error(fmt::format("source_profile '{}' of profile '{}' has no "
                            "credentials{}",
                            name,
                            profile.name,
                            notes));
  }
  return *credentials;
}

// Return the MFA code for SERIAL, asked on the terminal.
std::string ask_mfa_code(const Profile& profile, const std::string& serial)
{
  auto code = util::ask_on_terminal(fmt::format("MFA code for {}: ", serial));
  if (!code) {
    throw Error(fmt::format(
        "profile '{}' needs an MFA code for '{}', but there is no terminal "
        "to ask for it on; run slam once on a terminal (the role's "
        "credentials are then cached until they expire)",
        profile.name,
        serial));
  }
  auto first = code->find_first_not_of(" \t");
  auto last = code->find_last_not_of(" \t");
  if (first == std::string::npos) {
    throw Error(fmt::format("no MFA code given for '{}'", serial));
  }
  return code->substr(first, last - first + 1);
}

// Call STS AssumeRole for REQUEST, signed with SOURCE.
Credentials call_assume_role(const Profile& profile,
                             const AssumeRoleRequest& request,
                             const Credentials& source,
                             const CredentialContext& context)
{
  util::debugf("assuming role '{}' for profile '{}' with the credentials "
               "from {}",
               request.role_arn,
               profile.name,
               source.source);
  Session session(
      ClientOptions{profile.name, sts_region(context), context.endpoint_option},
      "");
  session.use_credentials(source);
  auto description =
      fmt::format("role '{}' of profile '{}'", request.role_arn, profile.name);
  try {
    return Sts(session).assume_role(request, description);
  } catch (const Error& error) {
    throw Error(fmt::format("cannot assume role '{}' for profile '{}': {}",
                            request.role_arn,
                            profile.name,
                            error.what()));
  }
}

} // namespace

RoleSettings role_settings(const Profile& profile)
{
  RoleSettings settings;
  settings.role_arn = profile.value("role_arn").value_or("");
  settings.source_profile = profile.value("source_profile").value_or("");
  settings.credential_source = profile.value("credential_source").value_or("");
  settings.external_id = profile.value("external_id").value_or("");
  settings.session_name = profile.value("role_session_name").value_or("");
  settings.mfa_serial = profile.value("mfa_serial").value_or("");
  settings.duration_seconds = duration_of(profile);
  bool by_profile = !settings.source_profile.empty();
  bool by_source = !settings.credential_source.empty();
  if (by_profile == by_source) {
    throw UsageError(fmt::format("profile '{}' has a role_arn and {} of "
                                 "source_profile and credential_source; it "
                                 "needs exactly one",
                                 profile.name,
                                 by_profile ? "both" : "neither"));
  }
  const auto& source = settings.credential_source;
  if (by_source && source != "Environment" && source != "EcsContainer" &&
      source != "Ec2InstanceMetadata") {
    throw UsageError(fmt::format("profile '{}' has credential_source '{}'; "
                                 "slam knows Environment, EcsContainer and "
                                 "Ec2InstanceMetadata",
                                 profile.name,
                                 source));
  }
  return settings;
}

namespace {

// Check the source profiles from PROFILE on, as resolving them would but
// without credentials: a role found in the cache must not hide a loop or a
// missing profile that the AWS CLI would refuse.
void check_source_chain(const Profile& profile, ProfileChain chain)
{
  auto current = profile;
  while (true) {
    auto settings = role_settings(current);
    if (settings.source_profile.empty()) {
      return;
    }
    auto source = source_profile_of(current, settings.source_profile, chain);
    if (has_keys(source) || !source.value("role_arn")) {
      return;
    }
    current = std::move(source);
  }
}

} // namespace

Credentials assume_profile_role(const Profile& profile,
                                const CredentialContext& context,
                                ProfileChain& chain)
{
  check_source_chain(profile, chain);
  auto settings = role_settings(profile);
  auto sts =
      resolve_endpoint("sts", context.endpoint_option, sts_region(context));
  CredentialCache cache;
  auto key = credential_cache_key(
      "assume-role",
      {settings.role_arn,
       settings.session_name,
       settings.external_id,
       settings.mfa_serial,
       std::to_string(settings.duration_seconds.value_or(0)),
       sts.url()});
  if (auto cached = cache.find(key)) {
    return *cached;
  }
  auto source = unexpired(
      settings.source_profile.empty()
          ? from_credential_source(profile, settings.credential_source)
          : from_source_profile(
                profile, settings.source_profile, context, chain));
  AssumeRoleRequest request{settings.role_arn,
                            settings.session_name,
                            settings.external_id,
                            settings.mfa_serial,
                            "",
                            settings.duration_seconds};
  if (request.session_name.empty()) {
    request.session_name =
        fmt::format("slam-{}",
                    std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count());
  }
  if (!request.mfa_serial.empty()) {
    request.mfa_code = ask_mfa_code(profile, request.mfa_serial);
  }
  auto credentials = call_assume_role(profile, request, source, context);
  cache.store(key, credentials);
  return credentials;
}

} // namespace slam::aws
