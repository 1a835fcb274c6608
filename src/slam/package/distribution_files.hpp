#pragma once

#include "slam/package/distribution.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace slam::package {

// A file of a distribution and where it goes in the package.
struct DistributionFile
{
  std::filesystem::path source{};
  std::string path{}; // relative, '/'-separated

  bool operator==(const DistributionFile&) const = default;
};

// Return the files of DISTRIBUTION that go into the package: the existing
// RECORD entries inside its site-packages folder, without bytecode (scripts
// in ../../bin and other files outside that folder stay out). Throw
// slam::Error naming ENVIRONMENT when it has no RECORD.
std::vector<DistributionFile>
distribution_files(const Distribution& distribution,
                   const std::string& environment);

} // namespace slam::package
