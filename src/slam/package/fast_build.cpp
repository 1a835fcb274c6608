#include "slam/package/fast_build.hpp"

#include "slam/config/config.hpp"
#include "slam/package/fast_inputs.hpp"
#include "slam/package/handler_config.hpp"
#include "slam/package/little_endian.hpp"
#include "slam/package/native_check.hpp"
#include "slam/package/package_zip.hpp"
#include "slam/package/zip_layout.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/keep_until_exit.hpp"
#include "slam/util/log.hpp"

#include <cstdlib>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// The variables that change which Python answers, where it looks for
// distributions and which interpreters are found.
constexpr const char* k_key_variables[] = {"PYTHONPATH",
                                           "PYTHONHOME",
                                           "PYTHONUSERBASE",
                                           "PYTHONNOUSERSITE",
                                           "PYTHONSAFEPATH",
                                           "HOME",
                                           "PATH"};

// More changed files than this outside the project: the long way reads
// them on all cores and caches what it learns.
constexpr std::size_t k_most_suspects = 64;

void add_field(std::string& data, std::string_view field)
{
  put32(data, static_cast<std::uint32_t>(field.size()));
  data += field;
}

bool exact_inputs_hold(const BuildSnapshot& snapshot)
{
  for (const auto& input : snapshot.exact) {
    if (stamp_at(input.path.c_str()) != input.stamp) {
      util::debugf("build snapshot: '{}' changed", input.path);
      return false;
    }
  }
  return true;
}

// Return whether every listed folder would still list the same entries;
// update the stamps of those that do with another stamp.
bool folders_hold(BuildSnapshot& snapshot)
{
  for (auto& [folder, unsettled] : snapshot.folders) {
    auto stamp = stamp_at(folder.path.c_str());
    if (stamp == folder.stamp && !unsettled) {
      continue;
    }
    if (stamp == FileStamp{} || folder_names(folder.path) != folder.names) {
      util::debugf("build snapshot: the entries of '{}' changed", folder.path);
      return false;
    }
    folder.stamp = stamp;
  }
  return true;
}

ContentId layout_content(const LayoutEntry& entry, bool elf)
{
  return {entry.content_sha256, entry.header.size, entry.header.crc32, elf};
}

bool same_content(const ContentId& id, const LayoutEntry& entry)
{
  return id.sha256 == entry.content_sha256 && id.size == entry.header.size &&
         id.crc32 == entry.header.crc32;
}

bool is_executable(const fs::file_status& status)
{
  auto exec =
      fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  return (status.permissions() & exec) != fs::perms::none;
}

// The entries of a fast build: each one's source and content.
struct FastEntries
{
  std::vector<EntrySource> sources;
  std::vector<std::optional<ContentId>> known;
  // A file outside the project has another stamp but the same content:
  // reading it again next time costs, so the snapshot takes its stamp. A
  // project file read again is small and just read again next time.
  bool restamp = false;
};

// Read the file of SOURCE again into ENTRY, with its identity in KNOWN;
// return false when the change needs the long way.
bool read_again(const SnapshotSource& source,
                const LayoutEntry& old,
                EntrySource& entry,
                std::optional<ContentId>& known)
{
  std::error_code error;
  auto [status, stamp] = status_and_stamp(source.file, error);
  if (error || !fs::is_regular_file(status)) {
    return false; // gone or replaced by a folder: the list changed
  }
  auto read = read_stamped(source.file);
  auto id = content_id(read.content);
  entry.executable = is_executable(status);
  entry.stamp = read.stamp;
  known = id;
  if (same_content(id, old) && entry.executable == old.header.executable) {
    return true;
  }
  if (source.part != PackagePart::project) {
    util::debugf("build snapshot: '{}' changed", source.file);
    return false;
  }
  if (id.elf || is_native_path(old.header.name)) {
    util::debugf("build snapshot: '{}' needs the native-file check",
                 source.file);
    return false;
  }
  entry.content = std::move(read.content);
  return true;
}

// Return the entries of SNAPSHOT's sources, whose files now have STAMPS,
// in the zip whose layout is LAYOUT; nothing when one changed in a way
// only the long way handles.
std::optional<FastEntries> fast_entries(const BuildSnapshot& snapshot,
                                        const ZipLayout& layout,
                                        const std::vector<FileStamp>& stamps)
{
  const auto& sources = snapshot.sources;
  FastEntries entries;
  entries.sources.resize(sources.size());
  entries.known.resize(sources.size());
  std::size_t suspects = 0;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& source = sources[i];
    const auto& old = layout.entries[i];
    auto& entry = entries.sources[i];
    entry.name = old.header.name;
    entry.executable = old.header.executable;
    if (!source.file.empty()) {
      entry.stamp = stamps[i];
    }
    entries.known[i] = layout_content(old, source.elf);
    bool suspect =
        !source.file.empty() && (stamps[i] != source.stamp || source.unsettled);
    if (!suspect) {
      continue;
    }
    if (source.part != PackagePart::project && ++suspects > k_most_suspects) {
      return std::nullopt;
    }
    // Only a file read again needs its path: making one costs.
    entry.file = source.file;
    if (!read_again(source, old, entry, entries.known[i])) {
      return std::nullopt;
    }
    entries.restamp = entries.restamp || source.part != PackagePart::project;
  }
  return entries;
}

// Return SNAPSHOT with the stamps of ENTRIES made into PACKAGE.
BuildSnapshot next_snapshot(BuildSnapshot snapshot,
                            const FastEntries& entries,
                            const PackageZip& package)
{
  auto now = now_ns();
  for (std::size_t i = 0; i < snapshot.sources.size(); ++i) {
    auto& source = snapshot.sources[i];
    if (source.file.empty()) {
      continue;
    }
    source.stamp = *entries.sources[i].stamp;
    source.unsettled = !settled_before(source.stamp, now);
    source.elf = package.elf()[i];
  }
  for (auto& [folder, unsettled] : snapshot.folders) {
    unsettled = !settled_before(folder.stamp, now);
  }
  return snapshot;
}

bool needs_long_way(const config::Config& config, const BuildOptions& options)
{
  // Bytecode needs an interpreter found on PATH and its own cache.
  return options.rebuild_deps || options.report || config.package.compile ||
         config.file.empty();
}

} // namespace

std::string snapshot_key(const config::Config& config)
{
  std::string data;
  add_field(data, "slam " SLAM_VERSION);
  put_stamp(data, stamp_of("/proc/self/exe"));
  add_field(data, fs::current_path().string());
  add_field(data, fs::absolute(config.file).string());
  add_field(data, util::read_file(config.file));
  add_field(data, fs::absolute(config.project_dir).string());
  add_field(data, handler_config_file(handler_config(config)));
  add_field(data, zip_layout_settings());
  for (const auto* name : k_key_variables) {
    const char* value = std::getenv(name);
    add_field(data, value ? std::string("=") + value : std::string());
  }
  return util::sha256_hex(data);
}

std::optional<BuildResult> fast_build(const config::Config& config,
                                      const BuildOptions& options)
{
  if (needs_long_way(config, options)) {
    return std::nullopt;
  }
  auto start = std::chrono::steady_clock::now();
  auto zip = package_path(config);
  auto snapshot_file = snapshot_path(zip);
  std::optional<BuildSnapshot> snapshot; // stamped by INPUTS until its end
  FastInputs inputs(layout_path(zip));
  snapshot = load_snapshot(snapshot_file);
  if (!snapshot) {
    return std::nullopt;
  }
  inputs.stamp(snapshot->sources);
  if (snapshot->key != snapshot_key(config)) {
    util::debugf("build snapshot: of another config, Slam or environment");
    return std::nullopt;
  }
  if (!exact_inputs_hold(*snapshot) || !folders_hold(*snapshot)) {
    return std::nullopt;
  }
  // The layout says what the zip holds, while the zip has its stamp.
  auto layout = inputs.take_layout();
  if (!layout || layout->zip != stamp_of(zip) || layout->zip == FileStamp{} ||
      layout->entries.size() != snapshot->sources.size()) {
    return std::nullopt;
  }
  auto entries = fast_entries(*snapshot, *layout, inputs.take_stamps());
  if (!entries) {
    return std::nullopt;
  }
  PackageZip package(zip,
                     entries->sources,
                     snapshot->part_starts,
                     std::move(entries->known),
                     std::move(layout));
  BuildResult result;
  auto [unzipped, zipped] = package.sizes();
  if (unzipped > k_lambda_unzipped_limit) {
    return std::nullopt; // the long way says where the bytes go
  }

  // From here on this is the build.
  for (const auto& message : snapshot->messages) {
    util::tell_again(message);
  }
  auto zip_written = package.write();
  if (entries->restamp) {
    save_snapshot(snapshot_file, next_snapshot(*snapshot, *entries, package));
  }
  result.zip_path = zip;
  result.sha256 = zip_written.sha256;
  result.unchanged = zip_written.unchanged;
  result.size = package.size();
  result.file_count = entries->sources.size();
  result.compressed_count = package.compressed();
  result.cached_count = package.cached();
  result.cache.entries = package.cached();
  result.cache.dependencies = snapshot->dependencies_reused;
  result.unzipped_size = unzipped;
  // Totals only: --report takes the long way for the groups.
  result.report.unzipped = unzipped;
  result.report.zipped = zipped;
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  util::debugf("build snapshot: rebuilt {} of {} entries the fast way",
               package.compressed(),
               result.file_count);
  if (options.command_ends) {
    util::keep_until_exit(std::move(package));
    util::keep_until_exit(std::move(*entries));
    util::keep_until_exit(std::move(*snapshot));
  }
  return result;
}

} // namespace slam::package
