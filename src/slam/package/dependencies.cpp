#include "slam/package/dependencies.hpp"

#include "slam/package/build_inputs.hpp"
#include "slam/package/dependencies_cache.hpp"
#include "slam/package/dependencies_environment.hpp"
#include "slam/package/dependencies_pip.hpp"
#include "slam/package/project_lock.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

// Copies of python environments that Slam made before it read them in
// place: nothing uses them any more.
constexpr std::string_view k_old_environment_copies = "env-";

Dependencies prepare(const config::Config& config,
                     const DependencyOptions& options)
{
  // Absolute, since pip and the environment's interpreter run in it.
  auto project_dir = fs::absolute(config.project_dir);
  check_cache_folder(project_dir);
  auto root = dependency_cache_root(project_dir);
  auto requirements = project_dir / config.requirements;
  if (!fs::exists(requirements)) {
    record_exact_input(requirements); // the zero stamp of a missing file
    // Only the default file may be missing: a project without
    // dependencies simply has none, whereas a file slam.yaml names and
    // that is missing is a mistake.
    if (!config.requirements_given) {
      return {};
    }
    throw Error(fmt::format(
        "the requirements file '{}' does not exist; create it (it may be "
        "empty) or fix 'requirements' in '{}'",
        config.requirements,
        config.file.filename().string()));
  }
  if (config.package.python_environment.empty()) {
    bool reused = false;
    auto folder = install_with_pip(
        {.requirements = requirements,
         .requirements_name = config.requirements,
         .runtime = config.aws.lambda_runtime,
         .architecture = config.aws.lambda_architecture,
         .pip_options = config.package.pip_options,
         .project_dir = project_dir,
         .build_from_source = config.package.build_from_source},
        root,
        options.rebuild,
        &reused);
    auto dependencies = folder_dependencies(folder);
    if (!dependencies.files.empty()) {
      dependencies.reused = reused;
    }
    return dependencies;
  }
  if (!config.package.build_from_source.empty()) {
    util::warn("package.build_from_source has no effect with "
               "package.python_environment: the environment's "
               "distributions are taken as they are installed");
  }
  if (fs::is_directory(root)) {
    prune_entries(root, std::string(k_old_environment_copies), 0);
  }
  return environment_dependencies(
      {.environment = config.package.python_environment,
       .project_dir = project_dir,
       .requirements = requirements,
       .requirements_name = config.requirements,
       .runtime = config.aws.lambda_runtime,
       .architecture = config.aws.lambda_architecture});
}

} // namespace

Dependencies folder_dependencies(const std::filesystem::path& folder)
{
  return {folder_files(folder), dependency_origins(folder), std::nullopt};
}

Dependencies prepare_dependencies(const config::Config& config,
                                  const DependencyOptions& options)
{
  try {
    return prepare(config, options);
  } catch (const fs::filesystem_error& error) {
    throw Error(
        fmt::format("cannot prepare the dependencies: {}", error.what()));
  }
}

} // namespace slam::package
