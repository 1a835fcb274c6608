#include "slam/package/exclude_rules.hpp"

#include <array>

namespace slam::package {
namespace {

enum class Kind { any, file, folder };

struct DefaultRule
{
  std::string_view glob;
  Kind kind;
  Exclusion reason;
  // Also applies to what a symlink points to: credentials, and version
  // control data, whose config may hold a remote URL with a token.
  bool guards_secrets = false;
};

// Patterns use the Glob syntax: plain names match the basename anywhere, a
// leading '/' only at the project root.
constexpr std::array k_default_rules{
    // Version control and Slam's own build folder.
    DefaultRule{".git", Kind::any, Exclusion::tooling, true},
    DefaultRule{".hg", Kind::folder, Exclusion::tooling, true},
    DefaultRule{".svn", Kind::folder, Exclusion::tooling, true},
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
    DefaultRule{".aws", Kind::folder, Exclusion::credential, true},
    DefaultRule{".env", Kind::any, Exclusion::credential, true},
    DefaultRule{".env.*", Kind::any, Exclusion::credential, true},
    DefaultRule{".envrc", Kind::any, Exclusion::credential, true},
    DefaultRule{".netrc", Kind::any, Exclusion::credential, true},
    DefaultRule{".pgpass", Kind::any, Exclusion::credential, true},
    DefaultRule{".pypirc", Kind::any, Exclusion::credential, true},
    DefaultRule{".npmrc", Kind::any, Exclusion::credential, true},
    DefaultRule{".git-credentials", Kind::any, Exclusion::credential, true},
    DefaultRule{"*.pem", Kind::any, Exclusion::credential, true},
    DefaultRule{"*.key", Kind::any, Exclusion::credential, true},
    DefaultRule{"*.p12", Kind::any, Exclusion::credential, true},
    DefaultRule{"*.pfx", Kind::any, Exclusion::credential, true},
    DefaultRule{"*.ppk", Kind::any, Exclusion::credential, true},
    // Named like the files of the AWS CLI and of Google's client libraries.
    // A folder named credentials is more likely a Python package.
    DefaultRule{"credentials", Kind::file, Exclusion::credential, true},
    DefaultRule{"credentials.json", Kind::any, Exclusion::credential, true},
    DefaultRule{"id_rsa*", Kind::any, Exclusion::credential, true},
    DefaultRule{"id_dsa*", Kind::any, Exclusion::credential, true},
    DefaultRule{"id_ecdsa*", Kind::any, Exclusion::credential, true},
    DefaultRule{"id_ed25519*", Kind::any, Exclusion::credential, true},
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

// Return whether default rule I matches PATH, whose lowercase form is
// LOWER.
bool default_rule_matches(std::size_t i,
                          std::string_view path,
                          std::string_view lower,
                          bool is_folder)
{
  const auto& rule = k_default_rules[i];
  auto subject = rule.reason == Exclusion::credential ? lower : path;
  return kind_fits(rule.kind, is_folder) &&
         default_globs()[i].matches(subject, is_folder);
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
  switch (m_ignore_file.check(relative_path, is_folder)) {
  case IgnoreVerdict::ignored:
    return Exclusion::ignore_file;
  case IgnoreVerdict::kept:
    return Exclusion::none;
  case IgnoreVerdict::unmatched:
    break;
  }
  const auto* glob = user_glob(relative_path, is_folder);
  if (glob && glob->negated()) {
    return Exclusion::none;
  }
  auto reason = check_defaults(relative_path, is_folder);
  if (reason == Exclusion::none && is_virtualenv) {
    reason = Exclusion::tooling;
  }
  if (reason == Exclusion::none && glob) {
    reason = Exclusion::user;
  }
  return reason;
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

Exclusion ExcludeRules::check_link_target(std::string_view target_path,
                                          bool is_folder) const
{
  if (m_ignore_file.check(target_path, is_folder) == IgnoreVerdict::kept) {
    return Exclusion::none;
  }
  auto lower = ascii_lowercase(target_path);
  // The folders on the way matter too: a link to .aws/credentials.
  for (auto slash = target_path.find('/');;
       slash = target_path.find('/', slash + 1)) {
    auto last = slash == std::string_view::npos;
    auto path = target_path.substr(0, slash);
    auto folder = !last || is_folder;
    for (std::size_t i = 0; i < k_default_rules.size(); ++i) {
      if (k_default_rules[i].guards_secrets &&
          default_rule_matches(
              i, path, std::string_view(lower).substr(0, slash), folder)) {
        return k_default_rules[i].reason;
      }
    }
    if (last) {
      return Exclusion::none;
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
