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

} // namespace

std::vector<CompressedEntry> runtime_entries()
{
  std::vector<CompressedEntry> entries;
  for (const auto& file : util::embedded_files()) {
    entries.push_back(
        compress_entry(std::string(file.name), file.content, false));
  }
  return entries;
}

void check_reserved_names(const std::vector<PackageFile>& files)
{
  auto reserved = reserved_root_entries();
  for (const auto& file : files) {
    auto clash = clash_of(file.path, reserved);
    if (clash.empty()) {
      continue;
    }
    auto inside = file.path.size() > clash.size() && clash.back() == '/';
    auto exclude =
        clash.back() == '/' ? clash.substr(0, clash.size() - 1) : clash;
    throw Error(fmt::format("'{}' would replace Slam's own '{}' in the "
                            "package; rename {} or add '/{}' to "
                            "package.exclude",
                            file.source.string(),
                            clash,
                            inside ? "the folder" : "it",
                            exclude));
  }
}

} // namespace slam::package
