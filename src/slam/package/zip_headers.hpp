#pragma once

#include "slam/package/zip_entry.hpp"

#include <cstdint>
#include <string>
#include <vector>

// The records of PKWARE's APPNOTE.TXT that Slam's zip writer lays out:
// for each entry a local file header followed by its data, then the
// central directory (one header per entry), then the end records. Each
// depends only on what the entry's headers say and where it lies, so an
// entry already in the file needs no more than its ZipEntryHeader.

namespace slam::package {

// Return the size of the local header put_local_header() writes for
// ENTRY at OFFSET, without writing it.
std::size_t local_header_size(const ZipEntryHeader& entry,
                              std::uint64_t offset);

// Append to OUT the local header of HEADER's entry, which starts at OFFSET.
void put_local_header(std::string& out,
                      const ZipEntryHeader& header,
                      std::uint64_t offset);

// Append to OUT the central directory header of HEADER's entry, whose
// local header is at OFFSET.
void put_central_header(std::string& out,
                        const ZipEntryHeader& header,
                        std::uint64_t offset);

// Append to OUT the end records of a central directory of COUNT headers,
// SIZE bytes, at OFFSET (Zip64 ones first when a value needs them).
void put_end_of_directory(std::string& out,
                          std::uint64_t count,
                          std::uint64_t offset,
                          std::uint64_t size);

// Throw slam::Error unless every name of HEADERS can be a zip entry's, is
// there once and is not also the folder of another.
void check_names(const std::vector<ZipEntryHeader>& headers);

} // namespace slam::package
