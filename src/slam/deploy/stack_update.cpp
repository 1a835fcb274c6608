#include "slam/deploy/stack_update.hpp"

#include "slam/deploy/ownership.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/util/log.hpp"

#include <algorithm>

namespace slam::deploy {

aws::StackRequest project_stack_request(const config::Config& config)
{
  aws::StackRequest request;
  request.name = config.name;
  request.capabilities = {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"};
  request.tags = {project_tag(config)};
  return request;
}

namespace {

// Return whether REQUEST gives EXISTING another parameter value. Then
// "nothing to update" means that an attempt of UpdateStack whose answer
// was lost made the update (moto keeps no update time to tell by).
bool changes_parameters(const aws::StackRequest& request,
                        const aws::Stack& existing)
{
  bool changes = std::any_of(request.parameters.begin(),
                             request.parameters.end(),
                             [&](const auto& parameter) {
                               auto it =
                                   existing.parameters.find(parameter.first);
                               return it == existing.parameters.end() ||
                                      it->second != parameter.second;
                             });
  if (changes) {
    util::debugf("stack '{}' was updated by an earlier attempt of "
                 "UpdateStack whose answer was lost",
                 request.name);
  }
  return changes;
}

} // namespace

bool update_and_wait(aws::CloudFormation& cloudformation,
                     const aws::StackRequest& request,
                     const aws::Stack& existing)
{
  util::notef("updating stack '{}'", request.name);
  return run_stack_operation(cloudformation,
                             StackOperation::update,
                             request.name,
                             existing,
                             [&] {
                               return cloudformation.update_stack(request) ||
                                      changes_parameters(request, existing);
                             })
      .has_value();
}

} // namespace slam::deploy
