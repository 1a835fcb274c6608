#pragma once

#include "slam/package/zip_entry.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slam::package {

// Return the zip archive of ENTRIES, byte for byte the same for the same
// entries: sorted by name, every timestamp 1980-01-01 00:00:00, "made by"
// Unix with mode 0644 (0755 when executable), the UTF-8 flag on non-ASCII
// names, no folder entries (unzip tools create folders as needed), no
// comments, and no extra fields but Zip64's: from 65535 entries, 4 GiB of
// archive or a 4 GiB file on, Zip64 records (APPNOTE 4.3.14, 4.5.3) hold
// what the 32-bit fields cannot.
//
// Throw slam::Error for a name that is empty, absolute, has an empty,
// "." or ".." segment or is not valid UTF-8, for a name used twice or
// both as a file and as a folder.
std::string assemble_zip(std::vector<CompressedEntry> entries);

// The archive assemble_zip() returns, laid out as pieces to hash, compare
// and write in order (headers, then each entry's stored bytes where they
// already are), so that a build never copies the whole package into one
// buffer: that copy, its page faults and freeing it cost a rebuild more
// than writing the file.
class ZipArchive
{
public:
  // Lay out ENTRIES as assemble_zip() does, throwing the same errors.
  explicit ZipArchive(std::vector<CompressedEntry> entries);

  // The views point into this object.
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Return the archive's bytes as pieces in order.
  const std::vector<std::string_view>& pieces() const { return m_pieces; }

  std::uint64_t size() const { return m_size; }

  // Return the archive's bytes in one string.
  std::string bytes() const;

private:
  std::vector<CompressedEntry> m_entries; // sorted, holding the data
  std::string m_local_headers;            // each entry's, one after another
  std::string m_tail;                     // central directory, end records
  std::vector<std::string_view> m_pieces;
  std::uint64_t m_size = 0;
};

} // namespace slam::package
