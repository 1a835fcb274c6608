#include "slam/package/distribution_files.hpp"

#include "slam/package/dependency_origins.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

// True for a path that leaves the site-packages folder or is bytecode,
// which the runtime writes itself when it needs it. PATH is ENTRY
// normalised.
bool is_left_out(std::string_view entry, const fs::path& path)
{
  if (is_normal_relative(entry)) {
    // Segment by segment without a path's parsing.
    while (true) {
      auto slash = entry.find('/');
      auto segment = entry.substr(0, slash);
      if (segment == "__pycache__") {
        return true;
      }
      if (slash == std::string_view::npos) {
        return segment.size() > 4 && segment.ends_with(".pyc");
      }
      entry.remove_prefix(slash + 1);
    }
  }
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

// Return FOLDER / PATH, with one string copy when PATH is relative:
// operator/ parses both again.
fs::path appended(const fs::path& folder, const fs::path& path)
{
  const auto& base = folder.native();
  if (path.is_absolute() || base.empty()) {
    return folder / path;
  }
  std::string joined;
  joined.reserve(base.size() + 1 + path.native().size());
  joined += base;
  if (base.back() != '/') {
    joined += '/';
  }
  joined += path.native();
  return joined;
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
  files.reserve(distribution.files->size());
  for (const auto& entry : *distribution.files) {
    auto path = is_normal_relative(entry) ? fs::path(entry)
                                          : fs::path(entry).lexically_normal();
    if (is_left_out(entry, path)) {
      continue;
    }
    auto source = appended(distribution.location, path);
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
