#pragma once

#include "slam/aws/credentials.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace slam::aws {

struct Profile;

// The IAM Identity Center (SSO) settings of a profile, from its own
// sso_* keys (the legacy form) or from its [sso-session NAME] section.
struct SsoSettings
{
  std::string start_url;
  std::string region; // of the SSO portal
  std::string account_id;
  std::string role_name;
  std::string session_name; // empty in the legacy form
};

// Return PROFILE's SSO settings; nothing when it has no sso_* key. Throw
// slam::UsageError when some are missing, its sso-session section is, or
// the two disagree.
std::optional<SsoSettings> sso_settings(const Profile& profile);

// Return the name of the AWS CLI's token cache file for SETTINGS in
// ~/.aws/sso/cache: the SHA-1 of the session name, or of the start URL
// in the legacy form, and ".json".
std::string sso_token_file_name(const SsoSettings& settings);

// An access token that `aws sso login` left in the cache.
struct SsoToken
{
  std::string access_token;
  Timestamp expires_at;
};

// Return the token in TEXT, a token cache file; throw slam::Error (never
// quoting TEXT) when it has no accessToken or expiresAt.
SsoToken parse_sso_token(std::string_view text);

// Return the credentials of SETTINGS' account and role, PROFILE's, from
// the SSO portal's GetRoleCredentials with the cached token, or from
// slam's credential cache. The portal is at AWS_ENDPOINT_URL_SSO,
// AWS_ENDPOINT_URL or --endpoint-url when set. Throw slam::Error saying to
// run `aws sso login --profile NAME` when the token is missing, expired
// or refused.
Credentials sso_credentials(const Profile& profile,
                            const SsoSettings& settings,
                            const CredentialContext& context);

} // namespace slam::aws
