#include "slam/deploy/artifact.hpp"

#include "slam/aws/error.hpp"
#include "slam/aws/session.hpp"
#include "slam/util/error.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

namespace slam::deploy {

namespace {

// Return whether BUCKET carries the tag Slam gives the buckets it makes for
// PROJECT; a bucket whose tags cannot be read is the user's.
bool made_for(aws::S3& s3,
              const std::string& bucket,
              const std::string& project)
{
  try {
    return created_by_slam(s3, bucket, project);
  } catch (const aws::AwsError& error) {
    util::debugf(
        "bucket '{}' is taken as not made by Slam: {}", bucket, error.what());
    return false;
  }
}

void report_safety_changes(const std::string& bucket,
                           const std::vector<std::string>& changes)
{
  if (!changes.empty()) {
    util::notef("bucket '{}': {}", bucket, fmt::join(changes, ", "));
  }
}

} // namespace

std::string artifact_prefix(const config::Config& config)
{
  return fmt::format("slam/{}/", config.name);
}

std::string artifact_key(const config::Config& config,
                         const std::string& sha256)
{
  return fmt::format("{}{}.zip", artifact_prefix(config), sha256);
}

std::string template_prefix(const config::Config& config)
{
  return artifact_prefix(config) + "templates/";
}

std::string template_key(const config::Config& config,
                         const std::string& sha256)
{
  return fmt::format("{}{}.json", template_prefix(config), sha256);
}

std::string template_url(const std::string& bucket,
                         const std::string& key,
                         const std::string& region,
                         bool custom_endpoint)
{
  if (custom_endpoint) {
    return fmt::format("https://{}.s3.amazonaws.com/{}", bucket, key);
  }
  auto domain =
      region.starts_with("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  // A dotted bucket name does not match S3's TLS certificate as a host
  // name, so it goes in the path.
  if (bucket.find('.') != std::string::npos) {
    return fmt::format("https://s3.{}.{}/{}/{}", region, domain, bucket, key);
  }
  return fmt::format("https://{}.s3.{}.{}/{}", bucket, region, domain, key);
}

void check_template_size(const std::string& body)
{
  if (body.size() > k_max_template) {
    throw Error(fmt::format("the template is {} bytes, over CloudFormation's "
                            "limit of {}; move resources out of "
                            "aws.cfn_resources into a stack of their own",
                            body.size(),
                            k_max_template));
  }
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

std::string place_template(aws::Session& session,
                           const config::Config& config,
                           const std::string& bucket,
                           const std::string& body,
                           aws::StackRequest& request)
{
  if (body.size() <= k_max_inline_template) {
    request.template_body = body;
    request.template_url.clear();
    return "";
  }
  check_template_size(body);
  auto key = template_key(config, util::sha256_hex(body));
  aws::S3 s3(session);
  if (!s3.head_object(bucket, key)) {
    // Only `deploy --plan` gets here before the bucket is made.
    if (!s3.bucket_exists(bucket)) {
      throw Error(fmt::format("the template is {} bytes, over "
                              "CloudFormation's inline limit of {}, and goes "
                              "through bucket '{}', which does not exist yet; "
                              "run 'slam deploy' without --plan first",
                              body.size(),
                              k_max_inline_template,
                              bucket));
    }
    util::notef("uploading the template ({} bytes, over the inline limit of "
                "{}) to s3://{}/{}",
                body.size(),
                k_max_inline_template,
                bucket,
                key);
    s3.put_object_content(bucket, key, body, "application/json");
  }
  request.template_body.clear();
  request.template_url = template_url(
      bucket, key, session.region(), session.endpoint("s3").custom);
  return key;
}

bool ensure_bucket(aws::S3& s3,
                   const std::string& bucket,
                   const std::string& project,
                   const BucketSafety& safety)
{
  if (s3.bucket_exists(bucket)) {
    if (made_for(s3, bucket, project)) {
      report_safety_changes(bucket, secure_bucket(s3, bucket, safety));
    }
    return false;
  }
  util::notef("creating bucket '{}'", bucket);
  s3.create_bucket(bucket);
  try {
    s3.put_bucket_tags(bucket, {{k_created_by_tag, project}});
  } catch (const aws::AwsError& error) {
    // Without the tag the bucket is only kept at delete, never lost.
    util::warn(fmt::format("could not tag bucket '{}' as created by Slam "
                           "({}); 'slam delete' will leave it in place",
                           bucket,
                           error.what()));
  }
  report_safety_changes(bucket, secure_bucket(s3, bucket, safety));
  if (!safety.tls_only_policy) {
    util::notef("bucket '{}' gets no policy denying requests without TLS: "
                "the S3 endpoint is plain http, so Slam's own requests "
                "would be denied",
                bucket);
  }
  return true;
}

bool created_by_slam(aws::S3& s3,
                     const std::string& bucket,
                     const std::string& project)
{
  auto tags = s3.bucket_tags(bucket);
  auto it = tags.find(k_created_by_tag);
  return it != tags.end() && it->second == project;
}

} // namespace slam::deploy
