#pragma once

#include "slam/aws/s3.hpp"

#include <string>
#include <vector>

namespace slam::deploy {

// What securing a bucket needs to know of where it is.
struct BucketSafety
{
  std::string partition = "aws"; // of the bucket's ARN in its policy
  // Whether to add the policy that denies requests without TLS. Slam's own
  // requests to a plain-http endpoint (a local emulator) would be denied.
  bool tls_only_policy = true;
};

// Give BUCKET those of Slam's safe defaults it lacks: all public access
// blocked, objects owned by the bucket owner (ACLs off), encryption by
// default (SSE-S3 unless it has one), and a policy statement denying
// requests without TLS. Return what was changed, for the user; throw
// slam::Error naming the call and the bucket when S3 refuses.
std::vector<std::string> secure_bucket(aws::S3& s3,
                                       const std::string& bucket,
                                       const BucketSafety& safety);

} // namespace slam::deploy
