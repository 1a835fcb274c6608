#pragma once

#include "slam/util/glob_pattern.hpp"

#include <string>
#include <string_view>

namespace slam::package {

// Return whether PATH matches PATTERN, fnmatch-style: '*' and '?' and
// '[...]' ('[!...]' negated, '[:alpha:]' and the other POSIX classes) stay
// within one path segment, '**' crosses segments, '**/' also matches no
// folder at all, '\' escapes. An unterminated '[' is a literal '['.
bool glob_match(std::string_view pattern, std::string_view path);

// An exclude pattern of the package, as written in slam.yaml.
//
// A pattern matches a relative path ('/'-separated) or its basename, so
// "*.txt" excludes text files anywhere and "docs/*.md" only those in docs.
// A leading '/' anchors it to the project root (relative path only); a
// trailing '/' limits it to folders. A leading '!' makes it a negation,
// which re-includes what it matches.
class Glob
{
public:
  explicit Glob(std::string_view text);

  // Return whether the entry at RELATIVE_PATH (a folder when IS_FOLDER)
  // matches.
  bool matches(std::string_view relative_path, bool is_folder) const;

  // Return the pattern as written.
  const std::string& text() const { return m_text; }

  bool negated() const { return m_negated; }

private:
  std::string m_text;
  bool m_negated = false;
  bool m_anchored = false;
  bool m_folders_only = false;
  util::GlobPattern m_pattern{""};
};

} // namespace slam::package
