#include "slam/aws/profile.hpp"

#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/core.h>
#include <pwd.h>
#include <unistd.h>

namespace slam::aws {
namespace {

std::string home_dir()
{
  if (const char* home = std::getenv("HOME"); home != nullptr && *home) {
    return home;
  }
  if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr) {
    return entry->pw_dir;
  }
  return ".";
}

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
    return {std::filesystem::path(home_dir()) / ".aws" / default_name,
            fmt::format("~/.aws/{}", default_name)};
  }
  std::string path = from_env;
  if (path == "~" || path.starts_with("~/")) {
    path = home_dir() + path.substr(1);
  }
  return {path, from_env};
}

IniFile load_ini(const SharedFile& file)
{
  std::error_code error;
  if (!std::filesystem::is_regular_file(file.path, error)) {
    return {};
  }
  return parse_ini(util::read_file(file.path), file.shown);
}

// Return the section of NAME in FILE, if any; the config file writes
// "[profile NAME]" except for "[default]".
const IniSection* find_section(const IniFile& file, const std::string& name)
{
  if (auto it = file.find(name); it != file.end()) {
    return &it->second;
  }
  return nullptr;
}

const IniSection* find_config_section(const IniFile& file,
                                      const std::string& name)
{
  if (auto* section = find_section(file, "profile " + name)) {
    return section;
  }
  return name == "default" ? find_section(file, name) : nullptr;
}

} // namespace

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
  Profile profile;
  const char* from_env = std::getenv("AWS_PROFILE");
  if (!profile_option.empty()) {
    profile.name = profile_option;
    profile.origin = ProfileOrigin::option;
  } else if (from_env != nullptr && *from_env != '\0') {
    profile.name = from_env;
    profile.origin = ProfileOrigin::environment;
  } else {
    profile.name = "default";
  }
  auto credentials = shared_file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
  auto config = shared_file("AWS_CONFIG_FILE", "config");
  profile.credentials_file = credentials.shown;
  profile.config_file = config.shown;
  auto credentials_ini = load_ini(credentials);
  auto config_ini = load_ini(config);
  auto* in_credentials = find_section(credentials_ini, profile.name);
  auto* in_config = find_config_section(config_ini, profile.name);
  if (in_credentials == nullptr && in_config == nullptr &&
      profile.origin != ProfileOrigin::fallback) {
    throw UsageError(fmt::format(
        "profile '{}' (from {}) not found in {} or {}",
        profile.name,
        profile.origin == ProfileOrigin::option ? "--profile" : "AWS_PROFILE",
        credentials.shown,
        config.shown));
  }
  if (in_credentials != nullptr) {
    profile.from_credentials_file = *in_credentials;
  }
  if (in_config != nullptr) {
    profile.from_config_file = *in_config;
  }
  return profile;
}

} // namespace slam::aws
