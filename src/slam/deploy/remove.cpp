#include "slam/deploy/remove.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/s3.hpp"
#include "slam/deploy/artifact.hpp"
#include "slam/deploy/ownership.hpp"
#include "slam/deploy/parameters.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::deploy {
namespace {

void delete_stack(aws::CloudFormation& cloudformation, const aws::Stack& stack)
{
  util::notef("deleting stack '{}'", stack.name);
  run_stack_operation(
      cloudformation, StackOperation::deletion, stack.name, stack, [&] {
        cloudformation.delete_stack(stack.id);
        return true;
      });
}

// Delete the project's packages; return how many there were.
std::size_t delete_artifacts(aws::S3& s3,
                             const config::Config& config,
                             const std::string& bucket)
{
  auto keys = s3.list_keys(bucket, artifact_prefix(config));
  for (const auto& key : keys) {
    s3.delete_object(bucket, key);
  }
  util::notef("deleted {} package(s) from bucket '{}'", keys.size(), bucket);
  return keys.size();
}

} // namespace

void remove_deployment(const config::Config& config, aws::Session& session)
{
  aws::CloudFormation cloudformation(session);
  auto stack = cloudformation.describe_stack(config.name);
  if (!stack) {
    util::notef("{} is not deployed; nothing to delete", config.name);
    return;
  }
  check_ownership(stack, config);
  auto bucket = parameter(*stack, "LambdaS3Bucket").value_or(config.bucket());
  delete_stack(cloudformation, *stack);

  aws::S3 s3(session);
  if (!s3.bucket_exists(bucket)) {
    return;
  }
  delete_artifacts(s3, config, bucket);
  // A bucket named by the user may hold other things and is theirs to
  // keep; the one Slam named after the project goes when it is empty.
  if (config.aws.s3_bucket.empty() && bucket == config.bucket() &&
      s3.list_keys(bucket, "").empty()) {
    s3.delete_bucket(bucket);
    util::notef("deleted bucket '{}'", bucket);
  }
  util::notef("{} deleted", config.name);
}

} // namespace slam::deploy
