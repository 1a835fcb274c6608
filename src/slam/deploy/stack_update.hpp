#pragma once

#include "slam/aws/cloudformation.hpp"
#include "slam/config/config.hpp"

namespace slam::deploy {

// Return a request for the project's stack with what every create and
// update passes: the stack's name, the IAM capabilities its role needs and
// the project tag.
aws::StackRequest project_stack_request(const config::Config& config);

// Update the stack EXISTING as REQUEST says, printing its events, and wait
// for the update to succeed; return false when there was nothing to
// update. Throw slam::Error naming the first failed resource when it did
// not succeed.
bool update_and_wait(aws::CloudFormation& cloudformation,
                     const aws::StackRequest& request,
                     const aws::Stack& existing);

} // namespace slam::deploy
