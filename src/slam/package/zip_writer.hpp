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

// Return ENTRIES sorted by name: the order of assemble_zip().
std::vector<CompressedEntry>
sorted_by_name(std::vector<CompressedEntry> entries);

// The archive assemble_zip() returns, laid out as pieces to hash, compare
// and write in order (headers, then each entry's stored bytes where they
// already are), so that a build never copies the whole package into one
// buffer: that copy, its page faults and freeing it cost a rebuild more
// than writing the file. It can also lay out only the end of an archive
// whose first entries a file already holds: a rebuild then writes only
// what follows them.
class ZipArchive
{
public:
  // Lay out ENTRIES as assemble_zip() does, throwing the same errors.
  explicit ZipArchive(std::vector<CompressedEntry> entries);

  // Lay out, in this order, the entries KEPT describes, then ENTRIES;
  // pieces() starts after the kept ones, whose bytes are not needed.
  // Throw as assemble_zip() does, but leave out the check of the names
  // when NAMES_CHECKED: they are those of a zip that passed it.
  ZipArchive(std::vector<ZipEntryHeader> kept,
             std::vector<CompressedEntry> entries,
             bool names_checked = false);

  // The views point into this object.
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Return the archive's bytes from start() on as pieces in order: for
  // each entry not kept its local header then its stored bytes, then the
  // central directory and end records.
  const std::vector<std::string_view>& pieces() const { return m_pieces; }

  // Return where pieces() start: the end of the kept entries.
  std::uint64_t start() const { return m_start; }

  // Return the size of the whole archive.
  std::uint64_t size() const { return m_size; }

  // Return what the headers say of every entry, in the archive's order.
  const std::vector<ZipEntryHeader>& headers() const { return m_headers; }

  // Return where each entry's local header starts, in the same order.
  const std::vector<std::uint64_t>& offsets() const { return m_offsets; }

  // Return where the central directory starts.
  std::uint64_t directory_offset() const { return m_directory_offset; }

  // Return the number of kept entries.
  std::size_t kept() const { return m_kept; }

  // Return the archive's bytes from start() on in one string.
  std::string bytes() const;

private:
  std::vector<CompressedEntry> m_entries; // the entries not kept, with data
  std::vector<ZipEntryHeader> m_headers;  // all, in order
  std::vector<std::uint64_t> m_offsets;   // of each local header
  std::size_t m_kept = 0;
  std::string m_local_headers; // each entry's, one after another
  std::string m_tail;          // central directory, end records
  std::vector<std::string_view> m_pieces;
  std::uint64_t m_start = 0;
  std::uint64_t m_directory_offset = 0;
  std::uint64_t m_size = 0;
};

} // namespace slam::package
