#include "slam/package/project_lock.hpp"

#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"

#include <array>
#include <fmt/core.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// The folders of .slam whose files atomic writes make; the entry cache,
// the dependency cache and the bytecode cache sweep their own as they
// list them.
constexpr std::array<std::string_view, 3> k_swept_folders = {
    "", "interpreters", "local"};

std::string waiting_message(const util::LockHolder& holder,
                            std::string_view activity)
{
  auto who = holder.pid == 0 ? std::string("another slam")
                             : fmt::format("another slam (pid {})", holder.pid);
  auto doing =
      holder.activity.empty() ? std::string(activity) : holder.activity;
  return fmt::format("waiting for {} {} this project...", who, doing);
}

} // namespace

void check_cache_folder(const fs::path& project_dir)
{
  auto folder = project_dir / ".slam";
  std::error_code error;
  if (fs::exists(fs::symlink_status(folder, error)) &&
      !fs::is_directory(folder, error)) {
    throw Error("'.slam' is a file; Slam keeps its build cache in a folder "
                "of that name: move it away");
  }
}

util::FileLock lock_project(const fs::path& project_dir,
                            std::string_view activity)
{
  check_cache_folder(project_dir);
  auto folder = project_dir / ".slam";
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    throw Error(fmt::format(
        "cannot create folder '{}': {}", folder.string(), error.message()));
  }
  util::FileLock lock(folder / "lock", activity, [&](const auto& holder) {
    util::note(waiting_message(holder, activity));
  });
  for (auto name : k_swept_folders) {
    util::remove_abandoned_temp_files(folder / name);
  }
  return lock;
}

} // namespace slam::package
