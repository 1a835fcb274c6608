#include "slam/deploy/artifact.hpp"

#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::deploy {

std::string artifact_prefix(const config::Config& config)
{
  return fmt::format("slam/{}/", config.name);
}

std::string artifact_key(const config::Config& config,
                         const std::string& sha256)
{
  return fmt::format("{}{}.zip", artifact_prefix(config), sha256);
}

bool upload_artifact(aws::S3& s3,
                     const std::string& bucket,
                     const std::string& key,
                     const std::filesystem::path& package)
{
  if (s3.head_object(bucket, key)) {
    util::notef("package already in s3://{}/{}; upload skipped", bucket, key);
    return false;
  }
  util::notef(
      "uploading {} to s3://{}/{}", package.filename().string(), bucket, key);
  s3.put_object(bucket, key, package);
  return true;
}

bool ensure_bucket(aws::S3& s3, const std::string& bucket)
{
  if (s3.bucket_exists(bucket)) {
    return false;
  }
  util::notef("creating bucket '{}'", bucket);
  s3.create_bucket(bucket);
  return true;
}

} // namespace slam::deploy
