#pragma once

#include "slam/package/file_stamp.hpp"
#include "slam/package/zip_entry.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The layout of a built zip, saved beside it (.slam/<name>.zip.layout) so
// that the next build can rewrite only its end: each entry's headers and
// the SHA-256 of its content, in the zip's order, and the state of the
// zip's SHA-256 at a few entries' starts (checkpoints), from which the
// hash of a new end can be finished without reading what comes before.
// The file is trusted only while the zip has the stamp it records, the
// settings are Slam's own and its trailing CRC-32 matches; otherwise the
// next build writes the whole zip.
//
// Format: "SLAMZL1\n", the settings (4-byte length and text), the zip's
// stamp (file_stamp.hpp), its SHA-256 (64 hex digits), the entry count
// (8), each entry (name length 2, name, executable 1, method 2, CRC-32 4,
// size 8, stored size 8, content SHA-256 32), the checkpoint count (8),
// each checkpoint (entry index 8, state length 2, state), then the CRC-32
// of all before it. Numbers are little-endian.

namespace slam::package {

// One entry of a built zip.
struct LayoutEntry
{
  ZipEntryHeader header;
  std::string content_sha256; // 32 raw bytes

  bool operator==(const LayoutEntry&) const = default;
};

// The state of the zip's SHA-256 where entry ENTRY starts (ENTRY equal to
// the entry count: where the central directory starts).
struct HashCheckpoint
{
  std::size_t entry = 0;
  std::string state; // util::Sha256Stream::state()

  bool operator==(const HashCheckpoint&) const = default;
};

struct ZipLayout
{
  std::string settings;                    // zip_layout_settings() when written
  FileStamp zip;                           // the zip's stamp once written
  std::string sha256;                      // of the zip, 64 hex digits
  std::vector<LayoutEntry> entries;        // in the zip's order
  std::vector<HashCheckpoint> checkpoints; // by entry, ascending

  bool operator==(const ZipLayout&) const = default;
};

// Return what else decides the zip's bytes besides its entries: the
// layout's format, the compression settings and the order of entries. A
// layout saved under other settings is not used.
std::string zip_layout_settings();

// Return where the layout of the zip at ZIP is kept.
std::filesystem::path layout_path(const std::filesystem::path& zip);

// Return LAYOUT as the bytes of a layout file.
std::string encode_layout(const ZipLayout& layout);

// The parts of a zip's layout as a build has them, not yet a ZipLayout:
// the entries' headers and content hashes side by side.
struct LayoutParts
{
  std::string_view sha256;
  const std::vector<ZipEntryHeader>& headers;
  const std::vector<std::string>& contents; // LayoutEntry::content_sha256
  const std::vector<HashCheckpoint>& checkpoints;
};

// Return the bytes of the layout of PARTS under zip_layout_settings(),
// with the zero stamp (set_layout_stamp() gives the zip's): as
// encode_layout() of the same layout, without copying every entry into
// one first.
std::string encode_layout(const LayoutParts& parts);

// Return the layout BYTES hold, or nothing when they are not a whole
// layout file of this format.
std::optional<ZipLayout> decode_layout(std::string_view bytes);

// Return the layout saved at PATH under zip_layout_settings(), or nothing
// when it is missing, damaged or of other settings.
std::optional<ZipLayout> load_layout(const std::filesystem::path& path);

// Write LAYOUT to PATH atomically; a failure is logged, not thrown: the
// next build only writes the whole zip.
void save_layout(const std::filesystem::path& path, const ZipLayout& layout);

// Give BYTES, a layout that encode_layout() returned, STAMP as the zip's
// stamp: a rewrite encodes the layout while the zip goes to disk, and
// the zip has its stamp only once it is in place.
void set_layout_stamp(std::string& bytes, const FileStamp& stamp);

// Write BYTES, a whole layout, to PATH as save_layout() does.
void save_layout_bytes(const std::filesystem::path& path,
                       const std::string& bytes);

} // namespace slam::package
