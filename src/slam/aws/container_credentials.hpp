#pragma once

#include "slam/aws/credentials.hpp"

#include <optional>
#include <string>

namespace slam::aws {

// Return the URL of the container credentials endpoint the environment
// names: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI below ECS's
// http://169.254.170.2, else AWS_CONTAINER_CREDENTIALS_FULL_URI; nothing
// when neither is set. Throw slam::UsageError for a full URI that is
// neither https nor plain http to a loopback address or the ECS and EKS
// agents' addresses: the SDKs refuse to send the authorization token, and
// to trust an answer, anywhere else.
std::optional<std::string> container_endpoint();

// Return the Authorization header's value for the endpoint: the content
// of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on every call: the
// agent rotates it), else AWS_CONTAINER_AUTHORIZATION_TOKEN, else empty.
// Throw slam::Error when the file cannot be read or the token holds a
// line break.
std::string container_authorization();

// Return the credentials of the container credentials endpoint; nothing
// when the environment names none, noted in TRIED. Throw slam::Error when
// the endpoint fails or answers no credentials.
std::optional<Credentials> container_credentials(TriedSources& tried);

} // namespace slam::aws
