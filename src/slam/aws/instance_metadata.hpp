#pragma once

#include "slam/aws/credentials.hpp"

#include <string>

namespace slam::aws {

struct Profile;

// Return the credentials of the instance's IAM role from the EC2 instance
// metadata service (IMDSv2: a session token first), for PROFILE's
// credential_source = Ec2InstanceMetadata: slam never reaches for the
// service unless a profile names it. Throw slam::UsageError when
// AWS_EC2_METADATA_DISABLED is true, slam::Error when the service fails.
Credentials instance_metadata_credentials(const Profile& profile);

// Return the root URL (ending with '/') of the metadata service for
// PROFILE: AWS_EC2_METADATA_SERVICE_ENDPOINT, else the profile's
// ec2_metadata_service_endpoint, else the service's well-known address
// (IPv4, or IPv6 when ec2_metadata_service_endpoint_mode is IPv6). Throw
// slam::UsageError when AWS_EC2_METADATA_DISABLED is true.
std::string instance_metadata_endpoint(const Profile& profile);

} // namespace slam::aws
