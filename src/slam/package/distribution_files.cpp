#include "slam/package/distribution_files.hpp"

#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

// True for a path that leaves the site-packages folder or is bytecode,
// which the runtime writes itself when it needs it.
bool is_left_out(const fs::path& path)
{
  if (path.empty() || path.is_absolute()) {
    return true;
  }
  for (const auto& part : path) {
    if (part == ".." || part == "__pycache__") {
      return true;
    }
  }
  return path.extension() == ".pyc";
}

} // namespace

std::vector<DistributionFile>
distribution_files(const Distribution& distribution,
                   const std::string& environment)
{
  if (!distribution.files) {
    throw Error(fmt::format(
        "'{}' in the python environment '{}' has no list of its files "
        "(RECORD); reinstall it there with pip",
        distribution.name,
        environment));
  }
  std::vector<DistributionFile> files;
  for (const auto& entry : *distribution.files) {
    auto path = fs::path(entry).lexically_normal();
    if (is_left_out(path)) {
      continue;
    }
    auto source = distribution.location / path;
    std::error_code error;
    auto [status, stamp] = status_and_stamp(source, error);
    if (!fs::is_regular_file(status)) {
      util::debugf("'{}' lists '{}' but it is missing",
                   distribution.name,
                   source.string());
      continue;
    }
    auto exec =
        fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
    bool executable = (status.permissions() & exec) != fs::perms::none;
    files.push_back({source, path.generic_string(), executable, stamp});
  }
  return files;
}

} // namespace slam::package
