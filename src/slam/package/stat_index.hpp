#pragma once

#include "slam/package/content_id.hpp"
#include "slam/package/file_stamp.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

// The stat index remembers, for each file a build read, its stamp
// (device, inode, size, mtime, ctime) and the identity of its content, so
// that the next build takes a file whose stamp still matches from the
// entry cache without reading or hashing it (git's index). A record whose
// mtime or ctime is not older than the index's own write time by the
// timestamp granularity is not trusted: the file may have changed again
// within the same tick. The index is one file (the project's .slam/stat-index),
// written atomically: a run of records, each the path's length (4 bytes)
// and path, the stamp (5 x 8 bytes), the SHA-256 (32) and the size (8),
// CRC-32 (4) and flags (1: bit 0 set when it starts with the ELF magic)
// of the content; then the CRC-32 of all before it. An index of another
// format, or whose CRC-32 does not match, is ignored (empty).

namespace slam::package {

// The index's name in the project's .slam folder.
inline constexpr const char* k_stat_index_name = "stat-index";

class StatIndex
{
public:
  // Load the index at FILE; a missing or damaged one is empty.
  explicit StatIndex(std::filesystem::path file);

  StatIndex(const StatIndex&) = delete;
  StatIndex& operator=(const StatIndex&) = delete;

  // Return whether the index had no record when loaded: a first build.
  bool empty() const { return m_loaded.empty(); }

  // Return the identity of PATH's content when the index has a trusted
  // record of it with STAMP. Safe from several threads.
  std::optional<ContentId> find(const std::filesystem::path& path,
                                const FileStamp& stamp);

  // Remember that PATH, with STAMP, holds the content ID. Safe from
  // several threads.
  void record(const std::filesystem::path& path,
              const FileStamp& stamp,
              const ContentId& id);

  // Write the records find() and record() used, when they differ from the
  // loaded ones: the files of a past build that this one did not take are
  // forgotten. A failure is logged, not thrown.
  void save();

private:
  struct Record
  {
    FileStamp stamp;
    ContentId id;

    bool operator==(const Record&) const = default;
  };

  void load();

  std::filesystem::path m_file;
  std::int64_t m_written_ns = 0; // the loaded index's mtime
  std::mutex m_mutex;
  // A loaded record, and whether find() used it: flagged rather than
  // copied into another map, which cost a rebuild a millisecond.
  struct Loaded
  {
    Record record;
    bool used = false;
  };

  void put_record(std::string& out,
                  const std::string& path,
                  const Record& record) const;

  std::map<std::string, Loaded> m_loaded;
  std::size_t m_used_count = 0;             // of m_loaded
  std::map<std::string, Record> m_recorded; // by record()
};

} // namespace slam::package
