#pragma once

#include "slam/config/config.hpp"
#include "slam/package/dependency_origins.hpp"
#include "slam/package/project_files.hpp"

#include <filesystem>
#include <optional>
#include <vector>

namespace slam::package {

// How to prepare the dependencies.
struct DependencyOptions
{
  bool rebuild = false; // ignore the dependency cache
};

// The files that go at the zip root besides the project's, and the
// distribution each comes from.
struct Dependencies
{
  std::vector<PackageFile> files{}; // sorted by path
  DependencyOrigins origins{};
  // Whether they came from the dependency cache; nullopt when no cache
  // is involved (no requirements, or taken from a python environment).
  std::optional<bool> reused{};
};

// Return the dependencies of CONFIG (none when the project has no
// requirements file): the project's requirements installed by pip for the
// Lambda platform into a cache folder, or read in place from
// package.python_environment when that is set. Throw slam::Error when they
// cannot be had.
Dependencies prepare_dependencies(const config::Config& config,
                                  const DependencyOptions& options);

// Return the whole content of FOLDER as dependencies, with the origins
// its RECORD files give.
Dependencies folder_dependencies(const std::filesystem::path& folder);

} // namespace slam::package
