#pragma once

#include "slam/package/build_inputs.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/package_order.hpp"
#include "slam/util/log.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A build snapshot, saved beside the zip (.slam/<name>.zip.snapshot) by
// every build that finished: what it was built from, so that the next
// build can tell with stat() alone that only some project files changed,
// and then rewrite only those entries (fast_build.hpp) instead of
// listing, asking the python environment and looking up every file again.
// It holds the key of everything else that decides the package
// (snapshot_key()), the messages the build told, the inputs it read
// (build_inputs.hpp) and each entry's source file and stamp in the zip's
// order. A stamp taken within the timestamp granularity of the save is
// marked unsettled: the next build reads that file (or lists that
// folder) again rather than trusting it.
//
// The snapshot does not describe the zip: the zip's layout
// (zip_layout.hpp), which must match the zip there, does; the entries'
// list and order, which the snapshot keeps, change only in a build of the
// long way, which removes the snapshot before anything else.
//
// Format: "SLAMBS1\n", the key (2-byte length and text), whether the
// dependencies came from their cache (1: 0 no, 1 yes, 2 unknown), messages
// (count 4; each warning 1, text 4-byte length), exact inputs (count 4; each
// path, stamp), listed folders (count 4; each path, stamp, unsettled 1, names
// 2-byte length), sources (count 8; each part 1, flags 1 (1 unsettled, 2 ELF),
// path, stamp), part starts (count 4, each 8), then the CRC-32 of all before
// it. Paths are front-coded: 2-byte length shared with the previous path of the
// same list, 2-byte length of the rest, the rest. Numbers are little-endian.

namespace slam::package {

struct SnapshotFolder
{
  ListedFolder folder;
  bool unsettled = false;

  bool operator==(const SnapshotFolder&) const = default;
};

// One entry's source: a file, or content in memory (no path).
struct SnapshotSource
{
  std::string file; // empty: content in memory (runtime, slam_config.json)
  FileStamp stamp;
  PackagePart part = PackagePart::project;
  bool unsettled = false; // read it again next time
  bool elf = false;       // its content starts with the ELF magic

  bool operator==(const SnapshotSource&) const = default;
};

struct BuildSnapshot
{
  std::string key;
  std::optional<bool> dependencies_reused;
  std::vector<util::ToldMessage> messages;
  std::vector<ExactInput> exact;
  std::vector<SnapshotFolder> folders;
  std::vector<SnapshotSource> sources; // in the zip's order
  std::vector<std::size_t> part_starts;

  bool operator==(const BuildSnapshot&) const = default;
};

// Return where the snapshot of the zip at ZIP is kept.
std::filesystem::path snapshot_path(const std::filesystem::path& zip);

std::string encode_snapshot(const BuildSnapshot& snapshot);

// Return the snapshot BYTES hold, or nothing when they are not a whole
// snapshot of this format.
std::optional<BuildSnapshot> decode_snapshot(std::string_view bytes);

// Return the snapshot at PATH, or nothing when it is missing or damaged.
std::optional<BuildSnapshot> load_snapshot(const std::filesystem::path& path);

// Write SNAPSHOT to PATH atomically; a failure is logged, not thrown: the
// next build only takes the long way.
void save_snapshot(const std::filesystem::path& path,
                   const BuildSnapshot& snapshot);

// Remove the snapshot at PATH, before the zip it describes changes;
// throw slam::Error when it is there and cannot be removed.
void remove_snapshot(const std::filesystem::path& path);

} // namespace slam::package
