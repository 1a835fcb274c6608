#include "slam/aws/cloudformation.hpp"

#include "slam/aws/cloudformation_xml.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/query_api.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <set>
#include <thread>

namespace slam::aws {
namespace {

constexpr std::string_view k_version = "2010-05-15";

QueryParams stack_params(const StackRequest& request)
{
  QueryParams params = {{"StackName", request.name}};
  if (request.use_previous_template) {
    params.emplace_back("UsePreviousTemplate", "true");
  } else if (!request.template_url.empty()) {
    params.emplace_back("TemplateURL", request.template_url);
  } else {
    params.emplace_back("TemplateBody", request.template_body);
  }
  for (size_t i = 0; i < request.parameters.size(); ++i) {
    auto prefix = fmt::format("Parameters.member.{}.", i + 1);
    params.emplace_back(prefix + "ParameterKey", request.parameters[i].first);
    params.emplace_back(prefix + "ParameterValue",
                        request.parameters[i].second);
  }
  add_member_list(params, "Capabilities", request.capabilities);
  for (size_t i = 0; i < request.tags.size(); ++i) {
    auto prefix = fmt::format("Tags.member.{}.", i + 1);
    params.emplace_back(prefix + "Key", request.tags[i].first);
    params.emplace_back(prefix + "Value", request.tags[i].second);
  }
  return params;
}

// CloudFormation answers a question about a missing stack with a
// ValidationError, told apart from others only by its message.
bool is_missing_stack(const AwsError& error)
{
  return error.code() == "ValidationError" &&
         error.message().find("does not exist") != std::string::npos;
}

} // namespace

std::optional<Stack> CloudFormation::describe_any(const std::string& name)
{
  std::string xml;
  try {
    xml = call_query_api(m_session,
                         "cloudformation",
                         k_version,
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

std::string CloudFormation::create_stack(const StackRequest& request)
{
  auto xml = call_query_api(m_session,
                            "cloudformation",
                            k_version,
                            "CreateStack",
                            stack_params(request));
  return parse_result_value(xml, "CreateStack", "StackId");
}

bool CloudFormation::update_stack(const StackRequest& request)
{
  try {
    call_query_api(m_session,
                   "cloudformation",
                   k_version,
                   "UpdateStack",
                   stack_params(request));
    return true;
  } catch (const AwsError& error) {
    if (error.code() == "ValidationError" &&
        error.message().starts_with("No updates are to be performed")) {
      return false;
    }
    throw;
  }
}

void CloudFormation::delete_stack(const std::string& name)
{
  call_query_api(m_session,
                 "cloudformation",
                 k_version,
                 "DeleteStack",
                 {{"StackName", name}});
}

std::string CloudFormation::get_template(const std::string& name)
{
  auto xml =
      call_query_api(m_session,
                     "cloudformation",
                     k_version,
                     "GetTemplate",
                     {{"StackName", name}, {"TemplateStage", "Original"}});
  return parse_result_value(xml, "GetTemplate", "TemplateBody");
}

std::vector<StackEvent> CloudFormation::stack_events(const std::string& name)
{
  return events_since(name, Timestamp::min());
}

std::vector<StackEvent> CloudFormation::events_since(const std::string& name,
                                                     Timestamp since)
{
  std::vector<StackEvent> events;
  std::optional<std::string> token;
  do {
    QueryParams params = {{"StackName", name}};
    if (token) {
      params.emplace_back("NextToken", *token);
    }
    auto page = parse_describe_stack_events(call_query_api(
        m_session, "cloudformation", k_version, "DescribeStackEvents", params));
    for (auto& event : page.events) {
      if (event.time < since) {
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
    events = events_since(stack_id, wait.since);
  } catch (const AwsError& error) {
    if (!is_missing_stack(error)) {
      throw;
    }
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
    // Once a stack is deleted only its id still finds it and its events.
    auto stack = describe_any(last ? last->id : name);
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
      throw Error(fmt::format("stack '{}' is still {} after {} seconds",
                              name,
                              stack->status,
                              wait.timeout.count()));
    }
    std::this_thread::sleep_for(wait.poll_interval);
  }
}

} // namespace slam::aws
