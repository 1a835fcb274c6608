#pragma once

#include "slam/aws/cloudformation.hpp"
#include "slam/deploy/stack_progress.hpp"

#include <functional>
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

// Return true when STACK cannot be updated but holds nothing worth
// keeping, so that a deploy deletes it and creates it again: the
// ROLLBACK_COMPLETE of a failed first deploy, or the REVIEW_IN_PROGRESS of
// a change set that was never carried out.
bool needs_replacement(const aws::Stack& stack);

// Return why a stack that needs_replacement holds nothing.
std::string replacement_reason(const aws::Stack& stack);

// Return true when CloudFormation accepts an update of a stack in STATUS.
bool is_updatable(const std::string& status);

// Throw slam::Error when STACK cannot be updated now, saying what to do:
// it is busy, holds nothing (needs_replacement: deploy again), or failed
// in a way an update cannot repair.
void check_updatable(const aws::Stack& stack);

// Return how stack waits poll: every 2 seconds for at most an hour, or
// SLAM_STACK_POLL_INTERVAL and SLAM_STACK_WAIT_TIMEOUT (seconds, for
// tests and slow stacks) when set. Throw UsageError for a value that is
// not a positive number.
aws::StackWait wait_settings();

// Return the message of a failed OPERATION on the stack NAME that ended in
// STATUS (with STATUS_REASON), naming FAILURE, the first failed resource,
// when known, and saying what to do next.
std::string failure_message(StackOperation operation,
                            const std::string& name,
                            const std::string& status,
                            const std::string& status_reason,
                            const std::optional<aws::StackEvent>& failure);

// Run OPERATION on the stack NAME (EXISTING when it exists): call START,
// which asks CloudFormation for it and returns false when there is nothing
// to do, then print the stack's events as they arrive until it settles,
// and a summary. Return the stack, or nothing when START found nothing to
// do. Throw slam::Error naming the first failed resource and its reason
// when the operation fails, or saying that it goes on in AWS when the wait
// times out; throw slam::Interrupted saying the same on SIGINT or SIGTERM.
std::optional<aws::Stack>
run_stack_operation(aws::CloudFormation& cloudformation,
                    StackOperation operation,
                    const std::string& name,
                    const std::optional<aws::Stack>& existing,
                    const std::function<bool()>& start);

} // namespace slam::deploy
