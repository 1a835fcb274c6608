#include "slam/package/glob.hpp"

namespace slam::package {
namespace {

// Match a '[...]' class at PATTERN[0] against C; return the length of the
// class, or 0 when C is not in it (or the class is unterminated, in which
// case '[' is taken literally by the caller).
std::size_t match_class(std::string_view pattern, char c, bool& matched)
{
  std::size_t i = 1;
  bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) {
    ++i;
  }
  bool found = false;
  bool first = true;
  for (; i < pattern.size() && (first || pattern[i] != ']'); ++i) {
    first = false;
    auto low = static_cast<unsigned char>(pattern[i]);
    auto high = low;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' &&
        pattern[i + 2] != ']') {
      high = static_cast<unsigned char>(pattern[i + 2]);
      i += 2;
    }
    auto byte = static_cast<unsigned char>(c);
    found = found || (low <= byte && byte <= high);
  }
  if (i >= pattern.size()) {
    return 0;
  }
  matched = found != negated && c != '/';
  return i + 1;
}

bool match_from(std::string_view pattern, std::string_view path);

// Match '**' (already consumed) followed by REST against PATH.
bool match_globstar(std::string_view rest, std::string_view path)
{
  if (!rest.empty() && rest[0] == '/' && match_from(rest.substr(1), path)) {
    return true;
  }
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (match_from(rest, path.substr(i))) {
      return true;
    }
  }
  return false;
}

// Match '*' (already consumed) followed by REST against PATH.
bool match_star(std::string_view rest, std::string_view path)
{
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (match_from(rest, path.substr(i))) {
      return true;
    }
    if (i < path.size() && path[i] == '/') {
      return false;
    }
  }
  return false;
}

bool match_from(std::string_view pattern, std::string_view path)
{
  while (!pattern.empty()) {
    char p = pattern[0];
    if (p == '*') {
      return pattern.substr(0, 2) == "**"
                 ? match_globstar(pattern.substr(2), path)
                 : match_star(pattern.substr(1), path);
    }
    if (path.empty()) {
      return false;
    }
    std::size_t used = 1;
    bool matched = false;
    if (p == '?') {
      matched = path[0] != '/';
    } else if (p == '[' &&
               (used = match_class(pattern, path[0], matched)) > 0) {
      // matched is set by match_class
    } else if (p == '\\' && pattern.size() > 1) {
      matched = pattern[1] == path[0];
      used = 2;
    } else {
      matched = p == path[0];
      used = 1;
    }
    if (!matched) {
      return false;
    }
    pattern.remove_prefix(used);
    path.remove_prefix(1);
  }
  return path.empty();
}

std::string_view basename(std::string_view path)
{
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path)
{
  return match_from(pattern, path);
}

Glob::Glob(std::string_view text) : m_text(text)
{
  if (!text.empty() && text.front() == '/') {
    m_anchored = true;
    text.remove_prefix(1);
  }
  if (!text.empty() && text.back() == '/') {
    m_folders_only = true;
    text.remove_suffix(1);
  }
  m_pattern = text;
}

bool Glob::matches(std::string_view relative_path, bool is_folder) const
{
  if (m_folders_only && !is_folder) {
    return false;
  }
  return glob_match(m_pattern, relative_path) ||
         (!m_anchored && glob_match(m_pattern, basename(relative_path)));
}

} // namespace slam::package
