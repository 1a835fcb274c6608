#pragma once

#include "slam/package/build_progress.hpp"
#include "slam/package/dependencies.hpp"
#include "slam/package/handler_config.hpp"
#include "slam/package/size_report.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace slam::config {
struct Config;
}

namespace slam::package {

class EnvironmentPrefetch;
class SnapshotTaking;

// How to build the package.
struct BuildOptions
{
  bool rebuild_deps = false; // ignore the dependency cache
  bool report = false;       // the size report's groups are wanted
  // The command ends soon after the build, which may leave its memory to
  // the system (util::keep_until_exit) rather than free it.
  bool command_ends = false;
};

// What a build produced.
struct BuildResult
{
  std::filesystem::path zip_path;
  std::string sha256; // of the zip, 64 lowercase hex digits
  std::uint64_t size = 0;
  std::uint64_t unzipped_size = 0;  // sum of the files' sizes
  std::size_t file_count = 0;       // entries in the zip
  std::size_t compressed_count = 0; // entries compressed by this build
  std::size_t cached_count = 0;     // entries taken from .slam/entries/
  bool unchanged = false;           // the zip already there had the same bytes
  // Where the bytes go; only the totals unless BuildOptions::report.
  SizeReport report{};
  CacheHits cache{};
  std::chrono::milliseconds elapsed{}; // the whole build, by build()
};

// Build CONFIG's package into package_path(): the project files (see
// project_files.hpp), the installed dependencies, the embedded runtime
// (slam_handler.py and the slam_adapter package, see runtime_files.hpp),
// slam_config.json and, with package.compile, the bytecode of every .py
// entry (see bytecode.hpp), as a reproducible zip written atomically. Entries
// are compressed on all cores, and only those whose content is not in
// .slam/entries/ yet (see entry_cache.hpp). When the build fails, it
// removes the package of an earlier build, which no longer matches the
// project, and the error says so.
BuildResult build(const config::Config& config, const BuildOptions& options);

// Build CONFIG's package as build() does, with the content of
// DEPENDENCY_DIR as its dependencies. A dependency file at the same path
// as a project file is left out with a warning: the project's own code
// wins. A project or dependency file named like Slam's slam_handler.py or
// slam_config.json, or at slam_adapter, throws slam::Error, and so does a
// function.module that none of the files provides (see module_check.hpp),
// or a native library that cannot load on the configured runtime and
// architecture (see native_check.hpp), or a package over Lambda's
// unzipped limit (see size_report.hpp).
BuildResult
build_with_dependencies(const config::Config& config,
                        const std::filesystem::path& dependency_dir);

// Build CONFIG's package as above, with DEPENDENCIES, taking the entries
// PREFETCH (when not null) compressed ahead, and giving SNAPSHOT (when
// not null) the entries once written.
BuildResult build_with_dependencies(const config::Config& config,
                                    Dependencies dependencies,
                                    EnvironmentPrefetch* prefetch = nullptr,
                                    SnapshotTaking* snapshot = nullptr);

// Return what the summary line of the build that gave RESULT tells.
BuildSummary build_summary(const BuildResult& result);

// Return where CONFIG's package goes: <project>/.slam/<name>.zip.
std::filesystem::path package_path(const config::Config& config);

} // namespace slam::package
