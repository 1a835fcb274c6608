#pragma once

#include "slam/config/config.hpp"

#include <filesystem>

namespace slam::package {

// How to prepare the dependencies.
struct DependencyOptions
{
  bool rebuild = false; // ignore the dependency cache
  // Set, when given, to whether the dependencies came from the cache
  // (false too when there are none).
  bool* reused = nullptr;
};

// Return a folder whose whole content goes at the zip root (an empty folder
// when the project has no requirements file): the project's requirements
// installed by pip for the Lambda platform, or copied from
// package.python_environment when that is set. Throw slam::Error when they
// cannot be had.
std::filesystem::path prepare_dependencies(const config::Config& config,
                                           const DependencyOptions& options);

} // namespace slam::package
