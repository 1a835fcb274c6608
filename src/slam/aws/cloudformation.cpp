#include "slam/aws/cloudformation.hpp"

#include "slam/aws/cloudformation_xml.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/query_api.hpp"
#include "slam/aws/retry.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <iterator>
#include <set>

namespace slam::aws {
namespace {

// CloudFormation answers a question about a missing stack with a
// ValidationError, told apart from others only by its message.
bool is_missing_stack(const AwsError& error)
{
  return error.code() == "ValidationError" &&
         error.message().find("does not exist") != std::string::npos;
}

// Return whether ERROR may pass when asked again later (throttling).
bool is_transient(const AwsError& error)
{
  return RetryPolicy::is_retryable(error.http_status(), error.code());
}

void throw_if_interrupted()
{
  if (util::interrupt_requested()) {
    throw Interrupted();
  }
}

} // namespace

std::optional<Stack> CloudFormation::describe_any(const std::string& name)
{
  std::string xml;
  try {
    xml = call_query_api(m_session,
                         "cloudformation",
                         k_cloudformation_version,
                         "DescribeStacks",
                         {{"StackName", name}});
  } catch (const AwsError& error) {
    if (is_missing_stack(error)) {
      return std::nullopt;
    }
    throw;
  }
  auto stacks = parse_describe_stacks(xml);
  if (stacks.empty()) {
    return std::nullopt;
  }
  return stacks.front();
}

std::optional<Stack> CloudFormation::describe_stack(const std::string& name)
{
  auto stack = describe_any(name);
  if (stack && stack->status == "DELETE_COMPLETE") {
    return std::nullopt;
  }
  return stack;
}

std::string CloudFormation::get_template(const std::string& name)
{
  auto xml =
      call_query_api(m_session,
                     "cloudformation",
                     k_cloudformation_version,
                     "GetTemplate",
                     {{"StackName", name}, {"TemplateStage", "Original"}});
  return parse_result_value(xml, "GetTemplate", "TemplateBody");
}

std::vector<StackEvent> CloudFormation::stack_events(const std::string& name)
{
  return events_since(name, Timestamp::min());
}

std::optional<StackEvent> CloudFormation::latest_event(const std::string& name)
{
  auto page =
      parse_describe_stack_events(call_query_api(m_session,
                                                 "cloudformation",
                                                 k_cloudformation_version,
                                                 "DescribeStackEvents",
                                                 {{"StackName", name}}));
  if (page.events.empty()) {
    return std::nullopt;
  }
  return page.events.front();
}

std::vector<StackEvent> CloudFormation::events_since(
    const std::string& name, Timestamp since, const std::string& after_event)
{
  std::vector<StackEvent> events;
  std::optional<std::string> token;
  do {
    QueryParams params = {{"StackName", name}};
    if (token) {
      params.emplace_back("NextToken", *token);
    }
    auto page =
        parse_describe_stack_events(call_query_api(m_session,
                                                   "cloudformation",
                                                   k_cloudformation_version,
                                                   "DescribeStackEvents",
                                                   params));
    for (auto& event : page.events) {
      if (event.time < since || event.id == after_event) {
        return events; // pages go back in time: the rest is older still
      }
      events.push_back(std::move(event));
    }
    token = page.next_token;
  } while (token);
  return events;
}

void CloudFormation::report_new_events(const std::string& stack_id,
                                       const StackWait& wait,
                                       std::set<std::string>& seen)
{
  std::vector<StackEvent> events;
  try {
    events = events_since(stack_id, wait.since, wait.after_event);
  } catch (const AwsError& error) {
    // Events are news, not the outcome: a poll that is still throttled
    // after the retries, or a stack that just went away, skips them.
    if (!is_missing_stack(error) && !is_transient(error)) {
      throw;
    }
    util::debugf("stack events skipped this time: {}", error.what());
  }
  std::for_each(events.rbegin(), events.rend(), [&](const auto& event) {
    if (seen.insert(event.id).second) {
      wait.on_event(event);
    }
  });
}

Stack CloudFormation::wait_for_stack(const std::string& name,
                                     const StackWait& wait)
{
  auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  std::optional<Stack> last;
  std::set<std::string> seen;
  for (;;) {
    throw_if_interrupted();
    // Once a stack is deleted only its id still finds it and its events.
    auto stack = poll_stack(last ? last->id : name, last);
    if (!stack && !last) {
      throw Error(fmt::format("stack '{}' does not exist", name));
    }
    if (!stack) { // gone without a trace: deleted
      last->status = "DELETE_COMPLETE";
      last->status_reason.clear();
      return *last;
    }
    last = stack;
    if (wait.on_event) {
      report_new_events(stack->id, wait, seen);
    }
    if (!stack->in_progress()) {
      return *stack;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw WaitTimeout(fmt::format("stack '{}' is still {} after {} seconds",
                                    name,
                                    stack->status,
                                    wait.timeout.count()),
                        stack->status);
    }
    if (!util::sleep_unless_interrupted(wait.poll_interval)) {
      throw Interrupted();
    }
  }
}

std::optional<Stack>
CloudFormation::poll_stack(const std::string& name,
                           const std::optional<Stack>& last)
{
  try {
    return describe_any(name);
  } catch (const AwsError& error) {
    // One poll still throttled after the retries is not the end of the
    // wait: the stack is as last seen, and the next poll asks again.
    if (!last || !is_transient(error)) {
      throw;
    }
    util::debugf("stack poll skipped this time: {}", error.what());
    return last;
  }
}

ChangeSet CloudFormation::describe_change_set(const std::string& id)
{
  ChangeSet change_set;
  std::optional<std::string> token;
  do {
    QueryParams params = {{"ChangeSetName", id}};
    if (token) {
      params.emplace_back("NextToken", *token);
    }
    auto page =
        parse_describe_change_set(call_query_api(m_session,
                                                 "cloudformation",
                                                 k_cloudformation_version,
                                                 "DescribeChangeSet",
                                                 params));
    auto changes = std::move(change_set.changes);
    change_set = std::move(page.change_set);
    changes.insert(changes.end(),
                   std::make_move_iterator(change_set.changes.begin()),
                   std::make_move_iterator(change_set.changes.end()));
    change_set.changes = std::move(changes);
    token = page.next_token;
  } while (token);
  return change_set;
}

std::vector<ChangeSetSummary>
CloudFormation::list_change_sets(const std::string& stack_id)
{
  std::vector<ChangeSetSummary> summaries;
  std::optional<std::string> token;
  do {
    QueryParams params = {{"StackName", stack_id}};
    if (token) {
      params.emplace_back("NextToken", *token);
    }
    auto page = parse_list_change_sets(call_query_api(m_session,
                                                      "cloudformation",
                                                      k_cloudformation_version,
                                                      "ListChangeSets",
                                                      params),
                                       stack_id);
    summaries.insert(summaries.end(),
                     std::make_move_iterator(page.summaries.begin()),
                     std::make_move_iterator(page.summaries.end()));
    token = page.next_token;
  } while (token);
  return summaries;
}

ChangeSet CloudFormation::wait_for_change_set(const std::string& id,
                                              const StackWait& wait)
{
  auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  for (;;) {
    throw_if_interrupted();
    auto change_set = describe_change_set(id);
    if (!change_set.pending()) {
      return change_set;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw WaitTimeout(fmt::format("change set '{}' is still {} after {} "
                                    "seconds",
                                    id,
                                    change_set.status,
                                    wait.timeout.count()),
                        change_set.status);
    }
    if (!util::sleep_unless_interrupted(wait.poll_interval)) {
      throw Interrupted();
    }
  }
}

} // namespace slam::aws
