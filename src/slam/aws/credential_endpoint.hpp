#pragma once

#include "slam/aws/credentials.hpp"
#include "slam/aws/http.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace slam::aws {

// How a call to an endpoint that hands out credentials (the container
// endpoint, the instance metadata service, the SSO portal) is made: not
// signed, short timeouts, a few tries.
struct CredentialCall
{
  HttpRequest request;
  std::string what; // for messages: "the container credentials endpoint"
  // Values of the request that must not show in a message (its token).
  std::vector<std::string> secrets;
  HttpTimeouts timeouts{std::chrono::seconds(2), std::chrono::seconds(5)};
  int attempts = 3;
};

// Send CALL, again while it gets no answer or a 5xx, logging each try at
// -v without the query or any header; return the last answer. Throw
// slam::Error naming CALL.what when no answer came.
HttpResponse call_credential_endpoint(const CredentialCall& call);

// Return the credentials of DOCUMENT, the JSON object the container and
// instance metadata endpoints answer (AccessKeyId, SecretAccessKey, Token,
// Expiration), from SOURCE. Throw slam::Error naming SOURCE, without
// quoting DOCUMENT, when it is not that.
Credentials parse_credential_document(std::string_view document,
                                      const std::string& source);

// Return the message of an error answer BODY (JSON "message" or
// "Message", else nothing), without SECRETS, for an error.
std::string error_message_of(std::string_view body,
                             const std::vector<std::string>& secrets);

} // namespace slam::aws
