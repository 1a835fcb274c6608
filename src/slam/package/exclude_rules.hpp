#pragma once

#include "slam/package/glob.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace slam::package {

// Why an entry of the project stays out of the package.
enum class Exclusion {
  none,       // it goes in
  tooling,    // version control, caches, virtualenvs, earlier packages
  credential, // likely secrets; the user is warned
  user,       // a package.exclude glob of slam.yaml
};

// The default excludes plus the user's package.exclude globs.
class ExcludeRules
{
public:
  explicit ExcludeRules(const std::vector<std::string>& user_globs);

  // Return why the entry at RELATIVE_PATH ('/'-separated; a folder when
  // IS_FOLDER) is excluded, or Exclusion::none. Folders holding a
  // pyvenv.cfg are virtualenvs too, but that needs the disk: see
  // project_files.
  Exclusion check(std::string_view relative_path, bool is_folder) const;

  // Return why a symlink to TARGET_PATH (project-relative; a folder when
  // IS_FOLDER) is excluded: by the default rules that guard secrets, on
  // the target or on one of its folders, so that a link cannot smuggle a
  // credential file into the package. Exclusion::none when it may go in.
  Exclusion check_link_target(std::string_view target_path,
                              bool is_folder) const;

  // Return the user glob that excludes RELATIVE_PATH, or nullptr.
  const Glob* user_glob(std::string_view relative_path, bool is_folder) const;

private:
  std::vector<Glob> m_user_globs;
};

} // namespace slam::package
