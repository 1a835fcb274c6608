#pragma once

#include "slam/aws/credentials.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace slam::aws {

// What stands in for a secret in anything Slam shows.
inline constexpr std::string_view k_redacted = "[redacted]";

// Return TEXT (an answer's body, an error) with the access key id, secret
// key and session token of CREDENTIALS, and any signature, SigV4
// credential scope or security token value, replaced by k_redacted. An
// endpoint or proxy may echo a request back in its error; that text must
// not carry the request's secrets to the user.
std::string redact_secrets(std::string_view text,
                           const Credentials& credentials);

// Return TEXT with every one of SECRETS (tokens that fetch credentials:
// an SSO bearer token, a container authorization token) replaced by
// k_redacted.
std::string redact_values(std::string_view text,
                          const std::vector<std::string>& secrets);

} // namespace slam::aws
