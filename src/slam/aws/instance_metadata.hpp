#pragma once

#include "slam/aws/credentials.hpp"

namespace slam::aws {

struct Profile;

// Return the credentials of the instance's IAM role from the EC2 instance
// metadata service (IMDSv2: a session token first), for PROFILE's
// credential_source = Ec2InstanceMetadata. Only at the endpoint named by
// AWS_EC2_METADATA_SERVICE_ENDPOINT or the profile's
// ec2_metadata_service_endpoint: slam never reaches for the metadata
// address unasked. Throw slam::UsageError when no endpoint is named or
// AWS_EC2_METADATA_DISABLED is true, slam::Error when the service fails.
Credentials instance_metadata_credentials(const Profile& profile);

} // namespace slam::aws
