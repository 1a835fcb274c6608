#include "slam/package/dependency_origins.hpp"

#include <fstream>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

constexpr std::string_view k_dist_info = ".dist-info";

// Return the name and version in a folder name like
// "charset_normalizer-3.3.2.dist-info".
DistributionName name_of(const std::string& folder_name)
{
  auto stem = folder_name.substr(0, folder_name.size() - k_dist_info.size());
  auto dash = stem.find('-');
  if (dash == std::string::npos) {
    return {stem, ""};
  }
  return {stem.substr(0, dash), stem.substr(dash + 1)};
}

bool is_dist_info(const fs::directory_entry& entry)
{
  auto name = entry.path().filename().string();
  std::error_code error;
  return name.size() > k_dist_info.size() && name.ends_with(k_dist_info) &&
         entry.is_directory(error);
}

} // namespace

void add_record_origins(const fs::path& folder,
                        const fs::path& dist_info,
                        DependencyOrigins& origins)
{
  std::ifstream record(dist_info / "RECORD");
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(record, line)) {
    paths.push_back(record_path(line));
  }
  add_listed_origins(folder, dist_info.filename().string(), paths, origins);
}

void add_listed_origins(const fs::path& folder,
                        const std::string& dist_info_name,
                        const std::vector<std::string>& paths,
                        DependencyOrigins& origins)
{
  auto distribution = name_of(dist_info_name);
  for (const auto& path : paths) {
    if (!path.empty()) {
      origins.distributions[joined_normal(folder, path).native()] =
          distribution;
    }
  }
}

const DistributionName* DependencyOrigins::find(const fs::path& source) const
{
  // The keys are normal: a source found as it is needs no normalising.
  auto found = distributions.find(source.native());
  if (found == distributions.end()) {
    found = distributions.find(source.lexically_normal().native());
  }
  return found == distributions.end() ? nullptr : &found->second;
}

std::string record_path(const std::string& line)
{
  if (line.empty() || line.front() != '"') {
    return line.substr(0, line.find(','));
  }
  // A quoted field, in which "" stands for one quote.
  std::string path;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] != '"') {
      path += line[i];
    } else if (i + 1 < line.size() && line[i + 1] == '"') {
      path += '"';
      ++i;
    } else {
      break;
    }
  }
  return path;
}

DependencyOrigins dependency_origins(const fs::path& folder)
{
  DependencyOrigins origins{folder.lexically_normal(), {}};
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (is_dist_info(entry)) {
      add_record_origins(folder, entry.path(), origins);
    }
  }
  return origins;
}

bool is_normal_relative(std::string_view path)
{
  if (path.empty() || path.front() == '/') {
    return false;
  }
  while (true) {
    auto slash = path.find('/');
    auto segment = path.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") {
      return false;
    }
    if (slash == std::string_view::npos) {
      return true;
    }
    path.remove_prefix(slash + 1);
  }
}

fs::path joined_normal(const fs::path& folder, std::string_view path)
{
  const auto& base = folder.native();
  if (!base.empty() && base.front() == '/' && is_normal_relative(path) &&
      is_normal_relative(std::string_view(base).substr(1))) {
    std::string joined;
    joined.reserve(base.size() + 1 + path.size());
    joined += base;
    joined += '/';
    joined += path;
    return joined;
  }
  return (folder / path).lexically_normal();
}

} // namespace slam::package
