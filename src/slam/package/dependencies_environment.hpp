#pragma once

#include <filesystem>
#include <string>

namespace slam::package {

// Which requirements to take from an existing Python environment.
struct EnvironmentRequest
{
  std::string environment{}; // as configured: a virtualenv or interpreter
  std::filesystem::path project_dir{};
  std::filesystem::path requirements{}; // the requirements file
  std::string requirements_name{};      // as configured, for messages
  std::string runtime{};                // "python3.12"
  std::string architecture{};           // "x86_64" or "arm64"
  bool use_packaging = true;            // see EnvironmentQuery::use_packaging
};

// Return a folder holding the distributions the requirements need, with
// their dependencies, copied from the environment (and nothing else of
// it), taken from the cache under CACHE_ROOT unless REBUILD. Throw
// slam::Error naming a requirement the environment lacks. Set *REUSED, when
// given, to whether the cache had the copy.
std::filesystem::path
copy_from_environment(const EnvironmentRequest& request,
                      const std::filesystem::path& cache_root,
                      bool rebuild,
                      bool* reused = nullptr);

} // namespace slam::package
