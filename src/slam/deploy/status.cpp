#include "slam/deploy/status.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/lambda.hpp"
#include "slam/cfn/template.hpp"
#include "slam/deploy/ownership.hpp"
#include "slam/deploy/parameters.hpp"

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

} // namespace

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
  status.deployed = true;
  status.stack_status = stack->status;
  status.stack_status_reason = stack->status_reason;
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
  if (!status.deployed) {
    return fmt::format("{} is not deployed\n", status.name);
  }
  auto text = fmt::format(
      "{} is deployed (stack {})\n", status.name, status.stack_status);
  if (!status.stack_status_reason.empty()) {
    text += fmt::format("  reason:   {}\n", status.stack_status_reason);
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
    text += fmt::format(
        "    {:<{}}  {:<8}  {}\n", stage.name, width, stage.version, stage.url);
    for (const auto& detail : stage.details) {
      text += fmt::format("      {}: {}\n", detail.label, detail.value);
    }
  }
  return text;
}

nlohmann::json status_json(const DeploymentStatus& status)
{
  nlohmann::json json = {{"name", status.name}, {"deployed", status.deployed}};
  if (!status.deployed) {
    return json;
  }
  json["stack_status"] = status.stack_status;
  json["stack_status_reason"] = status.stack_status_reason;
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
