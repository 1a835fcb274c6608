#include "slam/package/project_files.hpp"

#include "slam/config/config.hpp"
#include "slam/package/build_inputs.hpp"
#include "slam/package/exclude_rules.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
#include "slam/util/utf8.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

bool is_inside(const fs::path& root, const fs::path& path)
{
  auto relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

fs::path canonical_folder(const fs::path& folder)
{
  std::error_code error;
  auto canonical = fs::canonical(folder, error);
  if (error || !fs::is_directory(canonical)) {
    throw Error(fmt::format("cannot read folder '{}': {}",
                            folder.string(),
                            error ? error.message() : "not a folder"));
  }
  return canonical;
}

bool is_executable(const fs::file_status& status)
{
  auto exec =
      fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  return (status.permissions() & exec) != fs::perms::none;
}

// A depth-first walk of one folder tree that collects the files to
// package.
class Walk
{
public:
  // Without RULES nothing is excluded and symlinks may lead anywhere.
  Walk(const fs::path& root,
       std::optional<ExcludeRules> rules,
       std::set<std::string> skip)
      : m_root(canonical_folder(root)), m_rules(std::move(rules)),
        m_skip(std::move(skip))
  {
  }

  std::vector<PackageFile> run()
  {
    visit_folder(m_root, "", "");
    std::sort(m_files.begin(), m_files.end(), [](auto& a, auto& b) {
      return a.path < b.path;
    });
    return std::move(m_files);
  }

private:
  void visit_folder(const fs::path& folder,
                    const std::string& prefix,
                    const std::string& real_prefix);
  void visit_entry(const fs::directory_entry& entry,
                   const std::string& relative,
                   std::string real);
  bool excluded(const fs::path& path,
                const std::string& relative,
                bool is_folder) const;
  bool excluded_target(const std::string& real,
                       const std::string& relative,
                       bool is_folder,
                       bool is_link) const;
  fs::path follow_link(const fs::path& path, const std::string& relative) const;
  void check_name(const std::string& relative) const;

  fs::path m_root; // canonical
  std::optional<ExcludeRules> m_rules;
  std::set<std::string> m_skip;
  std::vector<fs::path> m_open_folders; // canonical, to catch loops
  std::vector<PackageFile> m_files;
};

// PREFIX is the folder's path in the package, REAL_PREFIX its path in the
// project once symlinks are resolved.
void Walk::visit_folder(const fs::path& folder,
                        const std::string& prefix,
                        const std::string& real_prefix)
{
  m_open_folders.push_back(canonical_folder(folder));
  record_listed_folder(folder);
  std::error_code error;
  fs::directory_iterator it(folder, error);
  for (; !error && it != fs::directory_iterator(); it.increment(error)) {
    auto name = it->path().filename().string();
    visit_entry(*it,
                prefix.empty() ? name : prefix + "/" + name,
                real_prefix.empty() ? name : real_prefix + "/" + name);
  }
  if (error) {
    throw Error(fmt::format(
        "cannot list folder '{}': {}", folder.string(), error.message()));
  }
  m_open_folders.pop_back();
}

void Walk::visit_entry(const fs::directory_entry& entry,
                       const std::string& relative,
                       std::string real)
{
  std::error_code error;
  auto is_link = fs::is_symlink(entry.symlink_status(error));
  auto [status, stamp] = status_and_stamp(entry.path(), error);
  auto is_folder = fs::is_directory(status);
  if (m_skip.contains(relative) ||
      excluded(entry.path(), relative, is_folder)) {
    return;
  }
  check_name(relative);
  if (is_link && error == std::errc::too_many_symbolic_link_levels) {
    throw Error(fmt::format("symlink '{}' is part of a loop of links that "
                            "never reaches a file; remove it or add it to "
                            "package.exclude",
                            relative));
  }
  if (is_link && !fs::exists(status)) {
    // Editors leave such links as lock files (Emacs: .#name). Its stamp
    // (none while broken) tells the next build when what it points to
    // appears: the link is then packaged, or refused.
    util::warn(fmt::format("skipping '{}': a broken symlink", relative));
    record_exact_input(entry.path(), FileStamp{});
    return;
  }
  if (error) {
    throw Error(fmt::format(
        "cannot read '{}': {}", entry.path().string(), error.message()));
  }
  if (is_link) {
    real = follow_link(entry.path(), relative)
               .lexically_relative(m_root)
               .generic_string();
  }
  // What a link leads to, or what is inside a linked folder, meets the
  // rules under its own name too.
  if (real != relative && excluded_target(real, relative, is_folder, is_link)) {
    return;
  }
  if (is_folder) {
    visit_folder(entry.path(), relative, real);
  } else if (fs::is_regular_file(status)) {
    m_files.push_back({relative, entry.path(), is_executable(status), stamp});
  } else {
    util::warn(fmt::format("skipping '{}': not a regular file", relative));
  }
}

bool Walk::excluded(const fs::path& path,
                    const std::string& relative,
                    bool is_folder) const
{
  if (!m_rules) {
    return false;
  }
  std::error_code ignored;
  auto is_virtualenv = is_folder && fs::exists(path / "pyvenv.cfg", ignored);
  auto reason = m_rules->check(relative, is_folder, is_virtualenv);
  if (is_folder && reason != Exclusion::none) {
    // Not listed, so only its pyvenv.cfg tells the next build it changed.
    record_exact_input(path / "pyvenv.cfg");
  }
  if (reason == Exclusion::credential) {
    util::warn(fmt::format(
        "leaving '{}' out of the package: it may hold credentials", relative));
  } else if (reason != Exclusion::none) {
    util::debugf("leaving '{}' out of the package", relative);
  }
  return reason != Exclusion::none;
}

// Return the canonical target of the symlink at PATH; throw when it leads
// out of the project or to a folder that contains it.
fs::path Walk::follow_link(const fs::path& path,
                           const std::string& relative) const
{
  std::error_code error;
  auto target = fs::canonical(path, error);
  if (error) {
    throw Error(fmt::format(
        "cannot follow symlink '{}': {}", relative, error.message()));
  }
  if (m_rules && !is_inside(m_root, target)) {
    throw Error(fmt::format(
        "symlink '{}' points outside the project, to '{}'; copy what it "
        "points to into the project, or add '{}' to package.exclude",
        relative,
        target.string(),
        relative));
  }
  if (std::find(m_open_folders.begin(), m_open_folders.end(), target) !=
      m_open_folders.end()) {
    throw Error(fmt::format(
        "symlink '{}' points to a folder that contains it, which would make "
        "the package endless; remove it or add it to package.exclude",
        relative));
  }
  return target;
}

// Exclude the entry at RELATIVE when the rules keep out its REAL path
// (through a link): following the link would ship that under another
// name. A link is checked with the folders above its target, an entry of
// a linked folder by itself (the walk checked the folders above it).
bool Walk::excluded_target(const std::string& real,
                           const std::string& relative,
                           bool is_folder,
                           bool is_link) const
{
  if (!m_rules) {
    return false;
  }
  auto how = is_link ? fmt::format("it links to '{}'", real)
                     : fmt::format("it is '{}' through a symlink", real);
  // Earlier packages there would go into each new one, which doubles.
  if (real == ".slam" || real.starts_with(".slam/")) {
    util::note(fmt::format("leaving '{}' out of the package: {}, in Slam's "
                           "build folder",
                           relative,
                           how));
    return true;
  }
  auto is_virtualenv = [&](std::string_view folder) {
    std::error_code ignored;
    record_exact_input(m_root / folder / "pyvenv.cfg");
    return fs::exists(m_root / folder / "pyvenv.cfg", ignored);
  };
  auto cause =
      is_link
          ? m_rules->check_link_target(real, is_folder, is_virtualenv)
          : m_rules->explain(real, is_folder, is_folder && is_virtualenv(real));
  if (cause.reason == Exclusion::credential) {
    util::warn(fmt::format("leaving '{}' out of the package: {}, which may "
                           "hold credentials",
                           relative,
                           how));
  } else if (cause.reason != Exclusion::none) {
    util::note(fmt::format("leaving '{}' out of the package: {}, which {} "
                           "leaves out",
                           relative,
                           how,
                           cause.rule));
  }
  return cause.reason != Exclusion::none;
}

// Refuse a name Python's zipfile could not read back: zip names are
// UTF-8, and a file system name is any bytes.
void Walk::check_name(const std::string& relative) const
{
  if (util::is_valid_utf8(relative)) {
    return;
  }
  throw Error(fmt::format("cannot package '{}': its name is not valid "
                          "UTF-8, which zip readers such as Python's cannot "
                          "decode; rename it{}",
                          util::escape_utf8(relative),
                          m_rules ? " or add it to package.exclude" : ""));
}

} // namespace

std::vector<PackageFile> project_files(const fs::path& project_dir,
                                       const std::vector<std::string>& exclude,
                                       const std::vector<std::string>& skip)
{
  std::set<std::string> skipped(skip.begin(), skip.end());
  record_exact_input(project_dir / ".slamignore");
  ExcludeRules rules(exclude, IgnoreRules::read(project_dir / ".slamignore"));
  return Walk(project_dir, std::move(rules), std::move(skipped)).run();
}

std::vector<PackageFile> project_files(const config::Config& config)
{
  std::vector<std::string> skip;
  std::error_code error;
  auto file = fs::weakly_canonical(fs::absolute(config.file), error);
  auto root = fs::weakly_canonical(fs::absolute(config.project_dir), error);
  if (!config.file.empty() && !error && is_inside(root, file)) {
    skip.push_back(file.lexically_relative(root).generic_string());
  }
  return project_files(config.project_dir, config.package.exclude, skip);
}

std::vector<PackageFile> folder_files(const fs::path& folder)
{
  return Walk(folder, std::nullopt, {}).run();
}

} // namespace slam::package
