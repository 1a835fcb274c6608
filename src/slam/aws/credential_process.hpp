#pragma once

#include "slam/aws/credentials.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace slam::aws {

// Return the credentials that COMMAND, the credential_process of PROFILE,
// prints. COMMAND is split like a shell command line and run without a
// shell, as the AWS CLI does; its stderr is the user's (a prompt shows);
// it may run for process_timeout(). Throw slam::Error when it cannot run,
// fails, times out or prints no credentials.
Credentials process_credentials(const std::string& command,
                                const std::string& profile);

// Return the credentials in OUTPUT, what a credential process printed:
// a JSON object with Version 1, AccessKeyId, SecretAccessKey and optional
// SessionToken and Expiration. Throw slam::Error naming SOURCE, and never
// quoting OUTPUT (it holds secrets), when it is not that.
Credentials parse_process_output(std::string_view output,
                                 const std::string& source);

// Return how long a credential process may run:
// SLAM_CREDENTIAL_PROCESS_TIMEOUT seconds, else two minutes (time to
// answer a prompt for an MFA code).
std::chrono::milliseconds process_timeout();

} // namespace slam::aws
