#pragma once

#include "slam/aws/timestamp.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace slam::aws {

struct Profile;

// An access key pair and, for temporary credentials, a session token.
// Never print the secret key or the token.
struct Credentials
{
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;           // empty for long-term keys
  std::string source;                  // where they came from, for messages
  std::optional<Timestamp> expiration; // when temporary ones end
};

// Temporary credentials are renewed this long before they expire: a
// request signed now may reach AWS a while later (a large upload), and
// clocks differ.
inline constexpr std::chrono::minutes k_expiry_margin{5};

// Return whether CREDENTIALS expire within k_expiry_margin of NOW.
bool expires_soon(const Credentials& credentials, Timestamp now);

// What the credential sources need besides the profile.
struct CredentialContext
{
  std::string endpoint_option; // --endpoint-url, honoured by STS and SSO
  std::string region;          // the run's, for STS; empty: us-east-1
};

// What each source that had nothing said, for the error that lists them.
using TriedSources = std::vector<std::string>;

// Return the credentials for PROFILE in the AWS CLI's order: the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN;
// skipped when the profile was chosen with --profile, as the CLI does),
// then what the profile holds or names (profile_credentials.hpp), then
// the container credentials endpoint named by the environment. The EC2
// metadata service is used only when a profile names it. Throw
// slam::Error naming the profile and what each source said when none has
// credentials, or when a source fails or gives expired ones.
Credentials resolve_credentials(const Profile& profile,
                                const CredentialContext& context = {});

// Return the credentials of AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN; nothing when they are unset, noted in TRIED. Throw
// slam::Error for half a key pair.
std::optional<Credentials> environment_credentials(TriedSources& tried);

// Return CREDENTIALS unless they have expired; throw slam::Error naming
// their source when they have.
Credentials unexpired(Credentials credentials);

} // namespace slam::aws
