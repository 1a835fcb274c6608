#include "slam/deploy/status.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/lambda.hpp"
#include "slam/cfn/template.hpp"
#include "slam/deploy/ownership.hpp"
#include "slam/deploy/parameters.hpp"
#include "slam/deploy/stack_progress.hpp"
#include "slam/deploy/stack_wait.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::deploy {
namespace {

std::string output(const aws::Stack& stack, const std::string& name)
{
  auto it = stack.outputs.find(name);
  return it == stack.outputs.end() ? "" : it->second;
}

std::string function_arn(const aws::Stack& stack,
                         const std::string& function_name,
                         aws::Session& session)
{
  aws::Lambda lambda(session);
  if (auto function = lambda.get_function(function_name)) {
    return function->value("/Configuration/FunctionArn"_json_pointer, "");
  }
  return output(stack, "FunctionArn");
}

// Return the first failure of the stack's latest operation, when its
// events name one.
std::optional<StackFailure> read_failure(aws::CloudFormation& cloudformation,
                                         const aws::Stack& stack)
{
  auto event =
      first_failure(latest_operation(cloudformation.stack_events(stack.id)));
  if (!event) {
    return std::nullopt;
  }
  return StackFailure{event->logical_id,
                      event->resource_type,
                      event->status,
                      event->status_reason};
}

// Return the first line of `slam status` for a deployed project.
std::string headline(const DeploymentStatus& status)
{
  if (!status.deployed) {
    return fmt::format(
        "{} is not deployed (stack {})\n", status.name, status.stack_status);
  }
  if (status.stack_state == "in_progress") {
    return fmt::format(
        "{} is changing (stack {})\n", status.name, status.stack_status);
  }
  if (status.stack_state == "rolled_back") {
    return fmt::format("{} is deployed, but its last update failed (stack "
                       "{})\n",
                       status.name,
                       status.stack_status);
  }
  if (status.stack_state == "failed") {
    return fmt::format("{} is in a failed state (stack {})\n",
                       status.name,
                       status.stack_status);
  }
  return fmt::format(
      "{} is deployed (stack {})\n", status.name, status.stack_status);
}

// Return what the user can do about a stack that is not complete.
std::string hint(const DeploymentStatus& status)
{
  if (status.stack_status == "ROLLBACK_COMPLETE" ||
      status.stack_status == "REVIEW_IN_PROGRESS") {
    return "the stack holds nothing; 'slam deploy' deletes it and creates "
           "it again";
  }
  if (status.stack_state == "in_progress") {
    return "an operation is under way; run 'slam status' again to see how "
           "it ends";
  }
  if (status.stack_status == "UPDATE_ROLLBACK_FAILED") {
    return "continue the rollback in the CloudFormation console, then "
           "deploy again";
  }
  if (status.stack_state == "failed") {
    return "run 'slam delete', then deploy again";
  }
  return "";
}

} // namespace

std::string stack_state(const std::string& status)
{
  if (is_in_progress(status)) {
    return "in_progress";
  }
  if (is_success(status)) {
    return "complete";
  }
  if (status.ends_with("_ROLLBACK_COMPLETE")) {
    return "rolled_back"; // UPDATE_ROLLBACK_COMPLETE, IMPORT_...
  }
  return "failed";
}

DeploymentStatus read_status(const config::Config& config,
                             aws::Session& session)
{
  DeploymentStatus status;
  status.name = config.name;
  aws::CloudFormation cloudformation(session);
  auto stack = cloudformation.describe_stack(config.name);
  if (!stack) {
    return status;
  }
  check_ownership(stack, config);
  status.deployed = !needs_replacement(*stack);
  status.stack_status = stack->status;
  status.stack_status_reason = stack->status_reason;
  status.stack_state = stack_state(stack->status);
  if (status.stack_state == "rolled_back" || status.stack_state == "failed") {
    status.failure = read_failure(cloudformation, *stack);
  }
  status.bucket = parameter(*stack, "LambdaS3Bucket").value_or("");
  status.package_key = parameter(*stack, "LambdaS3Key").value_or("");
  status.function_arn = function_arn(*stack, config.name, session);
  for (const auto& name : config.stage_names()) {
    StageStatus stage{name, "", "", {}};
    stage.version = parameter(*stack, cfn::version_parameter(config, name))
                        .value_or("(not deployed)");
    for (auto& line : cfn::status_lines(config, name, stack->outputs)) {
      if (line.label == "url" && stage.url.empty()) {
        stage.url = line.value;
      } else {
        stage.details.push_back(std::move(line));
      }
    }
    status.stages.push_back(stage);
  }
  return status;
}

std::string render_status(const DeploymentStatus& status)
{
  if (status.stack_status.empty()) {
    return fmt::format("{} is not deployed\n", status.name);
  }
  auto text = headline(status);
  if (!status.stack_status_reason.empty()) {
    text += fmt::format("  reason:   {}\n", status.stack_status_reason);
  }
  if (status.failure) {
    text += fmt::format("  failed:   {} ({}) {}: {}\n",
                        status.failure->logical_id,
                        status.failure->resource_type,
                        status.failure->status,
                        status.failure->reason);
  }
  if (auto next = hint(status); !next.empty()) {
    text += fmt::format("  next:     {}\n", next);
  }
  text += fmt::format("  function: {}\n", status.function_arn);
  text += fmt::format("  bucket:   {}\n", status.bucket);
  text += fmt::format("  package:  {}\n", status.package_key);
  text += "  stages:\n";
  std::size_t width = 0;
  for (const auto& stage : status.stages) {
    width = std::max(width, stage.name.size());
  }
  for (const auto& stage : status.stages) {
    auto line = fmt::format(
        "    {:<{}}  {:<8}  {}", stage.name, width, stage.version, stage.url);
    // A function-only stage has no URL: no padding at the end of its line.
    line.erase(line.find_last_not_of(' ') + 1);
    text += line + '\n';
    for (const auto& detail : stage.details) {
      text += fmt::format("      {}: {}\n", detail.label, detail.value);
    }
  }
  return text;
}

nlohmann::json status_json(const DeploymentStatus& status)
{
  nlohmann::json json = {{"name", status.name}, {"deployed", status.deployed}};
  if (status.stack_status.empty()) {
    return json;
  }
  json["stack_status"] = status.stack_status;
  json["stack_status_reason"] = status.stack_status_reason;
  json["stack_state"] = status.stack_state;
  json["failure"] = nullptr;
  if (status.failure) {
    json["failure"] = {{"logical_id", status.failure->logical_id},
                       {"resource_type", status.failure->resource_type},
                       {"status", status.failure->status},
                       {"reason", status.failure->reason}};
  }
  json["function_arn"] = status.function_arn;
  json["bucket"] = status.bucket;
  json["package_key"] = status.package_key;
  json["stages"] = nlohmann::json::array();
  for (const auto& stage : status.stages) {
    nlohmann::json entry = {
        {"name", stage.name}, {"version", stage.version}, {"url", stage.url}};
    for (const auto& detail : stage.details) {
      entry[detail.label] = detail.value;
    }
    json["stages"].push_back(entry);
  }
  return json;
}

} // namespace slam::deploy
