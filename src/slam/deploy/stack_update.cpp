#include "slam/deploy/stack_update.hpp"

#include "slam/deploy/ownership.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/util/log.hpp"

namespace slam::deploy {

aws::StackRequest project_stack_request(const config::Config& config)
{
  aws::StackRequest request;
  request.name = config.name;
  request.capabilities = {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"};
  request.tags = {project_tag(config)};
  return request;
}

bool update_and_wait(aws::CloudFormation& cloudformation,
                     const aws::StackRequest& request)
{
  util::notef("updating stack '{}'", request.name);
  if (!cloudformation.update_stack(request)) {
    return false;
  }
  wait_for_success(cloudformation, request.name, "update");
  return true;
}

} // namespace slam::deploy
