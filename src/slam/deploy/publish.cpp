#include "slam/deploy/publish.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/lambda.hpp"
#include "slam/cfn/parameters.hpp"
#include "slam/deploy/artifact_cleanup.hpp"
#include "slam/deploy/deploy.hpp"
#include "slam/deploy/ownership.hpp"
#include "slam/deploy/parameters.hpp"
#include "slam/deploy/stack_update.hpp"
#include "slam/deploy/stack_wait.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::deploy {
namespace {

// Lambda's limit on a version's description.
constexpr std::size_t k_max_description = 256;

aws::Stack deployed_stack(aws::CloudFormation& cloudformation,
                          const config::Config& config)
{
  auto stack = find_project_stack(cloudformation, config);
  if (!stack) {
    throw Error(fmt::format("{} is not deployed; run 'slam deploy' first",
                            config.name));
  }
  // Checked before a version is published for nothing.
  check_updatable(*stack);
  return *stack;
}

// Return the version parameter of STAGE in STACK; throw when the stack
// was deployed before the stage was added to slam.yaml.
std::string deployed_parameter(const config::Config& config,
                               const aws::Stack& stack,
                               const std::string& stage)
{
  auto name = cfn::version_parameter(config, stage);
  if (!parameter(stack, name)) {
    throw Error(fmt::format("stage '{}' is not deployed yet; run 'slam "
                            "deploy' to add it to the stack first",
                            stage));
  }
  return name;
}

// Publish the code all stages at $LATEST run, and return its number.
std::string publish_latest(aws::Lambda& lambda,
                           const config::Config& config,
                           const aws::Stack& stack,
                           const std::string& from)
{
  util::notef(
      "publishing a version of '{}' from stage '{}'", config.name, from);
  // The package key in the description tells which code a version holds.
  auto description = fmt::format("slam: stage {} at {}",
                                 from,
                                 parameter(stack, "LambdaS3Key").value_or("?"))
                         .substr(0, k_max_description);
  return published_version(
      lambda.publish_version(config.name, {}, description));
}

void check_version_exists(aws::Lambda& lambda,
                          const config::Config& config,
                          const std::string& version)
{
  if (!lambda.get_function(config.name, version)) {
    throw UsageError(fmt::format("function '{}' has no version {}; give a "
                                 "stage or a published version number",
                                 config.name,
                                 version));
  }
}

} // namespace

std::string published_version(const nlohmann::json& answer)
{
  // value("Version", "") would throw a JSON type error, shown as an
  // internal error, for a number.
  auto version = answer.find("Version");
  if (version == answer.end() || !version->is_string() ||
      !is_version_number(version->get<std::string>())) {
    throw Error("lambda PublishVersion: the answer has no version number");
  }
  return version->get<std::string>();
}

VersionSource parse_version_source(const config::Config& config,
                                   const std::string& target,
                                   const std::string& version)
{
  if (is_version_number(version)) {
    return VersionSource{{}, version};
  }
  // Stage names are never all digits, so a number cannot hide a stage.
  auto stage = resolve_stage(config, version);
  if (stage == target) {
    throw UsageError(fmt::format("cannot publish stage '{}' into itself; give "
                                 "another stage or a version number with "
                                 "--version",
                                 target));
  }
  return VersionSource{stage, {}};
}

VersionPlan plan_version(const config::Config& config,
                         const aws::Stack& stack,
                         const VersionSource& source)
{
  if (source.stage.empty()) {
    return VersionPlan{false, source.version};
  }
  auto version =
      parameter(stack, deployed_parameter(config, stack, source.stage));
  if (*version == k_latest) {
    return VersionPlan{true, {}};
  }
  return VersionPlan{false, *version};
}

PublishResult publish(const config::Config& config,
                      aws::Session& session,
                      const PublishOptions& options)
{
  auto target = resolve_stage(config, options.stage);
  auto source = parse_version_source(config, target, options.version);

  aws::CloudFormation cloudformation(session);
  auto stack = deployed_stack(cloudformation, config);
  auto target_parameter = deployed_parameter(config, stack, target);
  auto plan = plan_version(config, stack, source);

  // Find or make the version.
  aws::Lambda lambda(session);
  PublishResult result{target, plan.version, source.stage, plan.publish_new};
  if (plan.publish_new) {
    result.version = publish_latest(lambda, config, stack, source.stage);
  } else if (source.stage.empty()) {
    check_version_exists(lambda, config, plan.version);
  }

  // Point the stage at it: only its parameter changes; the deployed
  // template is kept, so edits to slam.yaml wait for the next deploy.
  if (parameter(stack, target_parameter) == result.version) {
    return result;
  }
  auto request = project_stack_request(config);
  request.use_previous_template = true;
  request.parameters = parameters_with(stack, target_parameter, result.version);
  result.changed = update_and_wait(cloudformation, request, stack);
  // The stage's earlier version may have been the last user of a package.
  if (result.changed) {
    clean_up_artifacts(config,
                       session,
                       parameter(stack, "LambdaS3Bucket").value_or(""),
                       std::nullopt);
  }
  return result;
}

std::string render_publish(const PublishResult& result)
{
  std::string text;
  if (result.published) {
    text = fmt::format(
        "published version {} from {}; ", result.version, result.from);
  }
  if (!result.changed) {
    return text + fmt::format("{} already points at version {}",
                              result.stage,
                              result.version);
  }
  text +=
      fmt::format("{} now points at version {}", result.stage, result.version);
  if (!result.published && !result.from.empty()) {
    text += fmt::format(" (the version of {})", result.from);
  }
  return text;
}

} // namespace slam::deploy
