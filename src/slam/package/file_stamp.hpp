#pragma once

#include <cstdint>
#include <filesystem>

namespace slam::package {

// What tells that a file changed: its size, modification time and inode
// (a file replaced by a rename gets a new one).
struct FileStamp
{
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;
  std::uint64_t inode = 0;

  bool operator==(const FileStamp&) const = default;
};

// Return the stamp of the file at PATH (symlinks followed); throw
// slam::Error naming it when it cannot be read.
FileStamp file_stamp(const std::filesystem::path& path);

// Throw slam::Error, saying to build again, unless the file at PATH still
// has the stamp LISTED: its content was read while it changed, so the
// package would hold neither the old nor the new content.
void check_unchanged(const std::filesystem::path& path,
                     const FileStamp& listed);

} // namespace slam::package
