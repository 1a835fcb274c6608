#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::package {

// What an ignore file says about one entry of the project.
enum class IgnoreVerdict {
  unmatched, // no pattern matches: the other rules decide
  ignored,   // the last matching pattern leaves it out
  kept,      // the last matching pattern is a '!' negation: it goes in
};

// One pattern of an ignore file, parsed.
struct IgnorePattern
{
  std::string glob;          // in glob_match syntax, without '!' or '/' ends
  bool negated = false;      // '!pattern' re-includes
  bool folders_only = false; // 'pattern/' matches folders only
  bool anchored = false;     // holds a '/': matched from the project root

  bool operator==(const IgnorePattern&) const = default;
};

// The patterns of a .slamignore file, in gitignore syntax: '#' comments,
// blank lines, '!' negation, a trailing '/' for folders, a leading or
// middle '/' anchoring to the project root (otherwise any depth), '*',
// '?', '[...]', '**' as a whole path segment, '\' escapes, and trailing
// spaces dropped unless escaped. The last matching pattern wins.
class IgnoreRules
{
public:
  IgnoreRules() = default;

  // Parse TEXT, the content of the file named SOURCE; throw slam::Error
  // "SOURCE:LINE:COL: ..." for a line that is not a valid pattern.
  static IgnoreRules parse(std::string_view text, const std::string& source);

  // Return the rules of the file at PATH, none when it does not exist.
  static IgnoreRules read(const std::filesystem::path& path);

  // Return the verdict of the last pattern that matches the entry at
  // RELATIVE_PATH ('/'-separated; a folder when IS_FOLDER).
  IgnoreVerdict check(std::string_view relative_path, bool is_folder) const;

  // Return where the last pattern that matches the entry is written
  // ("name:line", name without its folder), or "" when none does.
  std::string origin(std::string_view relative_path, bool is_folder) const;

  const std::vector<IgnorePattern>& patterns() const { return m_patterns; }

private:
  // The index of the last pattern matching the entry, or npos.
  std::size_t last_match(std::string_view relative_path, bool is_folder) const;

  std::vector<IgnorePattern> m_patterns;
  std::vector<std::string> m_origins; // "name:line" of each pattern
};

// Return the pattern of one LINE of an ignore file, or nothing for a
// blank or comment line; throw slam::Error prefixed with WHERE
// ("file:line") when it is malformed.
std::optional<IgnorePattern> parse_ignore_line(std::string_view line,
                                               const std::string& where);

} // namespace slam::package
