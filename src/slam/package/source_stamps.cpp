#include "slam/package/source_stamps.hpp"

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

std::vector<FileStamp> SourceStamps::take()
{
  stamp_range(0, m_sources.size() / 2);
  m_other.join();
  return std::move(m_stamps);
}

void SourceStamps::stamp_range(std::size_t begin, std::size_t end)
{
  FolderStamps folders;
  for (std::size_t i = begin; i < end; ++i) {
    if (!m_sources[i].file.empty()) {
      m_stamps[i] = folders.stamp(m_sources[i].file);
    }
  }
}

} // namespace slam::package
