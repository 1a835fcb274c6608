#include "slam/package/runtime_files.hpp"

#include "slam/package/handler_config.hpp"
#include "slam/util/embedded.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <set>
#include <string>

namespace slam::package {
namespace {

// Return what PATH takes at the package root: "app.py" for a file there,
// "pkg/" for anything in the folder pkg.
std::string root_entry(const std::string& path)
{
  auto slash = path.find('/');
  return slash == std::string::npos ? path : path.substr(0, slash + 1);
}

// Return the root entries of Slam's own files: "slam_handler.py",
// "slam_adapter/", "slam_config.json".
std::set<std::string> reserved_root_entries()
{
  std::set<std::string> reserved{k_handler_config_name};
  for (const auto& file : util::embedded_files()) {
    reserved.insert(root_entry(std::string(file.name)));
  }
  return reserved;
}

// Return the reserved root entry that PATH would replace or join, or "".
// A file named like a reserved folder counts: it would replace it.
std::string clash_of(const std::string& path,
                     const std::set<std::string>& reserved)
{
  auto root = root_entry(path);
  if (reserved.count(root) != 0) {
    return root;
  }
  if (root == path && reserved.count(path + "/") != 0) {
    return path + "/";
  }
  return "";
}

// Return the Python module that the root entry ROOT would be imported as
// ("x" for "x/", "x.py", "x.pyc", "x.so", "x.cpython-312-x86_64-linux-gnu.so"),
// or "" when it is none.
std::string module_of(const std::string& root)
{
  if (!root.empty() && root.back() == '/') {
    return root.substr(0, root.size() - 1);
  }
  auto dot = root.find('.');
  auto extension = root.substr(root.rfind('.') + 1);
  if (dot == std::string::npos ||
      (extension != "py" && extension != "pyc" && extension != "so")) {
    return "";
  }
  return root.substr(0, dot);
}

// Return Slam's module that PATH would shadow or be shadowed by when
// Lambda imports it ("slam_handler" for a folder slam_handler/, which
// Python would import instead of slam_handler.py), or "".
std::string shadowed_module(const std::string& path,
                            const std::set<std::string>& reserved)
{
  auto module = module_of(root_entry(path));
  for (const auto& own : reserved) {
    if (!module.empty() && module_of(own) == module) {
      return module;
    }
  }
  return "";
}

// Return why FILE must not be in the package beside Slam's RESERVED root
// entries, or "".
std::string reserved_problem(const PackageFile& file,
                             const std::set<std::string>& reserved)
{
  auto clash = clash_of(file.path, reserved);
  if (clash.empty()) {
    auto module = shadowed_module(file.path, reserved);
    if (module.empty()) {
      return "";
    }
    return fmt::format("'{}' would be imported as Python's '{}', the name of "
                       "Slam's own module in the package; rename it or add "
                       "'/{}' to package.exclude",
                       file.source.string(),
                       module,
                       root_entry(file.path));
  }
  auto inside = file.path.size() > clash.size() && clash.back() == '/';
  auto exclude =
      clash.back() == '/' ? clash.substr(0, clash.size() - 1) : clash;
  return fmt::format("'{}' would replace Slam's own '{}' in the package; "
                     "rename {} or add '/{}' to package.exclude",
                     file.source.string(),
                     clash,
                     inside ? "the folder" : "it",
                     exclude);
}

} // namespace

std::vector<CompressedEntry> runtime_entries()
{
  return compress_sources(runtime_sources(), nullptr, 1).entries;
}

std::vector<EntrySource> runtime_sources()
{
  std::vector<EntrySource> sources;
  for (const auto& file : util::embedded_files()) {
    sources.push_back(
        {std::string(file.name), false, {}, std::string(file.content)});
  }
  return sources;
}

void check_reserved_names(const std::vector<PackageFile>& files)
{
  auto reserved = reserved_root_entries();
  std::vector<std::string> problems;
  std::set<std::string> reported; // root entries: one line per folder
  for (const auto& file : files) {
    auto problem = reserved_problem(file, reserved);
    if (!problem.empty() && reported.insert(root_entry(file.path)).second) {
      problems.push_back(std::move(problem));
    }
  }
  if (problems.size() == 1) {
    throw Error(problems.front());
  }
  if (!problems.empty()) {
    auto message = fmt::format("{} files clash with Slam's own in the package:",
                               problems.size());
    for (const auto& problem : problems) {
      message += "\n  " + problem;
    }
    throw Error(message);
  }
}

} // namespace slam::package
