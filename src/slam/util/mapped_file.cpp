#include "slam/util/mapped_file.hpp"

#include "slam/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slam::util {

MappedFile::MappedFile(const std::filesystem::path& path)
{
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat status
  {
  };
  if (fd < 0 || ::fstat(fd, &status) != 0) {
    auto reason = std::strerror(errno);
    if (fd >= 0) {
      ::close(fd);
    }
    throw Error(fmt::format("cannot read '{}': {}", path.string(), reason));
  }
  m_size = static_cast<std::size_t>(status.st_size);
  if (m_size > 0) {
    void* data = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
      auto reason = std::strerror(errno);
      ::close(fd);
      throw Error(fmt::format("cannot read '{}': {}", path.string(), reason));
    }
    m_data = static_cast<const char*>(data);
  }
  ::close(fd);
}

MappedFile::~MappedFile()
{
  if (m_data) {
    ::munmap(const_cast<char*>(m_data), m_size);
  }
}

} // namespace slam::util
