#include "slam/deploy/remove.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/logs.hpp"
#include "slam/aws/s3.hpp"
#include "slam/deploy/artifact.hpp"
#include "slam/deploy/artifact_cleanup.hpp"
#include "slam/deploy/log_retention.hpp"
#include "slam/deploy/log_sources.hpp"
#include "slam/deploy/ownership.hpp"
#include "slam/deploy/parameters.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::deploy {
namespace {

// Delete STACK, or wait for the deletion already under way, and wait
// until it is gone.
void delete_stack(aws::CloudFormation& cloudformation, const aws::Stack& stack)
{
  bool under_way = stack.status == "DELETE_IN_PROGRESS";
  if (under_way) {
    util::notef("stack '{}' is already being deleted; waiting for it",
                stack.name);
  } else {
    check_not_busy(stack);
    util::notef("deleting stack '{}'", stack.name);
  }
  try {
    run_stack_operation(
        cloudformation, StackOperation::deletion, stack.name, stack, [&] {
          if (!under_way) {
            cloudformation.delete_stack(stack.id);
          }
          return true;
        });
  } catch (const Interrupted& interrupted) {
    // The packages go only once the stack no longer needs them.
    throw Interrupted(
        fmt::format("{}, then run 'slam delete' again to remove the packages",
                    interrupted.what()));
  }
}

// Return the execution log groups API Gateway made for the stages of
// STACK's REST API (with wsgi.log_stages), whether they exist or not.
std::vector<std::string> api_log_groups(const config::Config& config,
                                        const aws::Stack& stack)
{
  std::vector<std::string> groups;
  if (auto api_id = rest_api_id(stack)) {
    for (const auto& stage : config.stage_names()) {
      groups.push_back(api_execution_log_group(*api_id, stage));
    }
  }
  return groups;
}

// Delete the log groups GROUPS that exist: the stack does not own them.
void delete_log_groups(aws::Session& session,
                       const std::vector<std::string>& groups)
{
  aws::Logs logs(session);
  for (const auto& group : groups) {
    if (logs.delete_log_group(group)) {
      util::notef("deleted log group '{}'", group);
    }
  }
}

// Delete the bucket when Slam created it for this project and the user
// did not name it; S3 itself refuses when other objects remain. Return
// true when it was deleted.
bool delete_bucket_if_ours(aws::S3& s3,
                           const config::Config& config,
                           const std::string& bucket)
{
  if (bucket == config.aws.s3_bucket ||
      !created_by_slam(s3, bucket, config.name)) {
    return false;
  }
  try {
    s3.delete_bucket(bucket);
    util::notef("deleted bucket '{}'", bucket);
    return true;
  } catch (const aws::AwsError& error) {
    if (error.code() != "BucketNotEmpty") {
      throw;
    }
    util::notef("kept bucket '{}': it holds other objects", bucket);
    return false;
  }
}

std::string count_of(std::size_t count, std::string_view noun)
{
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

// Return "2 packages and 1 template", leaving out a count of zero.
std::string artifact_counts(std::size_t packages, std::size_t templates)
{
  if (templates == 0) {
    return count_of(packages, "package");
  }
  if (packages == 0) {
    return count_of(templates, "template");
  }
  return count_of(packages, "package") + " and " +
         count_of(templates, "template");
}

// Delete from BUCKET the packages and templates Slam uploaded for the
// project (other objects under its prefix are the user's), then BUCKET
// itself when it is ours; return whether anything was deleted.
bool delete_artifacts(aws::S3& s3,
                      const config::Config& config,
                      const std::string& bucket)
{
  std::size_t packages = 0;
  std::size_t templates = 0;
  for (const auto& key : s3.list_keys(bucket, artifact_prefix(config))) {
    bool package = is_package_key(config, key);
    if (!package && !is_template_key(config, key)) {
      continue;
    }
    util::debugf("deleting s3://{}/{}", bucket, key);
    s3.delete_object(bucket, key);
    ++(package ? packages : templates);
  }
  if (packages + templates > 0) {
    util::notef("deleted {} from bucket '{}'",
                artifact_counts(packages, templates),
                bucket);
  }
  bool bucket_deleted = delete_bucket_if_ours(s3, config, bucket);
  return packages + templates > 0 || bucket_deleted;
}

// With no stack, a deletion that stopped halfway may have left packages
// and the bucket.
void remove_leftovers(const config::Config& config, aws::Session& session)
{
  aws::S3 s3(session);
  auto bucket = config.bucket();
  bool deleted = false;
  try {
    if (s3.bucket_exists(bucket)) {
      deleted = delete_artifacts(s3, config, bucket);
    }
  } catch (const aws::AwsError& error) {
    // Someone else's bucket of that name, say: nothing of ours to find.
    util::debugf("no leftovers looked for: {}", error.what());
  }
  util::notef("{} is not deployed; {}",
              config.name,
              deleted ? "removed what an earlier delete left"
                      : "nothing to delete");
}

} // namespace

void remove_deployment(const config::Config& config,
                       aws::Session& session,
                       const RemoveOptions& options)
{
  aws::CloudFormation cloudformation(session);
  auto stack = cloudformation.describe_stack(config.name);
  if (!stack) {
    remove_leftovers(config, session);
    return;
  }
  check_ownership(stack, config);
  auto bucket = parameter(*stack, "LambdaS3Bucket").value_or(config.bucket());

  if (options.keep_logs) {
    stack = keep_log_groups(config, session, *stack, bucket);
  }
  // The API's id goes with the stack.
  auto api_groups = api_log_groups(config, *stack);
  delete_stack(cloudformation, *stack);
  if (!options.keep_logs) {
    delete_log_groups(session, api_groups);
  }

  aws::S3 s3(session);
  if (s3.bucket_exists(bucket)) {
    delete_artifacts(s3, config, bucket);
  }
  util::notef("{} deleted{}",
              config.name,
              options.keep_logs ? "; its log groups were kept" : "");
}

} // namespace slam::deploy
