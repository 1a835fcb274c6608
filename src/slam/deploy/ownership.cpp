#include "slam/deploy/ownership.hpp"

#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::deploy {

std::pair<std::string, std::string> project_tag(const config::Config& config)
{
  return {"slam:project", config.name};
}

bool is_project_stack(const aws::Stack& stack, const config::Config& config)
{
  auto [key, value] = project_tag(config);
  auto tag = stack.tags.find(key);
  if (tag != stack.tags.end()) {
    return tag->second == value;
  }
  return stack.parameters.count("LambdaS3Bucket") != 0 &&
         stack.parameters.count("LambdaS3Key") != 0;
}

void check_ownership(const std::optional<aws::Stack>& existing,
                     const config::Config& config)
{
  if (!existing || is_project_stack(*existing, config)) {
    return;
  }
  throw Error(fmt::format("a stack named '{}' exists but is not a Slam "
                          "deployment of this project; leaving it alone "
                          "(choose another 'name' in {})",
                          existing->name,
                          config.file.string()));
}

std::optional<aws::Stack>
find_project_stack(aws::CloudFormation& cloudformation,
                   const config::Config& config)
{
  auto stack = cloudformation.describe_stack(config.name);
  check_ownership(stack, config);
  return stack;
}

} // namespace slam::deploy
