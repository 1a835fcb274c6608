#include "slam/deploy/stack_wait.hpp"

#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::deploy {
namespace {

bool ends_with(const std::string& text, const std::string& suffix)
{
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Return "Resource: reason" for the oldest failure of the latest operation.
std::string first_failure(aws::CloudFormation& cloudformation,
                          const std::string& name)
{
  std::string failure;
  for (const auto& event : cloudformation.stack_events(name)) {
    // Events come newest first: stop at the start of this operation.
    if (event.logical_id == name && is_in_progress(event.status) &&
        event.resource_type == "AWS::CloudFormation::Stack") {
      break;
    }
    if (ends_with(event.status, "_FAILED") && !event.status_reason.empty()) {
      failure = fmt::format("{}: {}", event.logical_id, event.status_reason);
    }
  }
  return failure;
}

} // namespace

bool is_success(const std::string& status)
{
  return status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE" ||
         status == "IMPORT_COMPLETE";
}

bool is_in_progress(const std::string& status)
{
  return ends_with(status, "_IN_PROGRESS");
}

void check_not_busy(const std::optional<aws::Stack>& stack)
{
  if (stack && is_in_progress(stack->status)) {
    throw Error(fmt::format("stack '{}' is busy ({}); wait for that operation "
                            "to finish, then try again",
                            stack->name,
                            stack->status));
  }
}

aws::Stack wait_for_success(aws::CloudFormation& cloudformation,
                            const std::string& name,
                            const std::string& operation)
{
  auto stack = cloudformation.wait_for_stack(name);
  if (is_success(stack.status)) {
    return stack;
  }
  auto reason = first_failure(cloudformation, name);
  if (reason.empty()) {
    reason = stack.status_reason;
  }
  throw Error(fmt::format("{} of stack '{}' failed: the stack is {}{}",
                          operation,
                          name,
                          stack.status,
                          reason.empty() ? "" : "; " + reason));
}

} // namespace slam::deploy
