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
                     const aws::StackRequest& request,
                     const aws::Stack& existing)
{
  util::notef("updating stack '{}'", request.name);
  return run_stack_operation(
             cloudformation,
             StackOperation::update,
             request.name,
             existing,
             [&] { return cloudformation.update_stack(request); })
      .has_value();
}

} // namespace slam::deploy
