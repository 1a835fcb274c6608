#include "slam/package/package.hpp"

#include "slam/config/config.hpp"
#include "slam/package/bytecode.hpp"
#include "slam/package/dependencies.hpp"
#include "slam/package/dependency_origins.hpp"
#include "slam/package/entry_cache.hpp"
#include "slam/package/environment_prefetch.hpp"
#include "slam/package/fast_build.hpp"
#include "slam/package/module_check.hpp"
#include "slam/package/native_check.hpp"
#include "slam/package/package_zip.hpp"
#include "slam/package/parallel_compression.hpp"
#include "slam/package/project_files.hpp"
#include "slam/package/python_interpreter.hpp"
#include "slam/package/runtime_files.hpp"
#include "slam/package/stat_index.hpp"
#include "slam/package/take_snapshot.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <memory>
#include <thread>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Return PROJECT plus those of DEPENDENCIES that do not clash with it.
std::vector<PackageFile> merge_files(std::vector<PackageFile> project,
                                     std::vector<PackageFile> dependencies)
{
  std::map<std::string, fs::path> project_sources;
  for (const auto& file : project) {
    project_sources.emplace(file.path, file.source);
  }
  auto merged = std::move(project);
  merged.reserve(merged.size() + dependencies.size());
  for (auto& file : dependencies) {
    auto clash = project_sources.find(file.path);
    if (clash == project_sources.end()) {
      // Moved: copying a path copies each of its parsed components.
      merged.push_back(std::move(file));
      continue;
    }
    util::warn(fmt::format("'{}' of the project hides '{}' of the "
                           "dependencies; the package gets the project's",
                           clash->second.string(),
                           file.source.string()));
  }
  return merged;
}

// Return the sources of every entry: FILES, Slam's runtime and CONFIG's
// slam_config.json.
std::vector<EntrySource> entry_sources(const config::Config& config,
                                       const std::vector<PackageFile>& files)
{
  // FILES first: origin_files() matches the first entries with them.
  std::vector<EntrySource> sources;
  for (const auto& file : files) {
    // Stamped when listed; stat()ing every file again cost a rebuild.
    auto stamp = file.stamp ? *file.stamp : file_stamp(file.source);
    sources.push_back({file.path, file.executable, file.source, {}, stamp});
  }
  for (auto& runtime : runtime_sources()) {
    sources.push_back(std::move(runtime));
  }
  sources.push_back({k_handler_config_name,
                     false,
                     {},
                     handler_config_file(handler_config(config))});
  return sources;
}

// Return "name version" of the distribution ORIGINS says brought each of
// SOURCE_COUNT entries, FILES first, then Slam's own files (none): what
// the size reports group by. Found once for both reports: the lookups
// cost a rebuild a millisecond each.
std::vector<std::string> distributions_of(const std::vector<PackageFile>& files,
                                          std::size_t source_count,
                                          const DependencyOrigins& origins)
{
  std::vector<std::string> distributions(source_count);
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (const auto* origin = origins.find(files[i].source)) {
      distributions[i] = fmt::format("{} {}", origin->name, origin->version);
    }
  }
  return distributions;
}

// Return the sizes of the entries HEADERS describe, each brought by the
// distribution of the same index of DISTRIBUTIONS.
std::vector<SizedFile>
sized_files(const std::vector<std::string>& distributions,
            const std::vector<ZipEntryHeader>& headers)
{
  std::vector<SizedFile> sized;
  sized.reserve(headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto& header = headers[i];
    sized.push_back(
        {header.name, distributions[i], header.size, header.stored_size});
  }
  return sized;
}

// Return the part of the package each source is of: FILES (the first
// PROJECT_COUNT the project's), then Slam's runtime and slam_config.json,
// then the BYTECODE of some of them.
std::vector<PackagePart> parts_of(std::size_t project_count,
                                  std::size_t file_count,
                                  std::size_t source_count,
                                  const std::vector<PycEntry>& bytecode)
{
  std::vector<PackagePart> parts(file_count, PackagePart::dependencies);
  std::fill_n(parts.begin(), project_count, PackagePart::project);
  parts.resize(source_count - 1, PackagePart::runtime);
  parts.push_back(PackagePart::project); // slam_config.json
  for (const auto& pyc : bytecode) {
    parts.push_back(parts[pyc.source]);
  }
  return parts;
}

// Return the report of SOURCES as listed, before any is compressed: the
// unzipped sizes from the files' stamps, no zipped sizes yet.
SizeReport listed_size_report(const std::vector<std::string>& distributions,
                              const std::vector<EntrySource>& sources)
{
  std::vector<SizedFile> sized;
  sized.reserve(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& source = sources[i];
    auto size = source.content ? source.content->size()
                               : (source.stamp ? source.stamp->size : 0);
    sized.push_back({source.name, distributions[i], size, 0});
  }
  auto report = size_report(sized);
  report.zipped_known = false;
  return report;
}

void check_size(const SizeReport& report)
{
  auto error = size_limit_error(report, k_lambda_unzipped_limit);
  if (!error.empty()) {
    throw Error(error);
  }
}

// Remove the package at PATH that a failed build leaves: it no longer
// matches the project, and nothing must deploy it as this build's. Return
// whether there was one.
bool remove_stale_package(const fs::path& path)
{
  std::error_code error;
  fs::remove(snapshot_path(path), error);
  fs::remove(partial_path(path), error);
  fs::remove(layout_path(path), error);
  return fs::remove(path, error);
}

// Throw FAILURE again, of the same type, saying that the package at PATH
// was removed when there was one.
template <typename Failure>
[[noreturn]] void fail_without_stale_package(const Failure& failure,
                                             const fs::path& path)
{
  if (!remove_stale_package(path)) {
    throw failure;
  }
  std::error_code error;
  auto shown = fs::relative(path, error);
  throw Failure(fmt::format("{}\nremoved the previous package '{}' so that "
                            "nothing deploys it by mistake",
                            failure.what(),
                            (error || shown.empty() ? path : shown).string()));
}

// Save what this build added to CACHE and INDEX; a failure only loses
// time later, so nothing is thrown.
void save_caches(EntryCache& cache, StatIndex& index) noexcept
{
  try {
    cache.prune();
    index.save();
  } catch (const std::exception& error) {
    util::debugf("cannot save the build's caches: {}", error.what());
  }
}

// Return a prefetch of the files of CONFIG's virtualenv when this is a
// first build (no stat index yet) from one, else nothing: later builds
// find their files in the entry cache.
std::unique_ptr<EnvironmentPrefetch>
start_prefetch(const config::Config& config)
{
  const auto& environment = config.package.python_environment;
  auto project_dir = fs::absolute(config.project_dir);
  std::error_code error;
  if (environment.empty() ||
      fs::exists(project_dir / ".slam" / k_stat_index_name, error)) {
    return nullptr;
  }
  try {
    auto folders =
        virtualenv_site_packages(find_interpreter(environment, project_dir));
    if (folders.empty()) {
      return nullptr;
    }
    return std::make_unique<EnvironmentPrefetch>(std::move(folders));
  } catch (const Error&) {
    return nullptr; // preparing the dependencies reports it
  }
}

// Build as build() does, leaving the package of an earlier build when
// this one fails.
BuildResult build_package(const config::Config& config,
                          const BuildOptions& options)
{
  auto start = std::chrono::steady_clock::now();
  // Gone before anything changes: the next build takes the long way
  // unless this one finishes.
  remove_snapshot(snapshot_path(package_path(config)));
  SnapshotTaking snapshot;
  auto prefetch = start_prefetch(config);
  auto dependencies =
      prepare_dependencies(config, DependencyOptions{options.rebuild_deps});
  if (prefetch) {
    prefetch->stop();
  }
  auto reused = dependencies.reused;
  auto result = build_with_dependencies(
      config, std::move(dependencies), prefetch.get(), &snapshot);
  result.cache.dependencies = reused;
  if (auto taken = snapshot.finish(config, reused)) {
    save_snapshot(snapshot_path(result.zip_path), *taken);
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return result;
}

} // namespace

BuildSummary build_summary(const BuildResult& result)
{
  return {result.file_count,
          result.size,
          result.unzipped_size,
          result.elapsed,
          result.cache,
          result.unchanged};
}

fs::path package_path(const config::Config& config)
{
  return config.project_dir / ".slam" / (config.name + ".zip");
}

BuildResult build(const config::Config& config, const BuildOptions& options)
{
  auto path = package_path(config);
  try {
    if (auto fast = fast_build(config, options)) {
      return std::move(*fast);
    }
    return build_package(config, options);
  } catch (const Interrupted& failure) {
    fail_without_stale_package(failure, path);
  } catch (const UsageError& failure) {
    fail_without_stale_package(failure, path);
  } catch (const Error& failure) {
    fail_without_stale_package(failure, path);
  } catch (...) {
    remove_stale_package(path);
    throw;
  }
}

BuildResult build_with_dependencies(const config::Config& config,
                                    const fs::path& dependency_dir)
{
  return build_with_dependencies(config, folder_dependencies(dependency_dir));
}

BuildResult build_with_dependencies(const config::Config& config,
                                    Dependencies dependencies,
                                    EnvironmentPrefetch* prefetch,
                                    SnapshotTaking* snapshot)
{
  auto project = project_files(config);
  auto project_count = project.size();
  auto files = merge_files(std::move(project), std::move(dependencies.files));
  check_reserved_names(files);
  check_module(config, files);
  const auto& origins = dependencies.origins;

  EntryCache cache(config.project_dir / ".slam" / "entries");
  StatIndex stat_index(config.project_dir / ".slam" / k_stat_index_name);
  auto sources = entry_sources(config, files);
  // The files alone over the limit fail the build before any is read.
  auto distributions = distributions_of(files, sources.size(), origins);
  check_size(listed_size_report(distributions, sources));
  auto bytecode = bytecode_entries(config, sources, project_count);
  for (const auto& pyc : bytecode) {
    // A .pyc comes with its source.
    distributions.push_back(distributions[pyc.source]);
  }
  auto parts = parts_of(project_count, files.size(), sources.size(), bytecode);
  for (auto& pyc : bytecode) {
    sources.push_back(std::move(pyc.entry));
  }
  BuildResult result;
  result.zip_path = package_path(config);
  PackingProgress progress(sources.size());
  PackageZip zip(result.zip_path,
                 sources,
                 parts,
                 cache,
                 stat_index,
                 prefetch,
                 [&](auto size) { progress.add_file(size); });
  // After packing, which learnt which files start with the ELF magic:
  // opening every file for it cost a build more than a tenth of its time.
  check_native_files(
      files,
      zip.elf(),
      origins,
      {config.aws.lambda_runtime, config.aws.lambda_architecture});
  // Saved while the zip is assembled: writing a cold build's pack costs
  // about as much as writing the zip.
  std::jthread saving([&] { save_caches(cache, stat_index); });
  if (prefetch) {
    auto [made, taken] = prefetch->counts();
    util::debugf("prefetched {} entries of the python environment, of "
                 "which the package took {}",
                 made,
                 taken);
  }

  result.file_count = sources.size();
  result.compressed_count = zip.compressed();
  result.cached_count = zip.cached();
  result.cache.entries = zip.cached();
  result.report = size_report(sized_files(distributions, zip.headers()));
  result.unzipped_size = result.report.unzipped;
  check_size(result.report);
  result.size = zip.size();
  auto written = zip.write();
  if (snapshot) {
    snapshot->take_entries(sources, parts, zip);
  }
  result.sha256 = written.sha256;
  result.unchanged = written.unchanged;
  util::debugf("package '{}': {} files ({} compressed, {} cached), {} "
               "bytes, sha256 {}",
               result.zip_path.string(),
               result.file_count,
               result.compressed_count,
               result.cached_count,
               result.size,
               result.sha256);
  return result;
}

} // namespace slam::package
