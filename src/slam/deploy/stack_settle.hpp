#pragma once

#include "slam/aws/cloudformation.hpp"
#include "slam/config/config.hpp"

#include <chrono>
#include <optional>

namespace slam::deploy {

// How old a finished change set of `slam deploy --plan` must be to count
// as left behind: a plan deletes its change set as soon as it has read it.
inline constexpr std::chrono::seconds k_abandoned_plan_age{60};

// Return the project's stack (nothing when it is not deployed) once no
// operation is under way on it. When one is (a deploy that was interrupted
// while CloudFormation went on, or one from elsewhere), say so, show its
// events and wait for its end, then read the stack again: a deploy goes on
// from whatever that operation left. Throw slam::Error when the wait gives
// up (SLAM_STACK_WAIT_TIMEOUT) and slam::Interrupted on SIGINT or SIGTERM.
std::optional<aws::Stack>
settled_project_stack(aws::CloudFormation& cloudformation,
                      const config::Config& config);

// Delete the change sets of STACK that interrupted plans left behind:
// named slam-plan-*, finished, and older than k_abandoned_plan_age. Warn
// rather than throw: they only clutter the stack.
void delete_abandoned_plans(aws::CloudFormation& cloudformation,
                            const aws::Stack& stack);

} // namespace slam::deploy
