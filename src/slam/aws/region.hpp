#pragma once

#include <string>

namespace slam::aws {

struct Profile;

// Return the region: OPTION (--region), else AWS_REGION, else
// AWS_DEFAULT_REGION, else the profile's `region`, else CONFIG_REGION
// (aws.region in slam.yaml). Throw slam::UsageError when none is set or
// the chosen one is not a region name.
std::string resolve_region(const std::string& option,
                           const Profile& profile,
                           const std::string& config_region);

// Return the ARN partition of REGION: aws-cn for China, aws-us-gov for
// GovCloud, aws elsewhere.
std::string partition_of(const std::string& region);

} // namespace slam::aws
