#include "slam/deploy/bucket_safety.hpp"

#include "slam/aws/s3_bucket_settings.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <functional>
#include <optional>

namespace slam::deploy {
namespace {

// One safe default: where it lives, whether the bucket has it, and the
// document that gives it (from the bucket's current one, for the policy).
struct SafeSetting
{
  const aws::BucketSubresource& subresource;
  const char* action; // what setting it does, for an error
  const char* result; // what the bucket then is, for the user
  std::function<bool(std::string_view)> present;
  std::function<std::string(const std::optional<std::string>&)> document;
};

std::vector<SafeSetting> safe_settings(const std::string& bucket,
                                       const BucketSafety& safety)
{
  auto fixed = [](std::string document) {
    return [document](const std::optional<std::string>&) { return document; };
  };
  std::vector<SafeSetting> settings = {
      {aws::k_ownership_controls,
       "enforce bucket-owner ownership",
       "bucket-owner ownership enforced",
       aws::enforces_bucket_owner,
       fixed(aws::owner_enforced_xml())},
      {aws::k_public_access_block,
       "block public access",
       "public access blocked",
       aws::blocks_all_public_access,
       fixed(aws::public_access_block_xml())},
      {aws::k_bucket_encryption,
       "encrypt by default",
       "encrypted by default",
       aws::encrypts_by_default,
       fixed(aws::default_encryption_xml())},
  };
  if (safety.tls_only_policy) {
    settings.push_back({aws::k_bucket_policy,
                        "deny requests without TLS",
                        "requests without TLS denied",
                        aws::denies_insecure_transport,
                        [bucket, partition = safety.partition](
                            const std::optional<std::string>& policy) {
                          return aws::with_tls_only_statement(
                              policy, bucket, partition);
                        }});
  }
  return settings;
}

// Give BUCKET SETTING unless it has it; return whether it was changed.
bool ensure_setting(aws::S3& s3,
                    const std::string& bucket,
                    const SafeSetting& setting)
{
  try {
    auto current = s3.bucket_configuration(bucket, setting.subresource);
    if (current && setting.present(*current)) {
      return false;
    }
    s3.put_bucket_configuration(
        bucket, setting.subresource, setting.document(current));
    return true;
  } catch (const Error& error) {
    throw Error(fmt::format(
        "cannot {} on bucket '{}': {}", setting.action, bucket, error.what()));
  }
}

} // namespace

std::vector<std::string> secure_bucket(aws::S3& s3,
                                       const std::string& bucket,
                                       const BucketSafety& safety)
{
  std::vector<std::string> changed;
  for (const auto& setting : safe_settings(bucket, safety)) {
    if (ensure_setting(s3, bucket, setting)) {
      changed.emplace_back(setting.result);
    }
  }
  return changed;
}

} // namespace slam::deploy
