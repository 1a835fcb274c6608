#include "slam/cfn/template.hpp"

#include "slam/cfn/custom_sections.hpp"
#include "slam/cfn/execution_role.hpp"
#include "slam/cfn/external_plugin.hpp"
#include "slam/cfn/function.hpp"
#include "slam/cfn/logical_ids.hpp"
#include "slam/cfn/plugin.hpp"
#include "slam/cfn/resource_names.hpp"
#include "slam/util/error.hpp"

#include <fmt/format.h>

namespace slam::cfn {
namespace {

Json core_resources(const config::Config& config, const LogicalIds& ids)
{
  Json resources;
  resources[k_role] = execution_role(config);
  resources[k_log_group] = log_group(config);
  resources[k_function] = function(config);
  for (const auto& stage : config.stages) {
    resources[alias_resource(ids.stage(stage.name))] = alias(stage, ids);
  }
  return resources;
}

Json core_outputs()
{
  Json outputs;
  outputs[k_function_arn_output] = {{"Description", "ARN of the function"},
                                    {"Value", get_att(k_function, "Arn")}};
  return outputs;
}

void append(std::vector<std::string>& to, std::vector<std::string> from)
{
  for (auto& item : from) {
    to.push_back(std::move(item));
  }
}

} // namespace

std::vector<std::string> validate(const config::Config& config)
{
  auto problems = check_function(config);
  append(problems, check_inline_policies(config));
  append(problems, check_custom_sections(config));
  for (const auto& plugin : builtin_plugins()) {
    if (plugin->enabled(config)) {
      append(problems, plugin->validate(config));
    }
  }
  append(problems, check_external_plugins(config));
  return problems;
}

Json build_template(const config::Config& config)
{
  auto problems = validate(config);
  if (!problems.empty()) {
    throw UsageError(fmt::format("{}", fmt::join(problems, "\n")));
  }

  LogicalIds ids(config);
  Json stack_template;
  stack_template["AWSTemplateFormatVersion"] = "2010-09-09";
  if (!config.description.empty()) {
    stack_template["Description"] = config.description;
  }
  stack_template["Parameters"] = build_parameters(config, ids);
  stack_template["Resources"] = core_resources(config, ids);
  stack_template["Outputs"] = core_outputs();
  add_inline_policies(config, stack_template);

  // Built-in plugins, then external ones, then the user's raw sections:
  // each step sees, and may build on, all that came before.
  for (const auto& plugin : builtin_plugins()) {
    if (plugin->enabled(config)) {
      plugin->extend_template(config, stack_template);
    }
  }
  for (const auto& name : config.plugins) {
    run_external_plugin(name, config, stack_template);
  }
  merge_custom_sections(config, stack_template);
  return stack_template;
}

} // namespace slam::cfn
