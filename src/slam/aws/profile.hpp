#pragma once

#include "slam/aws/ini.hpp"

#include <optional>
#include <string>

namespace slam::aws {

// Where the profile name came from; the AWS CLI treats each differently.
enum class ProfileOrigin { option, environment, fallback };

// One profile of the shared credentials and config files.
struct Profile
{
  std::string name;
  ProfileOrigin origin = ProfileOrigin::fallback;
  IniSection from_credentials_file; // [NAME] there
  IniSection from_config_file;      // [profile NAME] or [default] there
  std::string credentials_file;     // as shown to the user: "~/.aws/..."
  std::string config_file;

  // Return the setting KEY, the credentials file winning over the config
  // file, as the AWS CLI merges them.
  std::optional<std::string> value(const std::string& key) const;
};

// Return the profile named by PROFILE_OPTION (--profile), else by
// AWS_PROFILE, else "default", read from AWS_SHARED_CREDENTIALS_FILE and
// AWS_CONFIG_FILE (default ~/.aws/credentials and ~/.aws/config). Throw
// slam::UsageError when a profile named by the option or the environment
// is in neither file, or when a file cannot be parsed.
Profile load_profile(const std::string& profile_option);

} // namespace slam::aws
