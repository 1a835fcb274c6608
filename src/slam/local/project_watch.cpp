#include "slam/local/project_watch.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <system_error>

namespace slam::local {
namespace fs = std::filesystem;

namespace {

// Folders whose content never goes into the package, or is Slam's own.
bool skipped_folder(const fs::path& folder)
{
  static constexpr std::array<std::string_view, 9> names = {".slam",
                                                            ".git",
                                                            ".hg",
                                                            ".svn",
                                                            "__pycache__",
                                                            ".mypy_cache",
                                                            ".pytest_cache",
                                                            ".ruff_cache",
                                                            ".tox"};
  auto name = folder.filename().string();
  std::error_code error;
  return std::find(names.begin(), names.end(), name) != names.end() ||
         fs::exists(folder / "pyvenv.cfg", error);
}

} // namespace

ProjectStamps project_stamps(const fs::path& project_dir)
{
  ProjectStamps stamps;
  std::error_code error;
  fs::recursive_directory_iterator walk(
      project_dir, fs::directory_options::skip_permission_denied, error);
  for (; !error && walk != fs::recursive_directory_iterator();
       walk.increment(error)) {
    const auto& entry = *walk;
    if (entry.is_directory(error) && !entry.is_symlink(error)) {
      if (skipped_folder(entry.path())) {
        walk.disable_recursion_pending();
      }
      continue;
    }
    if (entry.path().extension() == ".pyc") {
      continue;
    }
    auto relative = entry.path().lexically_relative(project_dir).string();
    stamps[relative] = package::stamp_of(entry.path());
  }
  return stamps;
}

ProjectWatch::ProjectWatch(fs::path project_dir)
    : m_project_dir(std::move(project_dir)),
      m_stamps(project_stamps(m_project_dir))
{
}

bool ProjectWatch::changed()
{
  auto stamps = project_stamps(m_project_dir);
  if (stamps == m_stamps) {
    return false;
  }
  m_stamps = std::move(stamps);
  return true;
}

} // namespace slam::local
