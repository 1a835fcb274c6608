#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace slam::package {

// A dependency of an installed distribution, its marker already evaluated
// for the Lambda platform.
struct Dependency
{
  std::string name{};                // normalised
  std::vector<std::string> extras{}; // normalised
  // The extras of the depending distribution that bring it in; {""} when
  // it is always needed.
  std::vector<std::string> when{};

  bool operator==(const Dependency&) const = default;
};

// A distribution installed in a Python environment.
struct Distribution
{
  std::string name{}; // as in its metadata
  std::string version{};
  std::filesystem::path location{}; // the site-packages folder holding it
  // Its installed files from RECORD, relative to LOCATION; nullopt when it
  // has no such list.
  std::optional<std::vector<std::string>> files{};
  std::vector<Dependency> dependencies{};

  bool operator==(const Distribution&) const = default;
};

} // namespace slam::package
