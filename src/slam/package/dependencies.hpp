#pragma once

#include <filesystem>

namespace slam::config {
struct Config;
}

namespace slam::package {

// How to get the project's requirements.
struct DependencyOptions
{
  bool rebuild = false; // ignore the dependency cache
};

// Return a folder whose whole content goes at the package root: the
// installed requirements of CONFIG (an empty folder when there are none).
std::filesystem::path prepare_dependencies(const config::Config& config,
                                           const DependencyOptions& options);

} // namespace slam::package
