#pragma once

#include "slam/package/distribution.hpp"
#include "slam/package/requirements_spec.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace slam::package {

// What to ask a Python environment.
struct EnvironmentQuery
{
  std::filesystem::path interpreter{};
  std::string name{};         // as configured, for messages
  std::string architecture{}; // of the Lambda function, for markers
  // Where the interpreter runs, so that a pyenv shim picks the project's
  // version; empty: the current folder.
  std::filesystem::path project_dir{};
  // Requirements whose markers and specifiers the environment evaluates.
  std::vector<Requirement> requirements{};
  // False: evaluate markers without the packaging library even when the
  // environment has it.
  bool use_packaging = true;
  // Where to keep the answer for the next query (environment_cache.hpp);
  // empty: ask the interpreter every time.
  std::filesystem::path cache_file{};
};

// How one requirement of the query fares in the environment.
struct RequirementStatus
{
  bool applies = true;                  // its marker holds on Lambda
  std::optional<std::string> version{}; // installed; nullopt: not installed
  std::optional<bool> satisfied{};      // by VERSION; nullopt: unknown

  bool operator==(const RequirementStatus&) const = default;
};

// What a Python environment has installed.
struct EnvironmentReport
{
  std::string python_version{}; // major.minor
  std::string system{};         // platform.system(): "Linux", "Darwin"...
  std::string machine{};        // platform.machine(): "x86_64", "arm64"...
  std::vector<Distribution> distributions{};
  std::vector<RequirementStatus> requirements{}; // one per query requirement
  std::vector<std::string> warnings{};
  std::string executable{};               // the interpreter's real path
  std::vector<std::string> search_path{}; // sys.path

  bool operator==(const EnvironmentReport&) const = default;
};

// Return what the environment of QUERY has installed, asking its
// interpreter once, or not at all when QUERY's cache file still holds its
// answer. Throw slam::Error naming the environment when the
// interpreter fails or does not answer.
EnvironmentReport query_environment(const EnvironmentQuery& query);

// Return the report in OUTPUT, the JSON the environment script writes.
// Throw slam::Error when it is not such a report.
EnvironmentReport parse_environment_report(const std::string& output);

} // namespace slam::package
