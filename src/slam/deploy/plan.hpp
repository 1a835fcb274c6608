#pragma once

#include "slam/aws/cloudformation.hpp"

#include <optional>
#include <string>
#include <vector>

namespace slam::deploy {

// Return the plan as `slam deploy --plan` prints it: what deploying would
// add, modify (with whether that replaces the resource) and remove in the
// stack NAME, which it would create when CREATION, and a count of each.
std::string render_plan(const std::string& name,
                        bool creation,
                        const std::vector<aws::ResourceChange>& changes);

// Return whether CHANGE_SET failed only because it holds no changes.
bool has_no_changes(const aws::ChangeSet& change_set);

// Return the resources of the template BODY (JSON) as additions, for a
// stack that a deploy creates from scratch.
std::vector<aws::ResourceChange> template_additions(const std::string& body);

// Print what deploying REQUEST would change in its stack (EXISTING when it
// exists): create a change set, wait for it, print it, then delete it and,
// for a new stack, the empty stack it made. Nothing else changes. Throw
// slam::Error when CloudFormation cannot work out the change set.
void plan_stack(aws::CloudFormation& cloudformation,
                const aws::StackRequest& request,
                const std::optional<aws::Stack>& existing);

} // namespace slam::deploy
