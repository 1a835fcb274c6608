#pragma once

#include "slam/package/content_id.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/zip_entry.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace slam::package {

// An entry compressed ahead, with what it was made from.
struct PrefetchedEntry
{
  FileStamp stamp;
  ContentId id;
  CompressedEntry entry; // without a name
};

// Compresses the files of a python environment's site-packages folders on
// a thread of its own while the environment's interpreter is asked which
// of them the package needs: on a cold build the second core would idle
// for that long. Entries the package does not take are dropped, never
// cached.
class EnvironmentPrefetch
{
public:
  // Start compressing the files under FOLDERS (not their bytecode).
  explicit EnvironmentPrefetch(std::vector<std::filesystem::path> folders);

  // Stop and wait for the file at hand.
  ~EnvironmentPrefetch();

  EnvironmentPrefetch(const EnvironmentPrefetch&) = delete;
  EnvironmentPrefetch& operator=(const EnvironmentPrefetch&) = delete;

  // Stop compressing once the file at hand is done, without waiting for
  // it; what is done stays.
  void stop();

  // Wait until every file is compressed.
  void wait();

  // Return the entry made from PATH when its stamp was STAMP, and forget
  // it. Safe from several threads.
  std::optional<PrefetchedEntry> take(const std::filesystem::path& path,
                                      const FileStamp& stamp);

  // Return how many entries were made and how many taken so far.
  std::pair<std::size_t, std::size_t> counts();

private:
  void run(const std::stop_token& stop,
           const std::vector<std::filesystem::path>& folders);
  void compress(const std::filesystem::path& path);

  std::mutex m_mutex;
  std::map<std::string, PrefetchedEntry> m_entries; // by path
  std::size_t m_made = 0;
  std::size_t m_taken = 0;
  std::jthread m_thread;
};

// Return the site-packages folders of the virtualenv whose interpreter is
// INTERPRETER, or none when it is not in a virtualenv.
std::vector<std::filesystem::path>
virtualenv_site_packages(const std::filesystem::path& interpreter);

} // namespace slam::package
