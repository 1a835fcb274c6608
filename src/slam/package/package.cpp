#include "slam/package/package.hpp"

#include "slam/config/config.hpp"
#include "slam/package/bytecode.hpp"
#include "slam/package/dependencies.hpp"
#include "slam/package/dependency_origins.hpp"
#include "slam/package/entry_cache.hpp"
#include "slam/package/environment_prefetch.hpp"
#include "slam/package/module_check.hpp"
#include "slam/package/native_check.hpp"
#include "slam/package/parallel_compression.hpp"
#include "slam/package/project_files.hpp"
#include "slam/package/python_interpreter.hpp"
#include "slam/package/runtime_files.hpp"
#include "slam/package/stat_index.hpp"
#include "slam/package/zip_writer.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <map>
#include <memory>
#include <thread>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Return PROJECT plus those of DEPENDENCIES that do not clash with it.
std::vector<PackageFile>
merge_files(std::vector<PackageFile> project,
            const std::vector<PackageFile>& dependencies)
{
  std::map<std::string, fs::path> project_sources;
  for (const auto& file : project) {
    project_sources.emplace(file.path, file.source);
  }
  auto merged = std::move(project);
  for (const auto& file : dependencies) {
    auto clash = project_sources.find(file.path);
    if (clash == project_sources.end()) {
      merged.push_back(file);
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
    sources.push_back({file.path, file.executable, file.source, {}});
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

// Return the file each of SOURCES was read from (or, for bytecode, the
// file of its source), empty for the files Slam makes: what decides which
// distribution brought an entry.
std::vector<fs::path> origin_files(const std::vector<PackageFile>& files,
                                   const std::vector<PycEntry>& bytecode,
                                   std::size_t source_count)
{
  std::vector<fs::path> origins(source_count);
  for (std::size_t i = 0; i < files.size(); ++i) {
    origins[i] = files[i].source;
  }
  for (const auto& pyc : bytecode) {
    origins.push_back(origins[pyc.source]);
  }
  return origins;
}

// Return the sizes of ENTRIES, each read from the file of the same index
// of FILES, with the distribution ORIGINS says brought it.
std::vector<SizedFile> sized_files(const std::vector<fs::path>& files,
                                   const std::vector<CompressedEntry>& entries,
                                   const DependencyOrigins& origins)
{
  std::vector<SizedFile> sized;
  sized.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    const auto* origin = files[i].empty() ? nullptr : origins.find(files[i]);
    sized.push_back(
        {entry.name,
         origin ? fmt::format("{} {}", origin->name, origin->version) : "",
         entry.size,
         entry.data.size()});
  }
  return sized;
}

void check_size(const SizeReport& report)
{
  auto error = size_limit_error(report, k_lambda_unzipped_limit);
  if (!error.empty()) {
    throw Error(error);
  }
}

// Return whether the file at PATH holds ARCHIVE. Compared byte for byte,
// and only when the sizes agree: hashing the old zip cost a rebuild more.
bool holds_archive(const fs::path& path, const std::string& archive)
{
  std::error_code error;
  if (!fs::is_regular_file(path, error) ||
      fs::file_size(path, error) != archive.size() || error) {
    return false;
  }
  try {
    return util::read_file(path) == archive;
  } catch (const Error&) {
    return false;
  }
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
  auto start = std::chrono::steady_clock::now();
  auto prefetch = start_prefetch(config);
  auto dependencies =
      prepare_dependencies(config, DependencyOptions{options.rebuild_deps});
  if (prefetch) {
    prefetch->stop();
  }
  auto reused = dependencies.reused;
  auto result = build_package(config, std::move(dependencies), prefetch.get());
  result.cache.dependencies = reused;
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return result;
}

BuildResult build_with_dependencies(const config::Config& config,
                                    const fs::path& dependency_dir)
{
  return build_with_dependencies(config, folder_dependencies(dependency_dir));
}

BuildResult build_with_dependencies(const config::Config& config,
                                    Dependencies dependencies)
{
  return build_package(config, std::move(dependencies), nullptr);
}

BuildResult build_package(const config::Config& config,
                          Dependencies dependencies,
                          EnvironmentPrefetch* prefetch)
{
  auto project = project_files(config);
  auto project_count = project.size();
  auto files = merge_files(std::move(project), dependencies.files);
  check_reserved_names(files);
  check_module(config, files);
  const auto& origins = dependencies.origins;
  check_native_files(
      files,
      origins,
      {config.aws.lambda_runtime, config.aws.lambda_architecture});

  EntryCache cache(config.project_dir / ".slam" / "entries");
  StatIndex stat_index(config.project_dir / ".slam" / k_stat_index_name);
  auto sources = entry_sources(config, files);
  auto bytecode = bytecode_entries(config, sources, project_count);
  auto origin_of_entry = origin_files(files, bytecode, sources.size());
  for (auto& pyc : bytecode) {
    sources.push_back(std::move(pyc.entry));
  }
  PackingProgress progress(sources.size());
  auto compressed = compress_sources(
      sources,
      &cache,
      compression_threads(),
      [&](auto size) { progress.add_file(size); },
      &stat_index,
      prefetch);
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
  auto& entries = compressed.entries;

  BuildResult result;
  result.zip_path = package_path(config);
  result.file_count = entries.size();
  result.compressed_count = compressed.compressed;
  result.cached_count = compressed.cached;
  result.cache.entries = compressed.cached;
  result.report = size_report(sized_files(origin_of_entry, entries, origins));
  result.unzipped_size = result.report.unzipped;
  check_size(result.report);
  auto archive = assemble_zip(std::move(entries));
  result.size = archive.size();
  result.sha256 = util::sha256_hex(archive);
  result.unchanged = holds_archive(result.zip_path, archive);

  if (!result.unchanged) {
    std::error_code error;
    fs::create_directories(result.zip_path.parent_path(), error);
    if (error) {
      throw Error(fmt::format("cannot create folder '{}': {}",
                              result.zip_path.parent_path().string(),
                              error.message()));
    }
    util::write_file_atomic(result.zip_path, archive);
  }
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
