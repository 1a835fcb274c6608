// The CloudFormation calls that change something. Session::send sends a
// call again when an attempt got no clear answer, which that attempt may
// have carried out; these calls then read an "already exists" (or "no
// updates", "not found") as the possible work of that earlier attempt and
// check the stack for it before they fail.

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/cloudformation_xml.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/query_api.hpp"
#include "slam/aws/session.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <random>

namespace slam::aws {
namespace {

// AWS refuses a request signed more than 5 minutes off its clock, so the
// clock that signed an accepted call is no further off than that.
constexpr std::chrono::minutes k_clock_margin{5};

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

// Return a new ClientRequestToken: every attempt of one call sends the
// same, by which CloudFormation knows them for one request.
std::string request_token()
{
  std::random_device random;
  return fmt::format("slam-{:08x}{:08x}{:08x}", random(), random(), random());
}

bool is_no_updates(const AwsError& error)
{
  return error.code() == "ValidationError" &&
         error.message().starts_with("No updates are to be performed");
}

// Return whether every pair of WANTED has its value in FOUND.
bool has_all(const std::vector<std::pair<std::string, std::string>>& wanted,
             const std::map<std::string, std::string>& found)
{
  return std::all_of(wanted.begin(), wanted.end(), [&](const auto& pair) {
    auto it = found.find(pair.first);
    return it != found.end() && it->second == pair.second;
  });
}

} // namespace

std::optional<Stack> CloudFormation::stack_made_by(const StackRequest& request,
                                                   Timestamp since,
                                                   bool created)
{
  auto stack = describe_stack(request.name);
  if (!stack || !has_all(request.parameters, stack->parameters) ||
      !has_all(request.tags, stack->tags)) {
    return std::nullopt;
  }
  auto when = created ? stack->creation_time : stack->last_updated_time;
  if (!when || *when < since - k_clock_margin) {
    return std::nullopt;
  }
  return stack;
}

std::string CloudFormation::create_stack(const StackRequest& request)
{
  auto since = m_session.aws_time();
  auto params = stack_params(request);
  params.emplace_back("ClientRequestToken", request_token());
  try {
    auto xml = call_query_api(m_session,
                              "cloudformation",
                              k_cloudformation_version,
                              "CreateStack",
                              params);
    return parse_result_value(xml, "CreateStack", "StackId");
  } catch (const AwsError& error) {
    if (error.code() != "AlreadyExistsException" ||
        !error.earlier_attempt_uncertain()) {
      throw;
    }
    auto stack = stack_made_by(request, since, true);
    if (!stack) {
      throw;
    }
    util::debugf("stack '{}' was created by an earlier attempt of "
                 "CreateStack whose answer was lost",
                 request.name);
    return stack->id;
  }
}

bool CloudFormation::update_stack(const StackRequest& request)
{
  auto since = m_session.aws_time();
  auto params = stack_params(request);
  params.emplace_back("ClientRequestToken", request_token());
  try {
    call_query_api(m_session,
                   "cloudformation",
                   k_cloudformation_version,
                   "UpdateStack",
                   params);
    return true;
  } catch (const AwsError& error) {
    // After a lost answer AWS says the stack is busy with the update,
    // or, once it is over, that there is nothing to update.
    if (error.earlier_attempt_uncertain() &&
        error.code() == "ValidationError" &&
        stack_made_by(request, since, false)) {
      util::debugf("stack '{}' was updated by an earlier attempt of "
                   "UpdateStack whose answer was lost",
                   request.name);
      return true;
    }
    if (is_no_updates(error)) {
      return false;
    }
    throw;
  }
}

void CloudFormation::delete_stack(const std::string& name)
{
  call_query_api(
      m_session,
      "cloudformation",
      k_cloudformation_version,
      "DeleteStack",
      {{"StackName", name}, {"ClientRequestToken", request_token()}});
}

ChangeSetIds CloudFormation::change_set_ids(const std::string& stack_name,
                                            const std::string& name)
{
  auto page = parse_describe_change_set(
      call_query_api(m_session,
                     "cloudformation",
                     k_cloudformation_version,
                     "DescribeChangeSet",
                     {{"ChangeSetName", name}, {"StackName", stack_name}}));
  return ChangeSetIds{page.change_set.id, page.change_set.stack_id};
}

std::optional<ChangeSetIds>
CloudFormation::create_change_set(const ChangeSetRequest& request)
{
  auto params = stack_params(request.stack);
  params.emplace_back("ChangeSetName", request.name);
  params.emplace_back("ChangeSetType", request.type);
  if (!request.description.empty()) {
    params.emplace_back("Description", request.description);
  }
  try {
    return parse_create_change_set(call_query_api(m_session,
                                                  "cloudformation",
                                                  k_cloudformation_version,
                                                  "CreateChangeSet",
                                                  params));
  } catch (const AwsError& error) {
    // moto (like UpdateStack) refuses an empty change set at once; AWS
    // creates it and fails it later.
    if (is_no_updates(error)) {
      return std::nullopt;
    }
    // Change set names are made per run: one of that name is this run's.
    if (error.code() == "AlreadyExistsException" &&
        error.earlier_attempt_uncertain()) {
      return change_set_ids(request.stack.name, request.name);
    }
    throw;
  }
}

void CloudFormation::delete_change_set(const std::string& id)
{
  try {
    call_query_api(m_session,
                   "cloudformation",
                   k_cloudformation_version,
                   "DeleteChangeSet",
                   {{"ChangeSetName", id}});
  } catch (const AwsError& error) {
    bool gone = error.code() == "ChangeSetNotFound" ||
                error.code() == "ChangeSetNotFoundException";
    if (!gone || !error.earlier_attempt_uncertain()) {
      throw;
    }
  }
}

} // namespace slam::aws
