#include "slam/deploy/parameters.hpp"

#include "slam/cfn/template.hpp"

#include <algorithm>

namespace slam::deploy {

bool is_version_number(const std::string& version)
{
  return !version.empty() &&
         std::all_of(version.begin(), version.end(), [](char c) {
           return c >= '0' && c <= '9';
         });
}

std::optional<std::string> parameter(const aws::Stack& stack,
                                     const std::string& name)
{
  auto it = stack.parameters.find(name);
  if (it == stack.parameters.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::string> stage_version(const config::Config& config,
                                         const aws::Stack& stack,
                                         const std::string& stage)
{
  return parameter(stack, cfn::version_parameter(config, stage));
}

Parameters parameters_with(const aws::Stack& stack,
                           const std::string& name,
                           const std::string& value)
{
  Parameters parameters;
  for (const auto& [key, current] : stack.parameters) {
    parameters.emplace_back(key, key == name ? value : current);
  }
  return parameters;
}

Parameters stack_parameters(const config::Config& config,
                            const std::optional<aws::Stack>& existing,
                            const std::string& stage,
                            const std::string& bucket,
                            const std::string& key)
{
  Parameters parameters{{"LambdaS3Bucket", bucket}, {"LambdaS3Key", key}};
  for (const auto& name : config.stage_names()) {
    auto parameter_name = cfn::version_parameter(config, name);
    std::string version = k_latest;
    if (name != stage && existing) {
      version = stage_version(config, *existing, name).value_or(k_latest);
    }
    parameters.emplace_back(parameter_name, version);
  }
  return parameters;
}

} // namespace slam::deploy
