#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace slam::util {

// Return the whole content of PATH; throw slam::Error naming it on failure.
std::string read_file(const std::filesystem::path& path);

// Return the whole content of PATH, WHAT ("config file") when it is at most
// LIMIT bytes long; throw slam::Error naming it when it is longer or cannot
// be read. For files a user names, which may be a device or a pipe.
std::string read_file(const std::filesystem::path& path,
                      std::size_t limit,
                      std::string_view what);

// Return what is left to read of FD, the open file PATH, expected to hold
// SIZE bytes (it may hold more or fewer), and no more than LIMIT bytes;
// throw slam::Error naming PATH on failure.
std::string read_rest(int fd,
                      const std::filesystem::path& path,
                      std::size_t size,
                      std::size_t limit = SIZE_MAX);

// An open file descriptor, closed at the end of its scope; negative when
// opening failed (errno tells why).
class ReadOnlyFile
{
public:
  explicit ReadOnlyFile(const std::filesystem::path& path);
  ~ReadOnlyFile();
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

  int fd() const { return m_fd; }

private:
  int m_fd;
};

// Whether an atomic write waits for its bytes to reach the disk before the
// rename: for a file that a power cut must not leave empty or short under
// its final name, and that nothing checks when it is read back.
enum class Flush { cache, disk };

// Write CONTENT to PATH atomically: a temporary file in the same folder
// ("<PATH>.tmp<pid>.<n>"), then a rename, so an interruption never leaves
// a half-written file. An interrupt that ends slam removes the temporary
// file; one left by a killed slam is for remove_abandoned_temp_files.
void write_file_atomic(const std::filesystem::path& path,
                       std::string_view content,
                       Flush flush = Flush::cache);

// Write the concatenation of PIECES to PATH atomically, as above, without
// concatenating them in memory first.
void write_file_atomic(const std::filesystem::path& path,
                       const std::vector<std::string_view>& pieces,
                       Flush flush = Flush::cache);

// Write to disk every change of the file system that holds PATH (syncfs):
// for a tree of many files, one call instead of one fsync per file. Throw
// slam::Error naming PATH on failure.
void flush_file_system(const std::filesystem::path& path);

// Return whether NAME is that of a temporary file of write_file_atomic
// whose writer no longer runs.
bool is_abandoned_temp_file(std::string_view name);

// Remove the temporary files of write_file_atomic in FOLDER whose writers
// no longer run (killed before their rename).
void remove_abandoned_temp_files(const std::filesystem::path& folder);

// Write CONTENT to PATH atomically as above, readable and writable by the
// owner only from the moment the file exists, for files that hold secrets.
void write_private_file_atomic(const std::filesystem::path& path,
                               std::string_view content);

// Return a fresh empty directory under the system temporary folder.
std::filesystem::path make_temp_dir(std::string_view prefix);

} // namespace slam::util
