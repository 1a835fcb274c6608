#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace slam::package {

// What pip installs, and for which Lambda function.
struct PipRequest
{
  std::filesystem::path requirements{}; // the requirements file
  std::string requirements_name{};      // as configured, for messages
  std::string runtime{};                // "python3.12"
  std::string architecture{};           // "x86_64" or "arm64"
  std::vector<std::string> pip_options{};
  std::string python = "python3";      // the interpreter that runs pip
  std::filesystem::path project_dir{}; // where relative pip options start
  // Distributions pip builds from source on this machine, as configured.
  std::vector<std::string> build_from_source{};
};

// Return the options that make pip choose wheels for the Lambda runtime and
// architecture of REQUEST, and nothing else.
std::vector<std::string> pip_target_options(const PipRequest& request);

// Return the command line that installs REQUEST into TARGET as wheels for
// the Lambda platform, looking in SOURCE_WHEELS, when given, for the wheels
// built from source.
std::vector<std::string>
pip_command(const PipRequest& request,
            const std::filesystem::path& target,
            const std::filesystem::path& source_wheels = {});

// Return the cache key of REQUEST: a SHA-256 over the content of the
// requirements files, the runtime, the architecture, the target options,
// the interpreter, pip's options and what is built from source.
std::string pip_cache_key(const PipRequest& request);

// Return the requirement pip's error OUTPUT says it found no distribution
// for, or "" when it says no such thing.
std::string unavailable_requirement(const std::string& output);

// Return a folder holding what pip installs for REQUEST, taken from the
// cache under CACHE_ROOT unless REBUILD. Throw slam::Error with the end of
// pip's output when pip fails, naming a requirement that has no wheel for
// Lambda and what to do about it. Set *REUSED, when given, to whether the
// cache had them.
std::filesystem::path install_with_pip(const PipRequest& request,
                                       const std::filesystem::path& cache_root,
                                       bool rebuild,
                                       bool* reused = nullptr);

} // namespace slam::package
