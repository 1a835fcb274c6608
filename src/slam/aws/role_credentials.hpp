#pragma once

#include "slam/aws/credentials.hpp"
#include "slam/aws/profile_credentials.hpp"

#include <optional>
#include <string>

namespace slam::aws {

struct Profile;

// The role settings of a profile, checked.
struct RoleSettings
{
  std::string role_arn;
  std::string source_profile;    // one of these two is set
  std::string credential_source; // Environment, EcsContainer, ...
  std::string external_id;
  std::string session_name; // empty: slam names the session
  std::string mfa_serial;
  std::optional<int> duration_seconds;
};

// Return PROFILE's role settings; throw slam::UsageError when it has both
// or neither of source_profile and credential_source, an unknown
// credential_source, or a duration_seconds outside 900..43200.
RoleSettings role_settings(const Profile& profile);

// Return the credentials of PROFILE's role_arn, assumed (STS AssumeRole)
// with the credentials of its source_profile or credential_source, and
// its external_id, role_session_name, duration_seconds and mfa_serial
// (the code asked on the terminal; without one, a clear error). A source
// profile with keys uses them; one with only a role assumes it in turn.
// CHAIN holds PROFILE and the profiles that led to it: a loop is an
// error. The result is cached until shortly before it expires.
Credentials assume_profile_role(const Profile& profile,
                                const CredentialContext& context,
                                ProfileChain& chain);

} // namespace slam::aws
