#include "slam/package/folder_stamps.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace slam::package {

FolderStamps::~FolderStamps()
{
  close_folder();
}

FileStamp FolderStamps::stamp(const std::string& path)
{
  auto slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) {
    return stamp_at(path.c_str());
  }
  std::string_view folder(path.data(), slash);
  if (folder != m_folder) {
    close_folder();
    m_folder.assign(folder);
    m_fd = ::open(m_folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  }
  return m_fd < 0 ? FileStamp{} : stamp_at(m_fd, path.c_str() + slash + 1);
}

void FolderStamps::close_folder()
{
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
}

} // namespace slam::package
