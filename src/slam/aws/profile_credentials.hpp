#pragma once

#include "slam/aws/credentials.hpp"

#include <optional>
#include <string>
#include <vector>

namespace slam::aws {

struct Profile;

// The profiles a chain of roles went through, to catch a loop.
using ProfileChain = std::vector<std::string>;

// Return the credentials PROFILE holds or names, in the AWS CLI's order:
// its role_arn (assumed with the credentials of its source_profile or
// credential_source), then own_credentials. CHAIN holds PROFILE and the
// role profiles that led to it. Nothing when it has none; TRIED then says
// what each file held.
std::optional<Credentials> profile_credentials(const Profile& profile,
                                               const CredentialContext& context,
                                               ProfileChain& chain,
                                               TriedSources& tried);

// Return the credentials PROFILE holds without a role: its IAM Identity
// Center (SSO) settings, its keys in the credentials file, its
// credential_process, its keys in the config file; nothing when it has
// none, noted in TRIED.
std::optional<Credentials> own_credentials(const Profile& profile,
                                           const CredentialContext& context,
                                           TriedSources& tried);

// Return whether PROFILE holds an access key id in either file.
bool has_keys(const Profile& profile);

} // namespace slam::aws
