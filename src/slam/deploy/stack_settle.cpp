#include "slam/deploy/stack_settle.hpp"

#include "slam/deploy/ownership.hpp"
#include "slam/deploy/stack_progress.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::deploy {
namespace {

constexpr std::string_view k_plan_prefix = "slam-plan-";

// Wait for the end of the operation under way on STACK, showing its events.
void wait_for_operation(aws::CloudFormation& cloudformation,
                        const aws::Stack& stack)
{
  util::notef("stack '{}' is {}: an operation is under way (a deploy that "
              "was interrupted, or another one); waiting for it to end",
              stack.name,
              stack.status);
  // Ctrl-C stops the wait only: the operation is CloudFormation's.
  util::DeferredInterrupts deferred;
  auto wait = wait_settings();
  StackProgress progress;
  wait.on_event = [&progress](const auto& event) { progress.add(event); };
  try {
    auto settled = cloudformation.wait_for_stack(stack.id, wait);
    util::notef("stack '{}' is {}; deploying", stack.name, settled.status);
  } catch (const aws::WaitTimeout& timeout) {
    throw Error(fmt::format("gave up waiting after {} s for the operation "
                            "under way on stack '{}' ({}); nothing was "
                            "deployed: run 'slam status' to see how it "
                            "ends, then deploy again",
                            wait.timeout.count(),
                            stack.name,
                            timeout.status()));
  } catch (const Interrupted&) {
    throw Interrupted(fmt::format("interrupted while stack '{}' was {}; "
                                  "nothing was deployed",
                                  stack.name,
                                  stack.status));
  }
}

bool is_abandoned_plan(const aws::ChangeSetSummary& change_set,
                       aws::Timestamp now)
{
  bool finished =
      change_set.status == "CREATE_COMPLETE" || change_set.status == "FAILED";
  return change_set.name.starts_with(k_plan_prefix) && finished &&
         change_set.creation_time &&
         now - *change_set.creation_time >= k_abandoned_plan_age;
}

} // namespace

std::optional<aws::Stack>
settled_project_stack(aws::CloudFormation& cloudformation,
                      const config::Config& config)
{
  auto stack = find_project_stack(cloudformation, config);
  // A stack under review holds nothing: the deploy replaces it.
  if (stack && is_in_progress(stack->status) && !needs_replacement(*stack)) {
    wait_for_operation(cloudformation, *stack);
    stack = find_project_stack(cloudformation, config);
  }
  return stack;
}

void delete_abandoned_plans(aws::CloudFormation& cloudformation,
                            const aws::Stack& stack)
{
  try {
    auto now = std::chrono::system_clock::now();
    for (const auto& change_set : cloudformation.list_change_sets(stack.id)) {
      if (is_abandoned_plan(change_set, now)) {
        cloudformation.delete_change_set(change_set.id);
        util::notef("deleted change set '{}', left by an interrupted 'slam "
                    "deploy --plan'",
                    change_set.name);
      }
    }
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& error) {
    util::warn(fmt::format("could not delete the change sets that "
                           "interrupted plans left on stack '{}': {}",
                           stack.name,
                           error.what()));
  }
}

} // namespace slam::deploy
