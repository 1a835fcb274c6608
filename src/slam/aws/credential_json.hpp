#pragma once

#include "slam/aws/credentials.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace slam::aws {

// How a JSON object of credentials names its token, and the verb that
// says how it reached slam ("printed", "answered"), for messages.
struct CredentialJsonStyle
{
  const char* token_key; // "SessionToken" or "Token"
  const char* verb;
};

// Return the credentials of OBJECT, a JSON object with AccessKeyId,
// SecretAccessKey and optional token and Expiration, from SOURCE. Throw
// slam::Error naming SOURCE, and never quoting a value (they are
// secrets), when a key is missing or of the wrong type.
Credentials credentials_from_json(const nlohmann::json& object,
                                  const std::string& source,
                                  const CredentialJsonStyle& style);

} // namespace slam::aws
