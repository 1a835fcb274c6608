#include "slam/package/dependencies_environment.hpp"

#include "slam/package/dependencies_cache.hpp"
#include "slam/package/distribution_closure.hpp"
#include "slam/package/distribution_files.hpp"
#include "slam/package/python_environment.hpp"
#include "slam/package/python_interpreter.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/package/requirements_file.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <map>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_entry_prefix = "env-";
constexpr size_t k_kept_entries = 3;

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

// Return the requirements whose markers hold on Lambda, warning about
// installed versions that do not match them.
std::vector<Wanted> wanted_of(const EnvironmentRequest& request,
                              const RequirementsSet& set,
                              const EnvironmentReport& report)
{
  std::vector<Wanted> wanted;
  for (size_t i = 0; i < set.requirements.size(); ++i) {
    const auto& requirement = set.requirements[i];
    const auto& status = report.requirements.at(i);
    if (!status.applies) {
      continue;
    }
    if (status.satisfied == false) {
      util::warn(fmt::format(
          "the python environment '{}' has '{}' {}, which does not satisfy "
          "'{}{}' in '{}'",
          request.environment,
          requirement.name,
          status.version.value_or("?"),
          requirement.name,
          requirement.specifier,
          requirement.file));
    }
    wanted.push_back({requirement.name,
                      requirement.extras,
                      fmt::format("'{}'", requirement.file)});
  }
  return wanted;
}

// Return the files of DISTRIBUTIONS, each path once, in path order.
std::vector<DistributionFile> files_of(const std::vector<Distribution>& needed,
                                       const std::string& environment)
{
  std::map<std::string, DistributionFile> unique;
  for (const auto& distribution : needed) {
    for (auto& file : distribution_files(distribution, environment)) {
      unique.emplace(file.path, std::move(file));
    }
  }
  std::vector<DistributionFile> files;
  for (auto& [path, file] : unique) {
    files.push_back(std::move(file));
  }
  return files;
}

// The key changes whenever a copied file does, so a cached copy is always
// the environment's current state.
std::string cache_key(const EnvironmentRequest& request,
                      const std::vector<DistributionFile>& files)
{
  std::string data = fmt::format(
      "{}\n{}\n{}\n", request.runtime, request.architecture, files.size());
  for (const auto& file : files) {
    auto modified = fs::last_write_time(file.source).time_since_epoch();
    data += fmt::format("{}\n{}\n{}\n{}\n",
                        file.path,
                        file.source.string(),
                        fs::file_size(file.source),
                        modified.count());
  }
  return util::sha256_hex(data);
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
       request.use_packaging});
  for (const auto& warning : report.warnings) {
    util::warn(fmt::format(
        "python environment '{}': {}", request.environment, warning));
  }
  warn_about_version(request, report.python_version);
  warn_about_platform(request, report);
  return report;
}

} // namespace

std::filesystem::path
copy_from_environment(const EnvironmentRequest& request,
                      const std::filesystem::path& cache_root,
                      bool rebuild,
                      bool* reused)
{
  auto set = read_requirements(request.requirements, request.requirements_name);
  for (const auto& skipped : set.skipped) {
    util::warn(skipped);
  }
  auto report = query(request, set);
  auto needed = distribution_closure(wanted_of(request, set, report),
                                     report.distributions,
                                     request.environment);
  auto files = files_of(needed, request.environment);

  auto name = std::string(k_entry_prefix) + cache_key(request, files);
  auto entry = cached_entry(
      cache_root,
      name,
      rebuild,
      [&](const fs::path& folder) {
        util::notef(
            "copying {} distribution{} from the python environment '{}'",
            needed.size(),
            needed.size() == 1 ? "" : "s",
            request.environment);
        copy_distribution_files(files, folder);
      },
      reused);
  prune_entries(cache_root, std::string(k_entry_prefix), k_kept_entries);
  return entry;
}

} // namespace slam::package
