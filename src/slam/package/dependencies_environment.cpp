#include "slam/package/dependencies_environment.hpp"

#include "slam/package/distribution_closure.hpp"
#include "slam/package/distribution_files.hpp"
#include "slam/package/python_environment.hpp"
#include "slam/package/python_interpreter.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/package/requirements_file.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <map>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

void warn_about_version(const EnvironmentRequest& request,
                        const std::string& python_version)
{
  auto runtime_version = python_version_of(request.runtime);
  if (python_version != runtime_version) {
    util::warn(fmt::format(
        "the python environment '{}' has Python {} but the Lambda runtime is "
        "'{}'; its native extensions may not load there",
        request.environment,
        python_version,
        request.runtime));
  }
}

// Native extensions built for another system or machine cannot load on
// Lambda, which runs Linux on MACHINE_OF(architecture).
void warn_about_platform(const EnvironmentRequest& request,
                         const EnvironmentReport& report)
{
  auto machine = machine_of(request.architecture);
  if (report.system != "Linux" || report.machine != machine) {
    util::warn(fmt::format(
        "the python environment '{}' runs on {} {} but the Lambda "
        "architecture '{}' is Linux {}; its native extensions may not load "
        "there",
        request.environment,
        report.system,
        report.machine,
        request.architecture,
        machine));
  }
}

// Return the line saying how REQUIREMENT is not met by the installed
// VERSION.
std::string mismatch_of(const Requirement& requirement,
                        const std::optional<std::string>& version)
{
  return fmt::format("'{}' {} does not satisfy '{}{}' in '{}' line {}",
                     requirement.name,
                     version.value_or("?"),
                     requirement.name,
                     requirement.specifier,
                     requirement.file,
                     requirement.line);
}

// Throw slam::Error listing MISMATCHES, if any: copying another version
// than the requirements name would package something else than they say.
void throw_if_mismatched(const EnvironmentRequest& request,
                         const std::vector<std::string>& mismatches)
{
  if (mismatches.empty()) {
    return;
  }
  std::string message =
      fmt::format("the python environment '{}' does not have the versions the "
                  "requirements name",
                  request.environment);
  for (const auto& mismatch : mismatches) {
    message += "\n  " + mismatch;
  }
  message += "\ninstall them there or change the requirements";
  throw Error(message);
}

// Return the requirements whose markers hold on Lambda; throw slam::Error
// when an installed version does not match them.
std::vector<Wanted> wanted_of(const EnvironmentRequest& request,
                              const RequirementsSet& set,
                              const EnvironmentReport& report)
{
  std::vector<Wanted> wanted;
  std::vector<std::string> mismatches;
  for (size_t i = 0; i < set.requirements.size(); ++i) {
    const auto& requirement = set.requirements[i];
    const auto& status = report.requirements.at(i);
    if (!status.applies) {
      continue;
    }
    if (status.satisfied == false) {
      mismatches.push_back(mismatch_of(requirement, status.version));
    }
    wanted.push_back({requirement.name,
                      requirement.extras,
                      fmt::format("'{}'", requirement.file)});
  }
  throw_if_mismatched(request, mismatches);
  return wanted;
}

// Return the files of DISTRIBUTIONS, each path once, in path order.
std::vector<DistributionFile> files_of(const std::vector<Distribution>& needed,
                                       const std::string& environment)
{
  std::map<std::string, DistributionFile> unique;
  for (auto& file : distribution_files(needed, environment)) {
    unique.emplace(file.path, std::move(file));
  }
  std::vector<DistributionFile> files;
  for (auto& [path, file] : unique) {
    files.push_back(std::move(file));
  }
  return files;
}

// Return the .dist-info folder DISTRIBUTION's files list, relative to its
// location, or an empty path.
fs::path dist_info_of(const Distribution& distribution)
{
  for (const auto& file :
       distribution.files.value_or(std::vector<std::string>{})) {
    auto path = fs::path(file).lexically_normal();
    if (path.filename() == "RECORD" &&
        path.parent_path().extension() == ".dist-info") {
      return path.parent_path();
    }
  }
  return {};
}

// Return the origins of the files of NEEDED, from the lists of their
// RECORD files the environment gave (reading them again cost a rebuild
// a millisecond).
DependencyOrigins origins_of(const std::vector<Distribution>& needed)
{
  DependencyOrigins origins;
  for (const auto& distribution : needed) {
    auto dist_info = dist_info_of(distribution);
    if (!dist_info.empty()) {
      add_listed_origins(distribution.location,
                         dist_info.filename().string(),
                         *distribution.files,
                         origins);
    }
  }
  return origins;
}

EnvironmentReport query(const EnvironmentRequest& request,
                        const RequirementsSet& set)
{
  auto report = query_environment(
      {find_interpreter(request.environment, request.project_dir),
       request.environment,
       request.architecture,
       request.project_dir,
       set.requirements,
       request.use_packaging,
       request.project_dir / ".slam" / "environment-query"});
  for (const auto& warning : report.warnings) {
    util::warn(fmt::format(
        "python environment '{}': {}", request.environment, warning));
  }
  warn_about_version(request, report.python_version);
  warn_about_platform(request, report);
  return report;
}

} // namespace

Dependencies environment_dependencies(const EnvironmentRequest& request)
{
  auto set = read_requirements(request.requirements, request.requirements_name);
  for (const auto& skipped : set.skipped) {
    util::warn(skipped);
  }
  auto report = query(request, set);
  auto needed = distribution_closure(wanted_of(request, set, report),
                                     report.distributions,
                                     request.environment);
  Dependencies dependencies;
  for (auto& file : files_of(needed, request.environment)) {
    dependencies.files.push_back({std::move(file.path),
                                  std::move(file.source),
                                  file.executable,
                                  file.stamp});
  }
  dependencies.origins = origins_of(needed);
  util::debugf("taking {} distribution{} from the python environment '{}'",
               needed.size(),
               needed.size() == 1 ? "" : "s",
               request.environment);
  return dependencies;
}

} // namespace slam::package
