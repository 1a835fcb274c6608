// TEMPORARY: a stand-in for prepare_dependencies() until the dependency
// installer (written on another branch) is merged. Delete this file then.

#include "slam/config/config.hpp"
#include "slam/package/dependencies.hpp"

namespace slam::package {

std::filesystem::path prepare_dependencies(const config::Config& config,
                                           const DependencyOptions& /*options*/)
{
  auto folder = config.project_dir / ".slam" / "dependencies-stub";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

} // namespace slam::package
