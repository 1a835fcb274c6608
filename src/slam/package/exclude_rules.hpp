#pragma once

#include "slam/package/glob.hpp"
#include "slam/package/ignore_rules.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::package {

// Why an entry of the project stays out of the package.
enum class Exclusion {
  none,        // it goes in
  tooling,     // version control, caches, virtualenvs, earlier packages
  credential,  // likely secrets; the user is warned
  user,        // a package.exclude glob of slam.yaml
  ignore_file, // a pattern of .slamignore
};

// Why an entry stays out, and the rule that says so, for a message.
struct ExclusionCause
{
  Exclusion reason = Exclusion::none;
  std::string rule; // ".slamignore:2", "package.exclude 'x'", ...

  bool operator==(const ExclusionCause&) const = default;
};

// The default excludes, then the user's package.exclude globs, then the
// patterns of .slamignore; the last matching glob of package.exclude, and
// then the last matching pattern of .slamignore, decides, so that a '!'
// negation can re-include what the rules before it leave out.
class ExcludeRules
{
public:
  explicit ExcludeRules(const std::vector<std::string>& user_globs,
                        IgnoreRules ignore_file = {});

  // Return why the entry at RELATIVE_PATH ('/'-separated; a folder when
  // IS_FOLDER) is excluded, or Exclusion::none. IS_VIRTUALENV says that
  // the folder holds a pyvenv.cfg, which only the disk can tell.
  Exclusion check(std::string_view relative_path,
                  bool is_folder,
                  bool is_virtualenv = false) const;

  // Return why the entry is excluded, as check() does, naming the rule.
  ExclusionCause explain(std::string_view relative_path,
                         bool is_folder,
                         bool is_virtualenv = false) const;

  // Return why a symlink to TARGET_PATH (project-relative, resolved; a
  // folder when IS_FOLDER) is excluded: by any rule on the target or on
  // a folder above it, as if the walk had come to the target there, so
  // that a link cannot bring in what the rules leave out. IS_VIRTUALENV
  // tells whether a project-relative folder holds a pyvenv.cfg.
  ExclusionCause check_link_target(
      std::string_view target_path,
      bool is_folder,
      const std::function<bool(std::string_view)>& is_virtualenv = {}) const;

  // Return the last user glob that matches RELATIVE_PATH, which decides
  // (a '!' negation re-includes), or nullptr.
  const Glob* user_glob(std::string_view relative_path, bool is_folder) const;

private:
  Exclusion check_defaults(std::string_view relative_path,
                           bool is_folder) const;

  std::vector<Glob> m_user_globs;
  IgnoreRules m_ignore_file;
};

} // namespace slam::package
