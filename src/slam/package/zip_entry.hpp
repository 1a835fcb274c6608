#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slam::package {

// How the bytes of a zip entry are stored.
enum class ZipMethod : std::uint16_t { stored = 0, deflated = 8 };

// Slam's fixed deflate level. On a package of boto3 and Flask (23 MB),
// libdeflate's 4 takes about a quarter less time than 6 for 0.4% more
// compressed bytes, and still matches `zip -qr` within 0.5%; 6 is within
// 1% of 9 at under half the time. Lower levels save more time but give
// up more size, which every upload pays again.
inline constexpr int k_deflate_level = 4;

// Return what decides how compress_entry() turns a content into bytes:
// part of every key of stored entries, so that a new compressor or level
// does not reuse old bytes.
std::string compression_settings();

// One file ready to be placed in a zip archive. Kept apart from the
// archive so that entries can be compressed in parallel or taken from a
// cache, then assembled (see zip_writer.hpp).
struct CompressedEntry
{
  std::string name;        // path inside the archive, '/'-separated
  bool executable = false; // mode 0755 instead of 0644
  ZipMethod method = ZipMethod::stored;
  std::uint32_t crc32 = 0; // of the uncompressed content
  std::uint64_t size = 0;  // uncompressed
  std::string data;        // the bytes as stored; their size is the
                           // compressed size

  bool operator==(const CompressedEntry&) const = default;
};

// What a zip's headers say of an entry: all but its stored bytes. Enough
// to lay out the headers of an entry whose bytes are already in the file.
struct ZipEntryHeader
{
  std::string name;
  bool executable = false;
  ZipMethod method = ZipMethod::stored;
  std::uint32_t crc32 = 0;
  std::uint64_t size = 0;        // uncompressed
  std::uint64_t stored_size = 0; // compressed

  bool operator==(const ZipEntryHeader&) const = default;
};

// Return what the headers of ENTRY say.
ZipEntryHeader header_of(const CompressedEntry& entry);

// Return CONTENT as the entry NAME, deflated at k_deflate_level, or stored
// when deflating does not make it smaller or it is in a compressed format
// already (gzip, zip, xz, zstd, png, jpeg).
CompressedEntry
compress_entry(std::string name, std::string_view content, bool executable);

// Return the CRC-32 of DATA (the one zip uses).
std::uint32_t crc32(std::string_view data);

// Append to OUT the CRC-32 of all it holds: the trailer of the files Slam
// keeps beside a zip (its snapshot and its layout).
void seal_with_crc32(std::string& out);

// Return whether BYTES begin with MAGIC and end with the CRC-32 of all
// before it, as seal_with_crc32() left them.
bool sealed_with_crc32(std::string_view bytes, std::string_view magic);

} // namespace slam::package
