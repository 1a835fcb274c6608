#pragma once

#include "slam/aws/ini.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace slam::aws {

// Where the profile name came from; the AWS CLI treats each differently.
enum class ProfileOrigin { option, environment, fallback };

// The shared credentials and config files, read once per run.
struct SharedFiles
{
  IniFile credentials;
  IniFile config;
  std::string credentials_shown; // as shown to the user: "~/.aws/..."
  std::string config_shown;
  bool credentials_exists = false;
  bool config_exists = false;
};

// One profile of the shared credentials and config files.
struct Profile
{
  std::string name;
  ProfileOrigin origin = ProfileOrigin::fallback;
  IniSection from_credentials_file; // [NAME] there
  IniSection from_config_file;      // [profile NAME] or [default] there
  std::string credentials_file;     // as shown to the user: "~/.aws/..."
  std::string config_file;
  bool in_credentials_file = false; // whether that file has its section
  bool in_config_file = false;
  // The files it was read from, where its source_profile and sso_session
  // are looked up.
  std::shared_ptr<const SharedFiles> files;

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

// Return the profile NAME of FILES, nothing when neither file has it.
std::optional<Profile> find_profile(std::shared_ptr<const SharedFiles> files,
                                    const std::string& name);

// Return the [sso-session NAME] section of the config file, if any.
const IniSection* find_sso_session(const SharedFiles& files,
                                   const std::string& name);

// Return the user's home folder: HOME, else the password database's.
std::filesystem::path home_dir();

} // namespace slam::aws
