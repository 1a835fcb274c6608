#include "slam/package/glob.hpp"

#include "slam/util/glob_pattern.hpp"

namespace slam::package {
namespace {

std::string_view basename(std::string_view path)
{
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path)
{
  return util::GlobPattern(pattern).matches(path);
}

Glob::Glob(std::string_view text)
    : m_text(text), m_negated(text.starts_with('!'))
{
  text.remove_prefix(m_negated ? 1 : 0);
  m_anchored = text.starts_with('/');
  text.remove_prefix(m_anchored ? 1 : 0);
  m_folders_only = text.ends_with('/');
  text.remove_suffix(m_folders_only ? 1 : 0);
  m_pattern = util::GlobPattern(text);
}

bool Glob::matches(std::string_view relative_path, bool is_folder) const
{
  if (m_folders_only && !is_folder) {
    return false;
  }
  return m_pattern.matches(relative_path) ||
         (!m_anchored && m_pattern.matches(basename(relative_path)));
}

} // namespace slam::package
