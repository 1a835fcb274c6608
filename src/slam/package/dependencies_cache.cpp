#include "slam/package/dependencies_cache.hpp"

#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"
#include "slam/util/process.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/core.h>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_temp_prefix = ".tmp-";
constexpr std::string_view k_old_prefix = ".old-";

fs::path work_folder(const fs::path& root,
                     std::string_view prefix,
                     const std::string& name)
{
  return root / fmt::format("{}{}-{}", prefix, ::getpid(), name);
}

// True when the folder NAME was left by a process that no longer runs.
bool is_abandoned(const std::string& name)
{
  for (auto prefix : {k_temp_prefix, k_old_prefix}) {
    if (name.starts_with(prefix)) {
      return util::is_process_gone(std::atoi(name.c_str() + prefix.size()));
    }
  }
  return false;
}

// Remove what interrupted builds left behind.
void remove_abandoned(const fs::path& root)
{
  for (const auto& item : fs::directory_iterator(root)) {
    if (is_abandoned(item.path().filename().string())) {
      util::debugf("removing abandoned '{}'", item.path().string());
      std::error_code ignored;
      fs::remove_all(item.path(), ignored);
    }
  }
}

// Move the finished TEMP folder to ENTRY, replacing an older ENTRY.
void publish(const fs::path& temp, const fs::path& entry, bool replace)
{
  auto old =
      work_folder(entry.parent_path(), k_old_prefix, entry.filename().string());
  if (replace && fs::exists(entry)) {
    fs::rename(entry, old);
  }
  std::error_code error;
  fs::rename(temp, entry, error);
  if (error && fs::is_directory(entry)) {
    // Another build of the same entry finished first; its result is as good.
    fs::remove_all(temp);
  } else if (error) {
    throw Error(
        fmt::format("cannot create '{}': {}", entry.string(), error.message()));
  }
  fs::remove_all(old);
}

} // namespace

std::filesystem::path
dependency_cache_root(const std::filesystem::path& project_dir)
{
  return project_dir / ".slam" / "deps";
}

std::filesystem::path
cached_entry(const std::filesystem::path& root,
             const std::string& name,
             bool rebuild,
             const std::function<void(const std::filesystem::path&)>& build,
             bool* reused)
{
  fs::create_directories(root);
  // Also when the entry is there: what a killed install left can be as
  // large as the entry.
  remove_abandoned(root);
  auto entry = root / name;
  bool found = !rebuild && fs::is_directory(entry);
  if (reused != nullptr) {
    *reused = found;
  }
  if (found) {
    util::debugf("reusing cached dependencies '{}'", entry.string());
    fs::last_write_time(entry, fs::file_time_type::clock::now());
    return entry;
  }
  auto temp = work_folder(root, k_temp_prefix, name);
  fs::remove_all(temp);
  fs::create_directory(temp);
  try {
    build(temp);
    // On disk before it goes under its final name: after a power cut, an
    // entry of empty files would be packed without a word.
    util::flush_file_system(temp);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    throw;
  }
  publish(temp, entry, rebuild);
  fs::last_write_time(entry, fs::file_time_type::clock::now());
  return entry;
}

void prune_entries(const std::filesystem::path& root,
                   const std::string& prefix,
                   std::size_t keep)
{
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (const auto& item : fs::directory_iterator(root)) {
    if (item.path().filename().string().starts_with(prefix)) {
      entries.emplace_back(item.last_write_time(), item.path());
    }
  }
  std::sort(entries.begin(), entries.end(), std::greater<>());
  for (size_t i = keep; i < entries.size(); ++i) {
    util::debugf("removing old cached dependencies '{}'",
                 entries[i].second.string());
    fs::remove_all(entries[i].second);
  }
}

} // namespace slam::package
