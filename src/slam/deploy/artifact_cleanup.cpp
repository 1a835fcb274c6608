#include "slam/deploy/artifact_cleanup.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/aws/s3.hpp"
#include "slam/deploy/artifact.hpp"
#include "slam/deploy/package_usage.hpp"
#include "slam/util/base64.hpp"
#include "slam/util/error.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::deploy {
namespace {

bool is_hex_digest(std::string_view text)
{
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Return true when KEY is PREFIX, a SHA-256 in hex, then SUFFIX.
bool is_digest_key(const std::string& key,
                   const std::string& prefix,
                   std::string_view suffix)
{
  return key.size() == prefix.size() + 64 + suffix.size() &&
         key.starts_with(prefix) && key.ends_with(suffix) &&
         is_hex_digest(std::string_view(key).substr(prefix.size(), 64));
}

// Return the packages among OBJECTS, newest first.
std::vector<aws::ObjectSummary>
packages_newest_first(const config::Config& config,
                      const std::vector<aws::ObjectSummary>& objects)
{
  std::vector<aws::ObjectSummary> packages;
  std::copy_if(
      objects.begin(),
      objects.end(),
      std::back_inserter(packages),
      [&](const auto& object) { return is_package_key(config, object.key); });
  std::stable_sort(
      packages.begin(), packages.end(), [](const auto& a, const auto& b) {
        return a.last_modified > b.last_modified;
      });
  return packages;
}

void delete_keys(aws::S3& s3,
                 const std::string& bucket,
                 const std::vector<std::string>& keys)
{
  for (const auto& key : keys) {
    util::debugf("deleting s3://{}/{}", bucket, key);
    s3.delete_object(bucket, key);
  }
}

} // namespace

bool is_package_key(const config::Config& config, const std::string& key)
{
  return is_digest_key(key, artifact_prefix(config), ".zip");
}

bool is_template_key(const config::Config& config, const std::string& key)
{
  return is_digest_key(key, template_prefix(config), ".json");
}

std::optional<std::string> package_key_for_code(const config::Config& config,
                                                const std::string& code_sha256)
{
  auto digest = util::base64_decode(code_sha256);
  if (!digest || digest->size() != 32) {
    return std::nullopt;
  }
  return artifact_key(config, util::to_hex(*digest));
}

std::vector<std::string>
artifacts_to_delete(const config::Config& config,
                    const std::vector<aws::ObjectSummary>& objects,
                    const std::set<std::string>& in_use,
                    int keep,
                    const std::optional<std::string>& current_template)
{
  auto packages = packages_newest_first(config, objects);
  std::vector<std::string> doomed;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    bool recent = keep > 0 && (i < static_cast<std::size_t>(keep) ||
                               packages[i].last_modified ==
                                   packages[keep - 1].last_modified);
    if (!recent && !in_use.contains(packages[i].key)) {
      doomed.push_back(packages[i].key);
    }
  }
  // CloudFormation keeps its own copy of a template: once a deploy is
  // done, only the current one is worth keeping, to skip its next upload.
  for (const auto& object : objects) {
    if (current_template && is_template_key(config, object.key) &&
        object.key != *current_template) {
      doomed.push_back(object.key);
    }
  }
  std::sort(doomed.begin(), doomed.end());
  return doomed;
}

void clean_up_artifacts(const config::Config& config,
                        aws::Session& session,
                        const std::string& bucket,
                        const std::optional<std::string>& current_template)
{
  if (bucket.empty()) {
    return;
  }
  try {
    aws::CloudFormation cloudformation(session);
    auto stack = cloudformation.describe_stack(config.name);
    if (!stack) {
      return;
    }
    auto in_use = packages_in_use(config, session, *stack);
    aws::S3 s3(session);
    auto doomed =
        artifacts_to_delete(config,
                            s3.list_objects(bucket, artifact_prefix(config)),
                            in_use,
                            config.package.keep_packages,
                            current_template);
    delete_keys(s3, bucket, doomed);
    auto packages =
        std::count_if(doomed.begin(), doomed.end(), [&](const auto& key) {
          return is_package_key(config, key);
        });
    if (packages > 0) {
      util::notef("deleted {} old package(s) that no stage uses from bucket "
                  "'{}' (package.keep_packages: {})",
                  packages,
                  bucket,
                  config.package.keep_packages);
    }
  } catch (const Error& error) {
    util::warn(fmt::format("the deploy succeeded but old packages were not "
                           "cleaned up: {}",
                           error.what()));
  }
}

} // namespace slam::deploy
