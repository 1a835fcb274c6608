#pragma once

#include "slam/package/build_snapshot.hpp"
#include "slam/package/file_stamp.hpp"

#include <string>
#include <thread>
#include <vector>

namespace slam::package {

// Stamps files folder by folder: the files of a folder come together in
// the zip's order, and a lookup from the open folder skips walking every
// folder of the path again.
class FolderStamps
{
public:
  FolderStamps() = default;
  FolderStamps(const FolderStamps&) = delete;
  FolderStamps& operator=(const FolderStamps&) = delete;
  ~FolderStamps();

  // Return the stamp of the file at PATH, as stamp_of() gives it.
  FileStamp stamp(const std::string& path);

private:
  void close_folder();

  std::string m_folder;
  int m_fd = -1;
};

// The stamps of the files of a snapshot's sources (zero for those in
// memory), taken on two threads: stat() is most of a fast build. The
// second half starts at once, while the build checks the rest.
class SourceStamps
{
public:
  explicit SourceStamps(const std::vector<SnapshotSource>& sources)
      : m_sources(sources), m_stamps(sources.size()),
        m_other([this] { stamp_range(m_sources.size() / 2, m_sources.size()); })
  {
  }

  // Return all the stamps, once the first half is taken too.
  std::vector<FileStamp> take();

private:
  void stamp_range(std::size_t begin, std::size_t end);

  const std::vector<SnapshotSource>& m_sources;
  std::vector<FileStamp> m_stamps;
  std::jthread m_other; // last: started once the rest is ready
};

} // namespace slam::package
