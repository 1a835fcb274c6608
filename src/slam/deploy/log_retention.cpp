#include "slam/deploy/log_retention.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/deploy/artifact.hpp"
#include "slam/deploy/stack_update.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <fmt/format.h>

namespace slam::deploy {
namespace {

using Json = nlohmann::json;

// Set KEY to VALUE in the CloudFormation tag list TAGS.
void set_tag(Json& tags, const std::string& key, const std::string& value)
{
  if (!tags.is_array()) {
    tags = Json::array();
  }
  for (auto& tag : tags) {
    if (tag.is_object() && tag.value("Key", "") == key) {
      tag["Value"] = value;
      return;
    }
  }
  tags.push_back({{"Key", key}, {"Value", value}});
}

RetainedTemplate deployed_template(aws::CloudFormation& cloudformation,
                                   const aws::Stack& stack)
{
  auto body =
      Json::parse(cloudformation.get_template(stack.name), nullptr, false);
  if (!body.is_object()) {
    throw Error(fmt::format("the template of stack '{}' is not JSON, so its "
                            "log groups cannot be marked to be kept; delete "
                            "without --no-logs or retain them by hand",
                            stack.name));
  }
  return retain_log_groups(body, stack.name);
}

void update_to_retain(const config::Config& config,
                      aws::Session& session,
                      const aws::Stack& stack,
                      const std::string& bucket,
                      const RetainedTemplate& retained)
{
  auto request = project_stack_request(config);
  place_template(session, config, bucket, retained.body.dump(), request);
  // The same parameters, each given explicitly (see parameters_with).
  request.parameters.assign(stack.parameters.begin(), stack.parameters.end());
  util::notef("keeping log group(s) {}: setting DeletionPolicy Retain",
              fmt::join(retained.group_names, ", "));
  aws::CloudFormation cloudformation(session);
  update_and_wait(cloudformation, request, stack);
}

} // namespace

RetainedTemplate retain_log_groups(const nlohmann::json& template_body,
                                   const std::string& stack_name)
{
  RetainedTemplate retained{template_body, {}, {}};
  auto resources = retained.body.find("Resources");
  if (resources == retained.body.end() || !resources->is_object()) {
    return retained;
  }
  for (auto& [logical_id, resource] : resources->items()) {
    if (!resource.is_object() ||
        resource.value("Type", "") != "AWS::Logs::LogGroup") {
      continue;
    }
    resource["DeletionPolicy"] = "Retain";
    resource["UpdateReplacePolicy"] = "Retain";
    // CloudFormation has taken updates that change nothing but a
    // DeletionPolicy for no change at all, leaving the old policy in force
    // (cloudformation-coverage-roadmap#1543); a tag makes it a real update.
    auto& properties = resource["Properties"];
    set_tag(properties["Tags"], k_retained_tag, stack_name);
    auto name = properties.find("LogGroupName");
    retained.logical_ids.push_back(logical_id);
    retained.group_names.push_back(name != properties.end() && name->is_string()
                                       ? name->get<std::string>()
                                       : logical_id);
  }
  return retained;
}

aws::Stack keep_log_groups(const config::Config& config,
                           aws::Session& session,
                           const aws::Stack& stack,
                           const std::string& bucket)
{
  if (stack.status == "ROLLBACK_COMPLETE") {
    return stack; // the failed creation was rolled back, log groups and all
  }
  check_not_busy(stack);
  // DeleteStack's RetainResources would do for DELETE_FAILED, but only for
  // resources whose own deletion failed, which a log group's rarely is.
  if (!is_updatable(stack.status)) {
    throw Error(fmt::format(
        "stack '{}' is {} and cannot be updated to keep its log groups; "
        "delete without --no-logs, or repair the stack first",
        stack.name,
        stack.status));
  }
  aws::CloudFormation cloudformation(session);
  auto retained = deployed_template(cloudformation, stack);
  if (retained.logical_ids.empty()) {
    return stack;
  }
  update_to_retain(config, session, stack, bucket, retained);
  return cloudformation.describe_stack(stack.id).value_or(stack);
}

} // namespace slam::deploy
