#pragma once

// The documents of the bucket settings Slam insists on for the buckets it
// creates, and readers that tell whether a bucket already has them. The
// shapes are those of S3's REST-XML API (PutPublicAccessBlock,
// PutBucketOwnershipControls, PutBucketEncryption) and its JSON policy.

#include <optional>
#include <string>
#include <string_view>

namespace slam::aws {

// The Sid of the bucket policy statement that denies requests without TLS.
inline constexpr std::string_view k_tls_only_sid = "SlamDenyInsecureTransport";

// Return the PublicAccessBlockConfiguration that turns on all four blocks.
std::string public_access_block_xml();

// Return whether the GetPublicAccessBlock answer turns on all four blocks.
bool blocks_all_public_access(std::string_view xml);

// Return the OwnershipControls that make the bucket owner own every object
// (BucketOwnerEnforced, which also turns ACLs off).
std::string owner_enforced_xml();

// Return whether the GetBucketOwnershipControls answer is BucketOwnerEnforced.
bool enforces_bucket_owner(std::string_view xml);

// Return the ServerSideEncryptionConfiguration of SSE-S3 (AES256).
std::string default_encryption_xml();

// Return whether the GetBucketEncryption answer encrypts new objects with
// any algorithm (a KMS key the owner chose is kept).
bool encrypts_by_default(std::string_view xml);

// Return whether POLICY (JSON) holds Slam's statement that denies requests
// without TLS.
bool denies_insecure_transport(std::string_view policy);

// Return POLICY (JSON; none for a bucket without one) with Slam's statement
// that denies every request without TLS to BUCKET and its objects added,
// the other statements kept. Throw slam::Error when POLICY is not a policy
// document.
std::string with_tls_only_statement(const std::optional<std::string>& policy,
                                    const std::string& bucket,
                                    const std::string& partition);

} // namespace slam::aws
