#include "slam/cfn/parameters.hpp"

#include "slam/cfn/logical_id.hpp"
#include "slam/cfn/resource_names.hpp"

#include <fmt/core.h>

namespace slam::cfn {
std::string version_parameter(const std::string& stage)
{
  return version_parameter_name(logical_id(stage, k_max_stem));
}

std::string version_parameter(const config::Config& config,
                              const std::string& stage)
{
  return version_parameter_name(LogicalIds(config).stage(stage));
}

Json build_parameters(const config::Config& config, const LogicalIds& ids)
{
  Json parameters;
  parameters[k_bucket_parameter] = {
      {"Type", "String"},
      {"Description", "S3 bucket holding the Lambda package"}};
  parameters[k_key_parameter] = {
      {"Type", "String"}, {"Description", "S3 key of the Lambda package"}};
  for (const auto& stage : config.stages) {
    parameters[version_parameter_name(ids.stage(stage.name))] = {
        {"Type", "String"},
        {"Default", "$LATEST"},
        {"Description",
         fmt::format("Lambda version of stage {}: a number or $LATEST",
                     stage.name)}};
  }
  return parameters;
}

} // namespace slam::cfn
