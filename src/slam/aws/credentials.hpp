#pragma once

#include <string>

namespace slam::aws {

// An access key pair and, for temporary credentials, a session token.
// Never print the secret key or the token.
struct Credentials
{
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token; // empty for long-term keys
  std::string source;        // where they came from, for -v output
};

// Return the credentials for PROFILE_OPTION (the --profile value, empty
// when not given) in the AWS CLI's order: the environment (skipped when
// --profile was given, as the CLI does), then the profile in the shared
// credentials file, then in the config file. Throw slam::UsageError when a
// named profile does not exist and slam::Error when nothing is found.
Credentials resolve_credentials(const std::string& profile_option);

} // namespace slam::aws
