#pragma once

#include "slam/aws/s3.hpp"
#include "slam/aws/stack.hpp"
#include "slam/config/config.hpp"
#include "slam/deploy/bucket_safety.hpp"

#include <cstddef>
#include <filesystem>
#include <string>

namespace slam::deploy {

// CloudFormation takes at most this many bytes of TemplateBody...
inline constexpr std::size_t k_max_inline_template = 51'200;

// ...and at most this many from a TemplateURL.
inline constexpr std::size_t k_max_template = 1'048'576;

// The bucket tag that records which project made a bucket, so that delete
// removes only buckets Slam created.
inline constexpr const char* k_created_by_tag = "slam:created-by";

// Return the S3 key of a package: content-addressed, so the same package
// is uploaded once and a key never changes meaning.
std::string artifact_key(const config::Config& config,
                         const std::string& sha256);

// Return the key prefix under which this project's packages live.
std::string artifact_prefix(const config::Config& config);

// Return the S3 key of a template too large to pass inline.
std::string template_key(const config::Config& config,
                         const std::string& sha256);

// Return the key prefix under which this project's templates live.
std::string template_prefix(const config::Config& config);

// Return the URL CloudFormation reads BUCKET/KEY from: the regional S3
// host of REGION, or the global one with a custom endpoint, as moto and
// LocalStack serve their own store under that name.
std::string template_url(const std::string& bucket,
                         const std::string& key,
                         const std::string& region,
                         bool custom_endpoint);

// Throw slam::Error when the template BODY is larger than CloudFormation
// accepts even from S3.
void check_template_size(const std::string& body);

// Upload PACKAGE to BUCKET/KEY unless that object already exists; return
// true when it was uploaded.
bool upload_artifact(aws::S3& s3,
                     const std::string& bucket,
                     const std::string& key,
                     const std::filesystem::path& package);

// Put the template BODY into REQUEST: inline when it fits, else uploaded to
// BUCKET and passed as TemplateURL. Return the key uploaded, or "" when
// the template went inline.
std::string place_template(aws::Session& session,
                           const config::Config& config,
                           const std::string& bucket,
                           const std::string& body,
                           aws::StackRequest& request);

// Create BUCKET when it does not exist and tag it as made for PROJECT;
// give a bucket Slam made for PROJECT the safe defaults it lacks
// (secure_bucket), and leave any other bucket as its owner set it. Return
// true when it was created.
bool ensure_bucket(aws::S3& s3,
                   const std::string& bucket,
                   const std::string& project,
                   const BucketSafety& safety);

// Return true when BUCKET carries the tag of a bucket Slam created for
// PROJECT.
bool created_by_slam(aws::S3& s3,
                     const std::string& bucket,
                     const std::string& project);

} // namespace slam::deploy
