#include "slam/deploy/stack_wait.hpp"

#include "slam/aws/error.hpp"
#include "slam/util/environment.hpp"
#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"

#include <cmath>
#include <fmt/core.h>

namespace slam::deploy {
namespace {

using Clock = std::chrono::steady_clock;

// How far the local clock may be ahead of CloudFormation's.
constexpr std::chrono::seconds k_clock_margin{5};

bool succeeded(StackOperation operation, const std::string& status)
{
  switch (operation) {
  case StackOperation::creation:
    return status == "CREATE_COMPLETE";
  case StackOperation::update:
    return status == "UPDATE_COMPLETE";
  case StackOperation::deletion:
    return status == "DELETE_COMPLETE";
  }
  return false;
}

// Return what STATUS, the end of a failed operation, means for the user.
std::string outcome(const std::string& status)
{
  if (status == "UPDATE_ROLLBACK_COMPLETE") {
    return "the stack was rolled back to its previous state "
           "(UPDATE_ROLLBACK_COMPLETE)";
  }
  if (status == "ROLLBACK_COMPLETE") {
    return "the stack was rolled back and holds nothing "
           "(ROLLBACK_COMPLETE); the next 'slam deploy' replaces it";
  }
  if (status == "UPDATE_ROLLBACK_FAILED") {
    return "the rollback failed too (UPDATE_ROLLBACK_FAILED); continue "
           "the rollback in the CloudFormation console, then deploy again";
  }
  if (status == "ROLLBACK_FAILED" || status == "DELETE_FAILED") {
    return fmt::format("the stack is {}; run 'slam delete', then deploy "
                       "again",
                       status);
  }
  return fmt::format("the stack is {}", status);
}

// Set WAIT so that only events of the operation about to start on
// EXISTING count: those after its newest event so far.
void skip_old_events(aws::CloudFormation& cloudformation,
                     const std::optional<aws::Stack>& existing,
                     aws::StackWait& wait)
{
  wait.since = aws::Timestamp::min(); // a new stack has only new events
  if (!existing) {
    return;
  }
  try {
    if (auto latest = cloudformation.latest_event(existing->id)) {
      wait.since = latest->time;
      wait.after_event = latest->id;
    }
  } catch (const aws::AwsError& error) {
    // Still throttled after the retries: go by the clock, which may show
    // an event or two of the operation before.
    util::debugf("cannot read the latest event of stack '{}': {}",
                 existing->name,
                 error.what());
    wait.since = std::chrono::system_clock::now() - k_clock_margin;
  }
}

// Return the first failure of the latest operation on the stack ID, as
// its event history shows it.
std::optional<aws::StackEvent>
failure_from_history(aws::CloudFormation& cloudformation, const std::string& id)
{
  try {
    return first_failure(latest_operation(cloudformation.stack_events(id)));
  } catch (const Error& error) {
    util::debugf("cannot read the events of stack '{}': {}", id, error.what());
    return std::nullopt;
  }
}

std::string goes_on(StackOperation operation, const std::string& name)
{
  return fmt::format("the {} of stack '{}' goes on in AWS: run 'slam "
                     "status' to see how it ends",
                     operation_name(operation),
                     name);
}

} // namespace

bool is_success(const std::string& status)
{
  return status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE" ||
         status == "IMPORT_COMPLETE";
}

bool is_in_progress(const std::string& status)
{
  return status.ends_with("_IN_PROGRESS");
}

void check_not_busy(const std::optional<aws::Stack>& stack)
{
  if (stack && is_in_progress(stack->status)) {
    throw Error(fmt::format("stack '{}' is busy ({}); wait for that operation "
                            "to finish ('slam status' shows it), then try "
                            "again",
                            stack->name,
                            stack->status));
  }
}

bool needs_replacement(const aws::Stack& stack)
{
  return stack.status == "ROLLBACK_COMPLETE" ||
         stack.status == "REVIEW_IN_PROGRESS";
}

std::string replacement_reason(const aws::Stack& stack)
{
  return stack.status == "ROLLBACK_COMPLETE"
             ? "a first deploy failed"
             : "left by a change set that was never carried out";
}

bool is_updatable(const std::string& status)
{
  return status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE" ||
         status == "UPDATE_ROLLBACK_COMPLETE" || status == "IMPORT_COMPLETE" ||
         status == "IMPORT_ROLLBACK_COMPLETE";
}

void check_updatable(const aws::Stack& stack)
{
  if (needs_replacement(stack)) {
    throw Error(fmt::format("stack '{}' is {} ({}) and holds nothing; run "
                            "'slam deploy' to create it again",
                            stack.name,
                            stack.status,
                            replacement_reason(stack)));
  }
  check_not_busy(stack);
  if (stack.status == "UPDATE_ROLLBACK_FAILED") {
    throw Error(fmt::format("stack '{}' is UPDATE_ROLLBACK_FAILED; continue "
                            "the rollback in the CloudFormation console, "
                            "then deploy again",
                            stack.name));
  }
  if (!is_updatable(stack.status)) {
    throw Error(fmt::format("stack '{}' is {} and cannot be updated; run "
                            "'slam delete', then deploy again",
                            stack.name,
                            stack.status));
  }
}

aws::StackWait wait_settings()
{
  aws::StackWait wait;
  if (auto seconds =
          util::seconds_from_environment("SLAM_STACK_POLL_INTERVAL")) {
    wait.poll_interval = std::chrono::milliseconds(
        static_cast<long long>(std::ceil(*seconds * 1000)));
  }
  if (auto seconds =
          util::seconds_from_environment("SLAM_STACK_WAIT_TIMEOUT")) {
    wait.timeout =
        std::chrono::seconds(static_cast<long long>(std::ceil(*seconds)));
  }
  return wait;
}

std::string failure_message(StackOperation operation,
                            const std::string& name,
                            const std::string& status,
                            const std::string& status_reason,
                            const std::optional<aws::StackEvent>& failure)
{
  std::string cause;
  if (failure && !is_stack_event(*failure)) {
    cause = fmt::format("{} ({}) {}: {}",
                        failure->logical_id,
                        failure->resource_type,
                        failure->status,
                        failure->status_reason);
  } else if (failure && !failure->status_reason.empty()) {
    cause = failure->status_reason;
  } else {
    cause = status_reason;
  }
  return fmt::format("{} of stack '{}' failed: {}{}",
                     operation_name(operation),
                     name,
                     cause.empty() ? "" : cause + "; ",
                     outcome(status));
}

std::optional<aws::Stack>
run_stack_operation(aws::CloudFormation& cloudformation,
                    StackOperation operation,
                    const std::string& name,
                    const std::optional<aws::Stack>& existing,
                    const std::function<bool()>& start)
{
  // From the call that starts the operation on, Ctrl-C only stops the
  // waiting: the operation itself cannot be called back.
  util::DeferredInterrupts deferred;
  auto wait = wait_settings();
  skip_old_events(cloudformation, existing, wait);
  auto started = Clock::now();
  if (!start()) {
    return std::nullopt;
  }
  StackProgress progress;
  wait.on_event = [&progress](const auto& event) { progress.add(event); };

  aws::Stack stack;
  try {
    stack = cloudformation.wait_for_stack(existing ? existing->id : name, wait);
  } catch (const aws::WaitTimeout& timeout) {
    throw Error(fmt::format("gave up waiting after {} s with the stack {}; {}",
                            wait.timeout.count(),
                            timeout.status(),
                            goes_on(operation, name)));
  } catch (const Interrupted&) {
    throw Interrupted(fmt::format("interrupted; {}", goes_on(operation, name)));
  }
  auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started);

  if (succeeded(operation, stack.status)) {
    util::note(format_summary(operation, elapsed, progress.events()));
    return stack;
  }
  auto failure = first_failure(progress.events());
  if (!failure || is_stack_event(*failure)) {
    // Events missed by the polls (or skipped while throttled) are still
    // in the stack's history.
    if (auto history = failure_from_history(cloudformation, stack.id)) {
      failure = history;
    }
  }
  throw Error(failure_message(
      operation, name, stack.status, stack.status_reason, failure));
}

} // namespace slam::deploy
