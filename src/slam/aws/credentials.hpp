#pragma once

#include <string>

namespace slam::aws {

struct Profile;

// An access key pair and, for temporary credentials, a session token.
// Never print the secret key or the token.
struct Credentials
{
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token; // empty for long-term keys
  std::string source;        // where they came from, for -v output
};

// Return the credentials for PROFILE in the AWS CLI's order: the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN;
// skipped when the profile was chosen with --profile, as the CLI does),
// then the profile's keys in the shared credentials file, then in the
// config file. Never contact the EC2 metadata service. Throw slam::Error
// when nothing or only half a key pair is found.
Credentials resolve_credentials(const Profile& profile);

} // namespace slam::aws
