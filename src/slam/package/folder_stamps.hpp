#pragma once

#include "slam/package/file_stamp.hpp"

#include <string>
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

} // namespace slam::package
