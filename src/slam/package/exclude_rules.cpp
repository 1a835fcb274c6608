#include "slam/package/exclude_rules.hpp"

#include <array>
#include <fmt/core.h>
#include <optional>

namespace slam::package {
namespace {

enum class Kind { any, file, folder };

struct DefaultRule
{
  std::string_view glob;
  Kind kind;
  Exclusion reason;
};

// Patterns use the Glob syntax: plain names match the basename anywhere, a
// leading '/' only at the project root.
constexpr std::array k_default_rules{
    // Version control and Slam's own build folder.
    DefaultRule{".git", Kind::any, Exclusion::tooling},
    DefaultRule{".hg", Kind::folder, Exclusion::tooling},
    DefaultRule{".svn", Kind::folder, Exclusion::tooling},
    DefaultRule{".slam", Kind::any, Exclusion::tooling},
    // Bytecode of the build machine's Python, useless on Lambda's.
    DefaultRule{"__pycache__", Kind::folder, Exclusion::tooling},
    DefaultRule{"*.pyc", Kind::file, Exclusion::tooling},
    DefaultRule{"*.pyo", Kind::file, Exclusion::tooling},
    // Virtualenvs (any folder with a pyvenv.cfg is caught on disk).
    DefaultRule{".venv", Kind::folder, Exclusion::tooling},
    DefaultRule{"venv", Kind::folder, Exclusion::tooling},
    // Test, lint and editor folders.
    DefaultRule{".pytest_cache", Kind::folder, Exclusion::tooling},
    DefaultRule{".mypy_cache", Kind::folder, Exclusion::tooling},
    DefaultRule{".ruff_cache", Kind::folder, Exclusion::tooling},
    DefaultRule{".hypothesis", Kind::folder, Exclusion::tooling},
    DefaultRule{".tox", Kind::folder, Exclusion::tooling},
    DefaultRule{".nox", Kind::folder, Exclusion::tooling},
    DefaultRule{".ipynb_checkpoints", Kind::folder, Exclusion::tooling},
    DefaultRule{"node_modules", Kind::folder, Exclusion::tooling},
    DefaultRule{".idea", Kind::folder, Exclusion::tooling},
    DefaultRule{".vscode", Kind::folder, Exclusion::tooling},
    DefaultRule{"*.egg-info", Kind::folder, Exclusion::tooling},
    DefaultRule{".DS_Store", Kind::file, Exclusion::tooling},
    // What the original Slam left in the project folder: its packages
    // (lambda_package.<time>.zip), lambda-uploader's scratch folder and its
    // error log.
    DefaultRule{"/lambda_package.*.zip", Kind::file, Exclusion::tooling},
    DefaultRule{"/.lambda_uploader_temp", Kind::folder, Exclusion::tooling},
    DefaultRule{"/slam_error.log", Kind::file, Exclusion::tooling},
    // External plugins of the project (slam-plugin-NAME beside slam.yaml)
    // run on the build machine, not on Lambda.
    DefaultRule{"/slam-plugin-*", Kind::file, Exclusion::tooling},
    // Slam's own list of excludes, read at build time.
    DefaultRule{"/.slamignore", Kind::file, Exclusion::tooling},
    // Credentials: never shipped, and worth a warning. Matched in any case
    // (.ENV, KEY.PEM), and a folder of such a name goes whole (.env.d).
    DefaultRule{".aws", Kind::folder, Exclusion::credential},
    DefaultRule{".env", Kind::any, Exclusion::credential},
    DefaultRule{".env.*", Kind::any, Exclusion::credential},
    DefaultRule{".envrc", Kind::any, Exclusion::credential},
    DefaultRule{".netrc", Kind::any, Exclusion::credential},
    DefaultRule{".pgpass", Kind::any, Exclusion::credential},
    DefaultRule{".pypirc", Kind::any, Exclusion::credential},
    DefaultRule{".npmrc", Kind::any, Exclusion::credential},
    DefaultRule{".git-credentials", Kind::any, Exclusion::credential},
    DefaultRule{"*.env", Kind::file, Exclusion::credential},
    DefaultRule{"*.pem", Kind::any, Exclusion::credential},
    DefaultRule{"*.key", Kind::any, Exclusion::credential},
    DefaultRule{"*.p12", Kind::any, Exclusion::credential},
    DefaultRule{"*.pfx", Kind::any, Exclusion::credential},
    DefaultRule{"*.ppk", Kind::any, Exclusion::credential},
    // Named like the files of the AWS CLI and of Google's client libraries.
    // A folder named credentials is more likely a Python package.
    DefaultRule{"credentials", Kind::file, Exclusion::credential},
    DefaultRule{"credentials.json", Kind::any, Exclusion::credential},
    DefaultRule{"id_rsa*", Kind::any, Exclusion::credential},
    DefaultRule{"id_dsa*", Kind::any, Exclusion::credential},
    DefaultRule{"id_ecdsa*", Kind::any, Exclusion::credential},
    DefaultRule{"id_ed25519*", Kind::any, Exclusion::credential},
};

// Return the default rules' globs, parsed once, in k_default_rules order.
const std::vector<Glob>& default_globs()
{
  static const std::vector<Glob> globs = [] {
    std::vector<Glob> parsed;
    parsed.reserve(k_default_rules.size());
    for (const auto& rule : k_default_rules) {
      parsed.emplace_back(rule.glob);
    }
    return parsed;
  }();
  return globs;
}

bool kind_fits(Kind kind, bool is_folder)
{
  return kind == Kind::any || (kind == Kind::folder) == is_folder;
}

std::string ascii_lowercase(std::string_view text)
{
  std::string lower(text);
  for (auto& c : lower) {
    c = 'A' <= c && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return lower;
}

// Return LOWER without the suffix an editor or a backup adds to a copy
// (".netrc~", ".envrc.bak"), or nothing when it has none: a copy of a
// credentials file holds the same secrets.
std::optional<std::string_view> without_backup_suffix(std::string_view lower)
{
  for (std::string_view suffix :
       {"~", ".bak", ".backup", ".old", ".orig", ".save", ".swp", ".tmp"}) {
    if (lower.size() > suffix.size() && lower.ends_with(suffix)) {
      return lower.substr(0, lower.size() - suffix.size());
    }
  }
  return std::nullopt;
}

// Return whether default rule I matches PATH, whose lowercase form is
// LOWER.
bool default_rule_matches(std::size_t i,
                          std::string_view path,
                          std::string_view lower,
                          bool is_folder)
{
  const auto& rule = k_default_rules[i];
  if (!kind_fits(rule.kind, is_folder)) {
    return false;
  }
  if (rule.reason != Exclusion::credential) {
    return default_globs()[i].matches(path, is_folder);
  }
  auto original = without_backup_suffix(lower);
  return default_globs()[i].matches(lower, is_folder) ||
         (original && default_globs()[i].matches(*original, is_folder));
}

} // namespace

ExcludeRules::ExcludeRules(const std::vector<std::string>& user_globs,
                           IgnoreRules ignore_file)
    : m_ignore_file(std::move(ignore_file))
{
  for (const auto& text : user_globs) {
    m_user_globs.emplace_back(text);
  }
}

Exclusion ExcludeRules::check(std::string_view relative_path,
                              bool is_folder,
                              bool is_virtualenv) const
{
  return explain(relative_path, is_folder, is_virtualenv).reason;
}

ExclusionCause ExcludeRules::explain(std::string_view relative_path,
                                     bool is_folder,
                                     bool is_virtualenv) const
{
  switch (m_ignore_file.check(relative_path, is_folder)) {
  case IgnoreVerdict::ignored:
    return {Exclusion::ignore_file,
            m_ignore_file.origin(relative_path, is_folder)};
  case IgnoreVerdict::kept:
    return {};
  case IgnoreVerdict::unmatched:
    break;
  }
  const auto* glob = user_glob(relative_path, is_folder);
  if (glob && glob->negated()) {
    return {};
  }
  auto reason = check_defaults(relative_path, is_folder);
  if (reason == Exclusion::none && is_virtualenv) {
    reason = Exclusion::tooling;
  }
  if (reason != Exclusion::none) {
    return {reason, "a default exclude"};
  }
  if (glob) {
    return {Exclusion::user, fmt::format("package.exclude '{}'", glob->text())};
  }
  return {};
}

// Return the first default rule's reason to exclude RELATIVE_PATH.
Exclusion ExcludeRules::check_defaults(std::string_view relative_path,
                                       bool is_folder) const
{
  auto lower = ascii_lowercase(relative_path);
  for (std::size_t i = 0; i < k_default_rules.size(); ++i) {
    if (default_rule_matches(i, relative_path, lower, is_folder)) {
      return k_default_rules[i].reason;
    }
  }
  return Exclusion::none;
}

ExclusionCause ExcludeRules::check_link_target(
    std::string_view target_path,
    bool is_folder,
    const std::function<bool(std::string_view)>& is_virtualenv) const
{
  // The folders on the way matter too: a link to .aws/credentials.
  for (auto slash = target_path.find('/');;
       slash = target_path.find('/', slash + 1)) {
    auto last = slash == std::string_view::npos;
    auto path = target_path.substr(0, slash);
    auto folder = !last || is_folder;
    auto cause =
        explain(path, folder, folder && is_virtualenv && is_virtualenv(path));
    if (cause.reason != Exclusion::none || last) {
      return cause;
    }
  }
}

const Glob* ExcludeRules::user_glob(std::string_view relative_path,
                                    bool is_folder) const
{
  for (auto it = m_user_globs.rbegin(); it != m_user_globs.rend(); ++it) {
    if (it->matches(relative_path, is_folder)) {
      return &*it;
    }
  }
  return nullptr;
}

} // namespace slam::package
