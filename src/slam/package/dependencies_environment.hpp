#pragma once

#include "slam/package/dependencies.hpp"

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

// Return the distributions the requirements need, with their
// dependencies, as the environment has them: their files are read in
// place, not copied. Throw slam::Error naming a requirement the
// environment lacks, or every one whose installed version it does not
// allow.
Dependencies environment_dependencies(const EnvironmentRequest& request);

} // namespace slam::package
