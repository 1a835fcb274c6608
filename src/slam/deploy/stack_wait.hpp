#pragma once

#include "slam/aws/cloudformation.hpp"

#include <optional>
#include <string>

namespace slam::deploy {

// Return true when STATUS is a stable, successful state.
bool is_success(const std::string& status);

// Return true when STATUS means CloudFormation is still working.
bool is_in_progress(const std::string& status);

// Throw slam::Error when STACK is busy with another operation, which
// CloudFormation would refuse to start a new one on.
void check_not_busy(const std::optional<aws::Stack>& stack);

// Wait for the stack NAME to settle and throw slam::Error naming the first
// failed resource and its reason when it did not end in success.
aws::Stack wait_for_success(aws::CloudFormation& cloudformation,
                            const std::string& name,
                            const std::string& operation);

} // namespace slam::deploy
