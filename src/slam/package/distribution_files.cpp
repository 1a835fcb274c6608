#include "slam/package/distribution_files.hpp"

#include "slam/package/build_inputs.hpp"
#include "slam/package/dependency_origins.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <thread>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

// True for a path (normalised) that leaves the site-packages folder or
// is bytecode, which the runtime writes itself when it needs it.
bool is_left_out(std::string_view path)
{
  // Normalised, a path that is not normal relative is empty, absolute or
  // starts with "..".
  if (!is_normal_relative(path)) {
    return true;
  }
  while (true) {
    auto slash = path.find('/');
    auto segment = path.substr(0, slash);
    if (segment == "__pycache__") {
      return true;
    }
    if (slash == std::string_view::npos) {
      return segment.size() > 4 && segment.ends_with(".pyc");
    }
    path.remove_prefix(slash + 1);
  }
}

// Return FOLDER/PATH, PATH being relative, with one string copy: operator/
// parses both again.
fs::path appended(const fs::path& folder, std::string_view path)
{
  const auto& base = folder.native();
  std::string joined;
  joined.reserve(base.size() + 1 + path.size());
  joined += base;
  if (!base.empty() && base.back() != '/') {
    joined += '/';
  }
  joined += path;
  return joined;
}

// A file a RECORD lists, before it is looked at.
struct Listed
{
  const Distribution* distribution;
  std::string path;
  fs::path source;
  StatusAndStamp status{};
};

// Append to LISTED the files DISTRIBUTION's RECORD lists that may go into
// the package.
void list_files(const Distribution& distribution,
                const std::string& environment,
                std::vector<Listed>& listed)
{
  if (!distribution.files) {
    throw Error(fmt::format(
        "'{}' in the python environment '{}' has no list of its files "
        "(RECORD); reinstall it there with pip",
        distribution.name,
        environment));
  }
  for (const auto& entry : *distribution.files) {
    // Almost every RECORD line is normal already: parsing each as a path
    // and normalising it cost a rebuild more than its stat().
    auto path = is_normal_relative(entry)
                    ? entry
                    : fs::path(entry).lexically_normal().generic_string();
    if (!is_left_out(path)) {
      auto source = appended(distribution.location, path);
      listed.push_back({&distribution, std::move(path), std::move(source)});
    }
  }
}

// Look at each of LISTED, on several threads when there are many: a
// stat() costs a few microseconds, and an environment has thousands of
// files.
void look_at(std::vector<Listed>& listed)
{
  constexpr std::size_t k_per_thread = 512;
  auto threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()),
                            1 + listed.size() / k_per_thread);
  auto look = [&](std::size_t part) {
    for (auto i = part; i < listed.size(); i += threads) {
      std::error_code error;
      listed[i].status = status_and_stamp(listed[i].source, error);
    }
  };
  std::vector<std::jthread> pool;
  for (std::size_t part = 1; part < threads; ++part) {
    pool.emplace_back(look, part);
  }
  look(0);
}

} // namespace

std::vector<DistributionFile>
distribution_files(const std::vector<Distribution>& distributions,
                   const std::string& environment)
{
  std::vector<Listed> listed;
  std::size_t count = 0;
  for (const auto& distribution : distributions) {
    count += distribution.files ? distribution.files->size() : 0;
  }
  listed.reserve(count);
  for (const auto& distribution : distributions) {
    list_files(distribution, environment, listed);
  }
  look_at(listed);
  std::vector<DistributionFile> files;
  files.reserve(listed.size());
  auto exec =
      fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  for (auto& file : listed) {
    const auto& [status, stamp] = file.status;
    if (!fs::is_regular_file(status)) {
      util::debugf("'{}' lists '{}' but it is missing",
                   file.distribution->name,
                   file.source.string());
      // Missing now, in the package once it is back: the next build must
      // see it come back, in a folder no build lists.
      record_exact_input(file.source, stamp);
      continue;
    }
    bool executable = (status.permissions() & exec) != fs::perms::none;
    files.push_back(
        {std::move(file.source), std::move(file.path), executable, stamp});
  }
  return files;
}

std::vector<DistributionFile>
distribution_files(const Distribution& distribution,
                   const std::string& environment)
{
  return distribution_files(std::vector<Distribution>{distribution},
                            environment);
}

} // namespace slam::package
