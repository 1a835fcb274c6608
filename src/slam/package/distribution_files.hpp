#pragma once

#include "slam/package/distribution.hpp"
#include "slam/package/file_stamp.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace slam::package {

// A file of a distribution and where it goes in the package.
struct DistributionFile
{
  std::filesystem::path source{};
  std::string path{}; // relative, '/'-separated
  bool executable = false;
  FileStamp stamp{}; // when it was listed

  // Equal when they name the same file the same way (see PackageFile).
  bool operator==(const DistributionFile& other) const
  {
    return source == other.source && path == other.path;
  }
};

// Return the files of DISTRIBUTION that go into the package: the existing
// RECORD entries inside its site-packages folder, without bytecode (scripts
// in ../../bin and other files outside that folder stay out). Throw
// slam::Error naming ENVIRONMENT when it has no RECORD.
std::vector<DistributionFile>
distribution_files(const Distribution& distribution,
                   const std::string& environment);

// Return the files of each of DISTRIBUTIONS as above, one after another.
std::vector<DistributionFile>
distribution_files(const std::vector<Distribution>& distributions,
                   const std::string& environment);

} // namespace slam::package
