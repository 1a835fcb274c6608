#pragma once

#include "slam/package/file_stamp.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace slam::local {

// The stat stamps of a project's files, by path relative to the project.
using ProjectStamps = std::map<std::string, package::FileStamp>;

// Return the stamps of every file under PROJECT_DIR except Slam's own
// .slam/, version control data, virtualenvs (folders holding pyvenv.cfg),
// Python's bytecode caches and tool caches: what a change of might change
// the package. Folders that cannot be read are skipped.
ProjectStamps project_stamps(const std::filesystem::path& project_dir);

// Notices changes to a project's files by polling their stamps: cheap
// (one stat per file), and the same on every file system.
class ProjectWatch
{
public:
  explicit ProjectWatch(std::filesystem::path project_dir);

  // Return whether a file was added, removed or changed since the last
  // call (or since construction).
  bool changed();

private:
  std::filesystem::path m_project_dir;
  ProjectStamps m_stamps;
};

} // namespace slam::local
