#pragma once

#include "slam/aws/s3_xml.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slam::aws {

class Session;
struct ServiceRequest;

// One of a bucket's configuration subresources (`?publicAccessBlock`...):
// the query that names it, its Get and Put operations, and the error code
// S3 answers when the bucket has none.
struct BucketSubresource
{
  const char* query;
  const char* get_operation;
  const char* put_operation;
  const char* missing_code;
};

inline constexpr BucketSubresource k_public_access_block = {
    "publicAccessBlock",
    "GetPublicAccessBlock",
    "PutPublicAccessBlock",
    "NoSuchPublicAccessBlockConfiguration"};
inline constexpr BucketSubresource k_ownership_controls = {
    "ownershipControls",
    "GetBucketOwnershipControls",
    "PutBucketOwnershipControls",
    "OwnershipControlsNotFoundError"};
inline constexpr BucketSubresource k_bucket_encryption = {
    "encryption",
    "GetBucketEncryption",
    "PutBucketEncryption",
    "ServerSideEncryptionConfigurationNotFoundError"};
inline constexpr BucketSubresource k_bucket_policy = {
    "policy", "GetBucketPolicy", "PutBucketPolicy", "NoSuchBucketPolicy"};

// What HeadObject tells about an object.
struct ObjectInfo
{
  std::uintmax_t size = 0;
  std::string etag; // without quotes
  std::string content_type;
  std::map<std::string, std::string> metadata; // x-amz-meta-NAME, by NAME
};

// The S3 API (REST-XML protocol). Buckets are addressed virtual-hosted
// style on AWS and path style on a custom endpoint (moto, LocalStack).
class S3
{
public:
  explicit S3(Session& session) : m_session(session) {}

  // Return whether BUCKET exists and is reachable (HeadBucket); throw for
  // any answer but found or not found.
  bool bucket_exists(const std::string& bucket);

  // Create BUCKET in the session's region; a bucket that is already ours
  // is fine.
  void create_bucket(const std::string& bucket);

  // Return what is known of BUCKET/KEY, or nothing when it does not exist.
  std::optional<ObjectInfo> head_object(const std::string& bucket,
                                        const std::string& key);

  // Upload FILE to BUCKET/KEY, streaming it from disk.
  void put_object(const std::string& bucket,
                  const std::string& key,
                  const std::filesystem::path& file,
                  const std::string& content_type = "application/zip");

  // Upload CONTENT to BUCKET/KEY from memory.
  void put_object_content(const std::string& bucket,
                          const std::string& key,
                          const std::string& content,
                          const std::string& content_type);

  // Delete BUCKET/KEY; a missing key is fine, as in S3.
  void delete_object(const std::string& bucket, const std::string& key);

  // Return every key of BUCKET that starts with PREFIX, in S3's order,
  // asking for PAGE_SIZE keys at a time.
  std::vector<std::string> list_keys(const std::string& bucket,
                                     const std::string& prefix = "",
                                     int page_size = 1000);

  // Return every object of BUCKET whose key starts with PREFIX, in S3's
  // order, asking for PAGE_SIZE objects at a time.
  std::vector<ObjectSummary> list_objects(const std::string& bucket,
                                          const std::string& prefix = "",
                                          int page_size = 1000);

  // Delete BUCKET, which must be empty (one that an attempt whose answer
  // was lost deleted is no error).
  void delete_bucket(const std::string& bucket);

  // Return the tags of BUCKET by key; none when it has no tag set.
  std::map<std::string, std::string> bucket_tags(const std::string& bucket);

  // Replace the tags of BUCKET with TAGS.
  void put_bucket_tags(const std::string& bucket,
                       const std::map<std::string, std::string>& tags);

  // Return the document of BUCKET's SUBRESOURCE (XML, or JSON for the
  // policy), or nothing when the bucket has none.
  std::optional<std::string>
  bucket_configuration(const std::string& bucket,
                       const BucketSubresource& subresource);

  // Replace BUCKET's SUBRESOURCE with DOCUMENT.
  void put_bucket_configuration(const std::string& bucket,
                                const BucketSubresource& subresource,
                                const std::string& document);

private:
  // Return a request for OPERATION on BUCKET (and KEY, when not empty).
  ServiceRequest request(const char* operation,
                         const char* method,
                         const std::string& bucket,
                         const std::string& key = "");

  Session& m_session;
};

} // namespace slam::aws
