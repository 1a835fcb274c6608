#pragma once

#include "slam/aws/cloudformation.hpp"
#include "slam/config/config.hpp"

#include <optional>
#include <string>
#include <utility>

namespace slam::deploy {

// The tag that marks a stack as the deployment of a Slam project.
std::pair<std::string, std::string> project_tag(const config::Config& config);

// Return true when STACK is this project's deployment: tagged by Slam, or
// made by the original Slam (which left no tag but always had the package
// parameters).
bool is_project_stack(const aws::Stack& stack, const config::Config& config);

// Throw slam::Error when EXISTING is a stack of the same name that Slam did
// not create, so that deploy and delete never take over someone else's
// stack (and its tables).
void check_ownership(const std::optional<aws::Stack>& existing,
                     const config::Config& config);

// Return the project's stack, or nothing when it is not deployed; throw
// slam::Error when a stack of that name is someone else's.
std::optional<aws::Stack>
find_project_stack(aws::CloudFormation& cloudformation,
                   const config::Config& config);

} // namespace slam::deploy
