#pragma once

#include "slam/package/zip_entry.hpp"

#include <string>
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

} // namespace slam::package
