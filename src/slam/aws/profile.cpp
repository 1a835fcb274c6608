#include "slam/aws/profile.hpp"

#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <cstdlib>
#include <fmt/core.h>
#include <pwd.h>
#include <unistd.h>

namespace slam::aws {
namespace {

// A shared file: its path and how to show it in messages.
struct SharedFile
{
  std::filesystem::path path;
  std::string shown;
};

// Return the file named by ENV_NAME (with "~/" expanded), else
// ~/.aws/DEFAULT_NAME.
SharedFile shared_file(const char* env_name, const char* default_name)
{
  const char* from_env = std::getenv(env_name);
  if (from_env == nullptr || *from_env == '\0') {
    return {home_dir() / ".aws" / default_name,
            fmt::format("~/.aws/{}", default_name)};
  }
  std::string path = from_env;
  if (path == "~" || path.starts_with("~/")) {
    path = home_dir().string() + path.substr(1);
  }
  return {path, from_env};
}

// Read FILE into INI; return whether it exists.
bool load_ini(const SharedFile& file, IniFile& ini)
{
  std::error_code error;
  if (!std::filesystem::is_regular_file(file.path, error)) {
    return false;
  }
  ini = parse_ini(util::read_file(file.path), file.shown);
  return true;
}

std::shared_ptr<const SharedFiles> load_shared_files()
{
  auto files = std::make_shared<SharedFiles>();
  auto credentials = shared_file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
  auto config = shared_file("AWS_CONFIG_FILE", "config");
  files->credentials_shown = credentials.shown;
  files->config_shown = config.shown;
  files->credentials_exists = load_ini(credentials, files->credentials);
  files->config_exists = load_ini(config, files->config);
  return files;
}

// Return the section of NAME in FILE, if any.
const IniSection* find_section(const IniFile& file, const std::string& name)
{
  if (auto it = file.find(name); it != file.end()) {
    return &it->second;
  }
  return nullptr;
}

// The config file writes "[profile NAME]", and "[default]" for the
// default profile.
const IniSection* find_config_section(const IniFile& file,
                                      const std::string& name)
{
  if (auto* section = find_section(file, "profile " + name)) {
    return section;
  }
  return name == "default" ? find_section(file, name) : nullptr;
}

// Return the profile NAME of FILES, whether or not they hold it.
Profile read_profile(std::shared_ptr<const SharedFiles> files,
                     const std::string& name)
{
  Profile profile;
  profile.name = name;
  profile.credentials_file = files->credentials_shown;
  profile.config_file = files->config_shown;
  if (auto* section = find_section(files->credentials, name)) {
    profile.from_credentials_file = *section;
    profile.in_credentials_file = true;
  }
  if (auto* section = find_config_section(files->config, name)) {
    profile.from_config_file = *section;
    profile.in_config_file = true;
  }
  profile.files = std::move(files);
  return profile;
}

} // namespace

std::filesystem::path home_dir()
{
  if (const char* home = std::getenv("HOME"); home != nullptr && *home) {
    return home;
  }
  if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr) {
    return entry->pw_dir;
  }
  return ".";
}

std::optional<std::string> Profile::value(const std::string& key) const
{
  for (const auto* section : {&from_credentials_file, &from_config_file}) {
    if (auto it = section->find(key); it != section->end()) {
      return it->second;
    }
  }
  return std::nullopt;
}

Profile load_profile(const std::string& profile_option)
{
  std::string name = "default";
  auto origin = ProfileOrigin::fallback;
  const char* from_env = std::getenv("AWS_PROFILE");
  if (!profile_option.empty()) {
    name = profile_option;
    origin = ProfileOrigin::option;
  } else if (from_env != nullptr && *from_env != '\0') {
    name = from_env;
    origin = ProfileOrigin::environment;
  }
  auto profile = read_profile(load_shared_files(), name);
  profile.origin = origin;
  if (!profile.in_credentials_file && !profile.in_config_file &&
      origin != ProfileOrigin::fallback) {
    throw UsageError(fmt::format(
        "profile '{}' (from {}) not found in {} or {}",
        name,
        origin == ProfileOrigin::option ? "--profile" : "AWS_PROFILE",
        profile.credentials_file,
        profile.config_file));
  }
  return profile;
}

std::optional<Profile> find_profile(std::shared_ptr<const SharedFiles> files,
                                    const std::string& name)
{
  auto profile = read_profile(std::move(files), name);
  if (!profile.in_credentials_file && !profile.in_config_file) {
    return std::nullopt;
  }
  return profile;
}

const IniSection* find_sso_session(const SharedFiles& files,
                                   const std::string& name)
{
  return find_section(files.config, "sso-session " + name);
}

} // namespace slam::aws
