#pragma once

#include "slam/aws/s3.hpp"
#include "slam/config/config.hpp"

#include <filesystem>
#include <string>

namespace slam::deploy {

// Return the S3 key of a package: content-addressed, so the same package
// is uploaded once and a key never changes meaning.
std::string artifact_key(const config::Config& config,
                         const std::string& sha256);

// Return the key prefix under which this project's packages live.
std::string artifact_prefix(const config::Config& config);

// Upload PACKAGE to BUCKET/KEY unless that object already exists; return
// true when it was uploaded.
bool upload_artifact(aws::S3& s3,
                     const std::string& bucket,
                     const std::string& key,
                     const std::filesystem::path& package);

// Create BUCKET when it does not exist; return true when it was created.
bool ensure_bucket(aws::S3& s3, const std::string& bucket);

} // namespace slam::deploy
