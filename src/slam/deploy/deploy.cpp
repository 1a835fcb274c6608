#include "slam/deploy/deploy.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/region.hpp"
#include "slam/aws/s3.hpp"
#include "slam/cfn/template.hpp"
#include "slam/deploy/artifact.hpp"
#include "slam/deploy/artifact_cleanup.hpp"
#include "slam/deploy/ownership.hpp"
#include "slam/deploy/parameters.hpp"
#include "slam/deploy/plan.hpp"
#include "slam/deploy/stack_settle.hpp"
#include "slam/deploy/stack_update.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/package/package.hpp"
#include "slam/package/package_file_check.hpp"
#include "slam/package/project_lock.hpp"
#include "slam/util/error.hpp"
#include "slam/util/file_hash.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::deploy {
namespace {

// The package to deploy, and where it goes in S3.
struct Artifact
{
  std::filesystem::path path; // empty: already in S3
  std::string bucket;
  std::string key;
};

Artifact build_artifact(const config::Config& config,
                        const DeployOptions& options)
{
  Artifact artifact;
  if (!options.lambda_package.empty()) {
    artifact.path = options.lambda_package;
    package::check_package_file(artifact.path);
    artifact.key = artifact_key(config, util::sha256_file_hex(artifact.path));
    return artifact;
  }
  package::BuildOptions build_options;
  build_options.rebuild_deps = options.rebuild_deps;
  build_options.command_ends = true;
  auto result = package::build(config, build_options);
  util::note(package::format_build_summary(package::build_summary(result)));
  artifact.path = result.zip_path;
  artifact.key = artifact_key(config, result.sha256);
  return artifact;
}

// Return the project's lock when the deploy builds the package, which
// stays in .slam/ until it is uploaded.
std::optional<util::FileLock> lock_for_build(const config::Config& config,
                                             const DeployOptions& options)
{
  if (options.no_lambda || !options.lambda_package.empty()) {
    return std::nullopt;
  }
  return package::lock_project(config.project_dir, "deploying");
}

// Reuse the deployed package for --no-lambda.
Artifact deployed_artifact(const std::optional<aws::Stack>& existing)
{
  if (!existing) {
    throw UsageError("--no-lambda needs an existing deployment; run 'slam "
                     "deploy' without it first");
  }
  return Artifact{{},
                  parameter(*existing, "LambdaS3Bucket").value_or(""),
                  parameter(*existing, "LambdaS3Key").value_or("")};
}

// Refuse a stack that a deploy cannot update now, saying what to do; a
// stack that holds nothing is replaced instead.
void check_deployable(const std::optional<aws::Stack>& existing)
{
  if (existing && !needs_replacement(*existing)) {
    check_updatable(*existing);
  }
}

std::string template_body(const config::Config& config)
{
  auto body = cfn::build_template(config).dump();
  check_template_size(body);
  return body;
}

// Delete STACK, which holds nothing (needs_replacement), so that it can
// be created again.
void delete_for_replacement(aws::CloudFormation& cloudformation,
                            const aws::Stack& stack)
{
  util::notef("stack '{}' is {} ({}); deleting it to create it again",
              stack.name,
              stack.status,
              replacement_reason(stack));
  run_stack_operation(
      cloudformation, StackOperation::deletion, stack.name, stack, [&] {
        cloudformation.delete_stack(stack.id);
        return true;
      });
}

// Create or update the stack; return false when nothing changed.
bool apply_stack(aws::CloudFormation& cloudformation,
                 const aws::StackRequest& request,
                 const std::optional<aws::Stack>& existing)
{
  if (!existing) {
    util::notef("creating stack '{}'", request.name);
    return run_stack_operation(cloudformation,
                               StackOperation::creation,
                               request.name,
                               existing,
                               [&] {
                                 cloudformation.create_stack(request);
                                 return true;
                               })
        .has_value();
  }
  return update_and_wait(cloudformation, request, *existing);
}

// The bucket of an existing stack stays, even if slam.yaml now names
// another: moving packages between buckets is not a deploy's business.
std::string artifact_bucket(const config::Config& config,
                            const std::optional<aws::Stack>& existing)
{
  auto deployed =
      existing ? parameter(*existing, "LambdaS3Bucket") : std::nullopt;
  if (deployed && !config.aws.s3_bucket.empty() &&
      *deployed != config.aws.s3_bucket) {
    util::warn(fmt::format("aws.s3_bucket is '{}' but this deployment keeps "
                           "its packages in '{}'; delete and deploy again to "
                           "move them",
                           config.aws.s3_bucket,
                           *deployed));
  }
  return deployed.value_or(config.bucket());
}

// Upload the built ARTIFACT to its bucket (made when missing) unless it
// is there already.
void place_artifact(aws::Session& session,
                    const config::Config& config,
                    const std::optional<aws::Stack>& existing,
                    Artifact& artifact)
{
  artifact.bucket = artifact_bucket(config, existing);
  aws::S3 s3(session);
  BucketSafety safety{aws::partition_of(session.region()),
                      session.endpoint("s3").scheme == "https"};
  ensure_bucket(s3, artifact.bucket, config.name, safety);
  upload_artifact(s3, artifact.bucket, artifact.key, artifact.path);
}

} // namespace

std::string resolve_stage(const config::Config& config,
                          const std::string& stage)
{
  if (stage.empty()) {
    return config.devstage;
  }
  if (config.find_stage(stage) == nullptr) {
    std::string names;
    for (const auto& name : config.stage_names()) {
      names += (names.empty() ? "" : ", ") + name;
    }
    throw UsageError(fmt::format("unknown stage '{}'; the stages in {} are: {}",
                                 stage,
                                 config.file.string(),
                                 names));
  }
  return stage;
}

void deploy(const config::Config& config,
            aws::Session& session,
            const DeployOptions& options)
{
  auto stage = resolve_stage(config, options.stage);
  // Everything that can fail without AWS fails before anything is uploaded.
  wait_settings();
  auto body = template_body(config);
  // Held until the package is uploaded: another build would rewrite it.
  auto lock = lock_for_build(config, options);
  auto artifact =
      options.no_lambda ? Artifact{} : build_artifact(config, options);

  aws::CloudFormation cloudformation(session);
  auto existing = settled_project_stack(cloudformation, config);
  check_deployable(existing);
  if (existing && !needs_replacement(*existing)) {
    delete_abandoned_plans(cloudformation, *existing);
  }
  // A stack that is replaced keeps nothing, not even its stages' versions.
  auto previous =
      existing && needs_replacement(*existing) ? std::nullopt : existing;

  if (options.no_lambda) {
    artifact = deployed_artifact(existing);
  } else if (options.plan) {
    // A change set does not read the package, only its key: a plan
    // uploads nothing.
    artifact.bucket = artifact_bucket(config, existing);
  } else {
    place_artifact(session, config, existing, artifact);
  }
  lock.reset();

  auto request = project_stack_request(config);
  auto uploaded_template =
      place_template(session, config, artifact.bucket, body, request);
  request.parameters =
      stack_parameters(config, previous, stage, artifact.bucket, artifact.key);
  if (options.plan) {
    plan_stack(cloudformation, request, existing);
    return;
  }
  if (existing && !previous) {
    delete_for_replacement(cloudformation, *existing);
  }
  if (apply_stack(cloudformation, request, previous)) {
    util::notef("stage '{}' deployed", stage);
  } else {
    util::notef("stack '{}' is up to date; nothing to deploy", config.name);
  }
  clean_up_artifacts(config, session, artifact.bucket, uploaded_template);
}

} // namespace slam::deploy
