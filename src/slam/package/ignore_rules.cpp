#include "slam/package/ignore_rules.hpp"

#include "slam/package/glob.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/glob_pattern.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Return whether the character at POS of TEXT is escaped by an odd number
// of backslashes before it.
bool is_escaped(std::string_view text, std::size_t pos)
{
  std::size_t backslashes = 0;
  while (pos > backslashes && text[pos - backslashes - 1] == '\\') {
    ++backslashes;
  }
  return backslashes % 2 == 1;
}

// Drop the trailing spaces of LINE that are not escaped, as git does.
std::string_view strip_trailing_spaces(std::string_view line)
{
  while (!line.empty() && line.back() == ' ' &&
         !is_escaped(line, line.size() - 1)) {
    line.remove_suffix(1);
  }
  return line;
}

// Return BODY with every run of '*' that is not a whole path segment
// reduced to one '*': git reads "a**b" as "a*b", while glob_match would
// let a '**' anywhere cross folders.
std::string normalize_globstars(std::string_view body)
{
  std::string glob;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size()) {
      glob += body.substr(i, 2);
      ++i;
      continue;
    }
    if (body[i] != '*') {
      glob += body[i];
      continue;
    }
    auto end = body.find_first_not_of('*', i);
    end = end == std::string_view::npos ? body.size() : end;
    bool segment = (i == 0 || body[i - 1] == '/') &&
                   (end == body.size() || body[end] == '/');
    glob += end - i > 1 && segment ? "**" : "*";
    i = end - 1;
  }
  return glob;
}

// Throw when BODY, which starts at column OFFSET + 1 of LINE, is not a
// valid pattern.
void check_body(std::string_view body,
                std::string_view line,
                std::size_t offset,
                const std::string& where)
{
  if (auto problem = util::GlobPattern(body).problem()) {
    throw Error(fmt::format("{}:{}: {} in '{}'; {}",
                            where,
                            offset + problem->position + 1,
                            problem->what,
                            line,
                            problem->advice));
  }
}

std::string_view basename(std::string_view path)
{
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool pattern_matches(const IgnorePattern& pattern,
                     std::string_view relative_path,
                     bool is_folder)
{
  if (pattern.folders_only && !is_folder) {
    return false;
  }
  return glob_match(pattern.glob,
                    pattern.anchored ? relative_path : basename(relative_path));
}

} // namespace

std::optional<IgnorePattern> parse_ignore_line(std::string_view line,
                                               const std::string& where)
{
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#') {
    return std::nullopt;
  }
  auto body = strip_trailing_spaces(line);
  if (body.empty()) {
    return std::nullopt;
  }
  IgnorePattern pattern;
  pattern.negated = body.front() == '!';
  body.remove_prefix(pattern.negated ? 1 : 0);
  check_body(body, line, pattern.negated ? 1 : 0, where);
  pattern.folders_only = !body.empty() && body.back() == '/';
  body.remove_suffix(pattern.folders_only ? 1 : 0);
  pattern.anchored = body.find('/') != std::string_view::npos;
  body.remove_prefix(!body.empty() && body.front() == '/' ? 1 : 0);
  if (body.empty()) {
    // git ignores such a line.
    util::warn(
        fmt::format("{}: ignoring '{}': it has no pattern", where, line));
    return std::nullopt;
  }
  pattern.glob = normalize_globstars(body);
  return pattern;
}

IgnoreRules IgnoreRules::parse(std::string_view text, const std::string& source)
{
  IgnoreRules rules;
  // Editors on Windows start UTF-8 files with a byte order mark; git
  // drops it.
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::size_t number = 1;
  for (std::size_t start = 0; start <= text.size(); ++number) {
    auto end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end;
    auto where = fmt::format("{}:{}", source, number);
    if (auto pattern =
            parse_ignore_line(text.substr(start, end - start), where)) {
      rules.m_patterns.push_back(std::move(*pattern));
      rules.m_origins.push_back(
          fmt::format("{}:{}", fs::path(source).filename().string(), number));
    }
    start = end + 1;
  }
  return rules;
}

IgnoreRules IgnoreRules::read(const fs::path& path)
{
  std::error_code error;
  if (!fs::exists(fs::symlink_status(path, error))) {
    return {};
  }
  if (fs::is_directory(path, error)) {
    throw Error(fmt::format("'{}' is a folder, but Slam reads .slamignore as "
                            "a file of exclude patterns in gitignore syntax; "
                            "rename the folder",
                            path.string()));
  }
  return parse(util::read_file(path, 1 << 20, "ignore file"), path.string());
}

std::size_t IgnoreRules::last_match(std::string_view relative_path,
                                    bool is_folder) const
{
  for (auto i = m_patterns.size(); i-- > 0;) {
    if (pattern_matches(m_patterns[i], relative_path, is_folder)) {
      return i;
    }
  }
  return std::string::npos;
}

IgnoreVerdict IgnoreRules::check(std::string_view relative_path,
                                 bool is_folder) const
{
  auto i = last_match(relative_path, is_folder);
  if (i == std::string::npos) {
    return IgnoreVerdict::unmatched;
  }
  return m_patterns[i].negated ? IgnoreVerdict::kept : IgnoreVerdict::ignored;
}

std::string IgnoreRules::origin(std::string_view relative_path,
                                bool is_folder) const
{
  auto i = last_match(relative_path, is_folder);
  return i == std::string::npos ? "" : m_origins[i];
}

} // namespace slam::package
