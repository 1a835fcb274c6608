#include "aws_test_support.hpp"
#include "slam/aws/credentials.hpp"
#include "slam/aws/instance_metadata.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/role_credentials.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

class RoleCredentials : public slam::aws::testing::AwsEnvTest
{
protected:
  // Return the message of the error that resolving profile NAME throws;
  // every case here fails before any request.
  std::string error_of(const std::string& name)
  {
    try {
      resolve_credentials(load_profile(name));
    } catch (const slam::Error& error) {
      return error.what();
    }
    return "no error";
  }

  void write_config(const std::string& text)
  {
    write_home_file(".aws/config", text);
  }
};

} // namespace

// Every setting of a role profile is read; both files count.
TEST_F(RoleCredentials, reads_the_role_settings)
{
  write_config("[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\n"
               "source_profile = base\nexternal_id = ext-1\n"
               "role_session_name = me\nmfa_serial = arn:aws:iam::1:mfa/me\n"
               "duration_seconds = 3600\n");
  auto settings = role_settings(load_profile("admin"));
  EXPECT_EQ(settings.role_arn, "arn:aws:iam::1:role/admin");
  EXPECT_EQ(settings.source_profile, "base");
  EXPECT_EQ(settings.credential_source, "");
  EXPECT_EQ(settings.external_id, "ext-1");
  EXPECT_EQ(settings.session_name, "me");
  EXPECT_EQ(settings.mfa_serial, "arn:aws:iam::1:mfa/me");
  EXPECT_EQ(settings.duration_seconds, 3600);
}

// A role needs exactly one source of credentials, a known
// credential_source and a duration STS accepts.
TEST_F(RoleCredentials, contradictory_settings_are_usage_errors)
{
  write_config("[profile both]\nrole_arn = r\nsource_profile = x\n"
               "credential_source = Environment\n"
               "[profile neither]\nrole_arn = r\n"
               "[profile odd]\nrole_arn = r\ncredential_source = Laptop\n"
               "[profile long]\nrole_arn = r\nsource_profile = x\n"
               "duration_seconds = 86400\n");
  EXPECT_EQ(error_of("both"),
            "profile 'both' has a role_arn and both of source_profile and "
            "credential_source; it needs exactly one");
  EXPECT_EQ(error_of("neither"),
            "profile 'neither' has a role_arn and neither of source_profile "
            "and credential_source; it needs exactly one");
  EXPECT_EQ(error_of("odd"),
            "profile 'odd' has credential_source 'Laptop'; slam knows "
            "Environment, EcsContainer and Ec2InstanceMetadata");
  EXPECT_EQ(error_of("long"),
            "profile 'long' has duration_seconds '86400'; it must be a number "
            "of seconds from 900 to 43200");
  EXPECT_THROW(role_settings(load_profile("odd")), slam::UsageError);
}

// A chain of source profiles that comes back is refused before any call.
TEST_F(RoleCredentials, source_profile_loop_is_refused)
{
  write_config("[profile a]\nrole_arn = arn:a\nsource_profile = b\n"
               "[profile b]\nrole_arn = arn:b\nsource_profile = c\n"
               "[profile c]\nrole_arn = arn:c\nsource_profile = a\n"
               "[profile self]\nrole_arn = arn:s\nsource_profile = self\n");
  EXPECT_EQ(error_of("a"),
            "the source_profile settings make a loop: a -> b -> c -> a");
  EXPECT_EQ(error_of("self"),
            "the source_profile settings make a loop: self -> self");
}

// A source profile must exist and hold credentials.
TEST_F(RoleCredentials, source_profile_must_exist_and_hold_credentials)
{
  write_config("[profile lost]\nrole_arn = arn:l\nsource_profile = nowhere\n"
               "[profile bare]\nrole_arn = arn:b\nsource_profile = empty\n"
               "[profile empty]\nregion = eu-west-1\n");
  EXPECT_EQ(error_of("lost"),
            "profile 'lost' has source_profile 'nowhere', which is in neither "
            "~/.aws/credentials nor ~/.aws/config");
  EXPECT_EQ(error_of("bare"),
            "source_profile 'empty' of profile 'bare' has no credentials; "
            "~/.aws/credentials: no such file; ~/.aws/config: [profile empty] "
            "has no aws_access_key_id, role_arn, credential_process or sso_* "
            "settings");
}

// credential_source = Environment needs the environment's keys, and the
// instance metadata service is refused when it is disabled.
TEST_F(RoleCredentials, credential_source_must_deliver)
{
  write_config("[profile env]\nrole_arn = r\ncredential_source = Environment\n"
               "[profile ecs]\nrole_arn = r\ncredential_source = EcsContainer\n"
               "[profile ec2]\nrole_arn = r\n"
               "credential_source = Ec2InstanceMetadata\n");
  EXPECT_EQ(error_of("env"),
            "profile 'env' sets credential_source = Environment, but the "
            "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are "
            "not set");
  EXPECT_EQ(error_of("ecs"),
            "profile 'ecs' sets credential_source = EcsContainer, but "
            "container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI "
            "and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set");
  set_env("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1");
  set_env("AWS_EC2_METADATA_DISABLED", "TRUE");
  EXPECT_EQ(error_of("ec2"),
            "profile 'ec2' sets credential_source = Ec2InstanceMetadata, but "
            "AWS_EC2_METADATA_DISABLED is true");
}

// A profile that names the metadata service gets its well-known address,
// as with the AWS CLI, unless an endpoint is set. Only the address is
// asked for here: no test reaches it.
TEST_F(RoleCredentials, instance_metadata_endpoint_defaults_to_the_service)
{
  write_config("[profile ec2]\nrole_arn = r\n"
               "credential_source = Ec2InstanceMetadata\n"
               "[profile six]\nrole_arn = r\n"
               "credential_source = Ec2InstanceMetadata\n"
               "ec2_metadata_service_endpoint_mode = IPv6\n"
               "[profile named]\nrole_arn = r\n"
               "credential_source = Ec2InstanceMetadata\n"
               "ec2_metadata_service_endpoint = http://127.0.0.1:9/\n");
  set_env("AWS_EC2_METADATA_DISABLED", "false");
  EXPECT_EQ(slam::aws::instance_metadata_endpoint(load_profile("ec2")),
            "http://169.254.169.254/");
  EXPECT_EQ(slam::aws::instance_metadata_endpoint(load_profile("six")),
            "http://[fd00:ec2::254]/");
  EXPECT_EQ(slam::aws::instance_metadata_endpoint(load_profile("named")),
            "http://127.0.0.1:9/");
  set_env("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:8/");
  EXPECT_EQ(slam::aws::instance_metadata_endpoint(load_profile("ec2")),
            "http://127.0.0.1:8/");
  set_env("AWS_EC2_METADATA_DISABLED", "true");
  EXPECT_THROW(slam::aws::instance_metadata_endpoint(load_profile("ec2")),
               slam::UsageError);
}
