#pragma once

#include "slam/package/zip_entry.hpp"

#include <string>
#include <vector>

namespace slam::package {

// Return the zip archive of ENTRIES, byte for byte the same for the same
// entries: sorted by name, every timestamp 1980-01-01 00:00:00, "made by"
// Unix with mode 0644 (0755 when executable), the UTF-8 flag on non-ASCII
// names, no folder entries (unzip tools create folders as needed), no
// extra fields and no comments.
//
// Throw slam::Error for a name that is empty, absolute, has an empty,
// "." or ".." segment or is not valid UTF-8, for a name used twice or
// both as a file and as a folder, and for an archive that needs Zip64
// (more than 65535 entries, or 4 GiB and more), which is not written yet.
std::string assemble_zip(std::vector<CompressedEntry> entries);

} // namespace slam::package
