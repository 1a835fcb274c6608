#pragma once

#include "slam/package/file_stamp.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace slam::config {
struct Config;
}

namespace slam::package {

// One file that goes into the package.
struct PackageFile
{
  std::string path;             // inside the package, '/'-separated
  std::filesystem::path source; // where to read it (may be a symlink)
  bool executable = false;      // any execute bit set on the source
  // The source's stamp when it was listed, so that a build stats each
  // file once; nothing for files listed without one.
  std::optional<FileStamp> stamp{};

  // Equal when they name the same file the same way: a stamp is when
  // the file was seen, not what it is.
  bool operator==(const PackageFile& other) const
  {
    return path == other.path && source == other.source &&
           executable == other.executable;
  }
};

// Return the files of the project in PROJECT_DIR that go into the
// package, sorted by path: all of them except the default excludes (see
// exclude_rules.cpp and folders holding a pyvenv.cfg), the EXCLUDE globs,
// the patterns of PROJECT_DIR/.slamignore (whose negations may re-include
// any of those; a malformed line throws slam::Error naming file:line) and
// the relative paths in SKIP. Credential files are left out with a warning
// naming each. Symlinks are followed when they stay inside the
// project; one that leads outside, or into a loop, throws slam::Error
// naming it (exclude it to go on); a broken one is skipped with a warning;
// one to a credential file or folder is left out with a warning naming
// both, and one into version control data silently. A name that is not
// valid UTF-8 throws slam::Error naming it, escaped.
std::vector<PackageFile>
project_files(const std::filesystem::path& project_dir,
              const std::vector<std::string>& exclude,
              const std::vector<std::string>& skip = {});

// Return the project files of CONFIG: project_files() of its project_dir
// with package.exclude. The config file itself (slam.yaml) stays out: the
// handler reads slam_config.json, and keeping it out means that a change
// of, say, lambda_memory does not make a new package.
std::vector<PackageFile> project_files(const config::Config& config);

// Return every file under FOLDER, sorted by path, with no excludes and
// symlinks followed wherever they lead (a loop, or a name that is not
// valid UTF-8, throws slam::Error). For folders Slam fills itself, such as
// installed dependencies.
std::vector<PackageFile> folder_files(const std::filesystem::path& folder);

} // namespace slam::package
