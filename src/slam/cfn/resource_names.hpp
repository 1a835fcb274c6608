#pragma once

#include <string>
#include <string_view>

namespace slam::cfn {

// Logical ids of the parameters and resources every template has. They are
// the original Slam's, so its stacks keep their resources on update.
constexpr std::string_view k_bucket_parameter = "LambdaS3Bucket";
constexpr std::string_view k_key_parameter = "LambdaS3Key";
constexpr std::string_view k_role = "FunctionExecutionRole";
constexpr std::string_view k_log_group = "FunctionLogGroup";
constexpr std::string_view k_function = "Function";
constexpr std::string_view k_function_arn_output = "FunctionArn";

// Return the parameter holding the version of the stage with stem STAGE_ID.
inline std::string version_parameter_name(std::string_view stage_id)
{
  return std::string(stage_id) + "Version";
}

// Return the logical id of the alias of the stage with stem STAGE_ID.
inline std::string alias_resource(std::string_view stage_id)
{
  return std::string(stage_id) + "FunctionAlias";
}

} // namespace slam::cfn
