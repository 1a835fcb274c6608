#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace slam::package {

// Changes of a file made within this long of a saved stamp may leave its
// timestamps as they were: file systems keep them from a coarse clock
// (a kernel tick on Linux, seconds on FAT and HFS+).
inline constexpr std::int64_t k_timestamp_granularity_ns = 2'000'000'000;

// What stat() says about a file that changes whenever its content does:
// size, modification time and inode (a file replaced by a rename gets a
// new one), and for a stamp kept across builds the device and the ctime
// (a rewrite that restores the mtime still moves the ctime). A stamp that
// still matches means the file was not rewritten (git's index idea). A
// missing file has the zero stamp.
struct FileStamp
{
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  std::int64_t changed_ns = 0;

  bool operator==(const FileStamp&) const = default;
};

// Return the stamp of the file at PATH (symlinks followed); throw
// slam::Error naming it when it cannot be read.
FileStamp file_stamp(const std::filesystem::path& path);

// Return the stamp of PATH (following links), the zero stamp when it
// cannot be read.
FileStamp stamp_of(const std::filesystem::path& path);

// Return the stamp of PATH as stamp_of() does, without making a
// std::filesystem::path of it (which splits it into its components): for
// a build that stats thousands of files.
FileStamp stamp_at(const char* path);

// Return the stamp of NAME in the open folder FOLDER (symlinks followed),
// the zero stamp when it cannot be read: one lookup instead of one per
// folder of a whole path.
FileStamp stamp_at(int folder, const char* name);

// What one stat() of a path (symlinks followed) says: the type and
// permissions std::filesystem::status() gives, and the stamp.
struct StatusAndStamp
{
  std::filesystem::file_status status{};
  FileStamp stamp{};
};

// Return the status and stamp of PATH from a single stat() (a listing
// that asked status() and then file_stamp() paid twice). Like
// std::filesystem::status(), a failure sets ERROR and a missing file has
// the type not_found.
StatusAndStamp status_and_stamp(const std::filesystem::path& path,
                                std::error_code& error);

// Return the stamp of the open file FD.
FileStamp stamp_of(int fd);

// Throw slam::Error, saying to build again, unless the file at PATH still
// has the size, mtime and inode of LISTED: its content was read while it
// changed, so the package would hold neither the old nor the new content.
void check_unchanged(const std::filesystem::path& path,
                     const FileStamp& listed);

// A file's content and its stamp taken before reading it: a change while
// reading leaves a stamp that a later look does not match.
struct StampedContent
{
  std::string content;
  FileStamp stamp;
};

// Return the content of PATH and its stamp; throw slam::Error naming PATH
// when it cannot be read.
StampedContent read_stamped(const std::filesystem::path& path);

// Return whether the mtime of STAMP is older than SAVED_NS (the time a
// record of it was saved, in nanoseconds since the epoch) by more than
// the timestamp granularity: a later change cannot then keep the mtime.
bool modified_before(const FileStamp& stamp, std::int64_t saved_ns);

// Return whether both the mtime and the ctime of STAMP are older than
// SAVED_NS by more than the granularity: a rewrite that restores the
// mtime still changes the ctime then.
bool settled_before(const FileStamp& stamp, std::int64_t saved_ns);

// Append STAMP to OUT as five 8-byte little-endian numbers (device,
// inode, size, mtime, ctime): how Slam's caches record a stamp.
void put_stamp(std::string& out, const FileStamp& stamp);

// Return the stamp put_stamp() wrote at the start of IN and drop it from
// IN, which must hold at least k_stamp_size bytes.
FileStamp take_stamp(std::string_view& in);

inline constexpr std::size_t k_stamp_size = 5 * 8;

// Return the current time in nanoseconds since the epoch, the clock of
// file timestamps.
std::int64_t now_ns();

} // namespace slam::package
