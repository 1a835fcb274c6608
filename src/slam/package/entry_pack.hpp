#pragma once

#include "slam/package/zip_entry.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A pack file of the entry cache is a run of records, each the 32-byte key
// of a content followed by its encoded entry: magic, method (2 bytes),
// CRC-32 of the content (4), content size (8), stored size (8), CRC-32 of
// the stored bytes (4), then the entry's bytes as stored in the zip. The
// stored size and CRC catch a truncated or damaged record; the content's
// size and CRC catch one that belongs to other content. One pack per build
// keeps a cold build from creating a file per entry, which costs more than
// compressing it on a busy file system.

namespace slam::package {

inline constexpr std::size_t k_pack_key_size = 32;

// Where one record's encoded entry lies in its pack.
struct PackRecord
{
  std::string key{};
  std::uint64_t offset = 0; // of the encoded entry, after the key
  std::uint64_t size = 0;   // of the encoded entry
};

// The records of one pack, and whether the pack held anything else
// (a record cut short, a wrong magic, no record at all).
struct PackIndex
{
  std::vector<PackRecord> records{};
  bool damaged = false;
};

// Return ENTRY encoded for a pack, without its key.
std::string encode_entry(const CompressedEntry& entry);

// Return the entry ENCODED holds when it is whole and made from CONTENT.
std::optional<CompressedEntry> decode_entry(std::string_view encoded,
                                            std::string_view content);

// Return the entry ENCODED holds when it is whole and made from a content
// of SIZE bytes and CRC-32 CRC.
std::optional<CompressedEntry>
decode_entry(std::string_view encoded, std::uint64_t size, std::uint32_t crc);

// Return the records of the pack at PATH, reading only their headers.
PackIndex read_pack_index(const std::filesystem::path& path);

// Return the records of the pack whose bytes are PACK.
PackIndex index_pack(std::string_view pack);

// Return the encoded entry of RECORD in the pack at PATH, or nothing when
// it cannot be read.
std::optional<std::string> read_pack_record(const std::filesystem::path& path,
                                            const PackRecord& record);

} // namespace slam::package
