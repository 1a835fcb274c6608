#include "slam/util/files.hpp"

#include "slam/util/error.hpp"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace slam::util {

namespace {

[[noreturn]] void throw_read_error(const std::filesystem::path& path)
{
  throw Error(
      fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
}

} // namespace

ReadOnlyFile::ReadOnlyFile(const std::filesystem::path& path)
    : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC))
{
}

ReadOnlyFile::~ReadOnlyFile()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

std::string read_file(const std::filesystem::path& path)
{
  ReadOnlyFile file(path);
  struct stat status
  {
  };
  if (file.fd() < 0 || ::fstat(file.fd(), &status) != 0) {
    throw_read_error(path);
  }
  if (S_ISDIR(status.st_mode)) {
    errno = EISDIR;
    throw_read_error(path);
  }
  return read_rest(file.fd(), path, static_cast<std::size_t>(status.st_size));
}

std::string
read_rest(int fd, const std::filesystem::path& path, std::size_t size)
{
  // One byte more than expected, so that a file that grew is seen at once.
  std::string content(size + 1, '\0');
  std::size_t length = 0;
  while (true) {
    if (length == content.size()) {
      content.resize(length * 2);
    }
    auto got = ::read(fd, content.data() + length, content.size() - length);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      throw_read_error(path);
    }
    if (got == 0) {
      break;
    }
    length += static_cast<std::size_t>(got);
  }
  content.resize(length);
  return content;
}

void write_file_atomic(const std::filesystem::path& path,
                       std::string_view content)
{
  write_file_atomic(path, std::vector<std::string_view>{content});
}

void write_file_atomic(const std::filesystem::path& path,
                       const std::vector<std::string_view>& pieces)
{
  // Unique per process and call, so that threads writing the same file
  // at once each rename a whole one.
  static std::atomic<unsigned> writes{0};
  auto temp = path;
  temp += fmt::format(".tmp{}.{}", ::getpid(), writes++);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    for (auto piece : pieces) {
      out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    }
    out.close();
    if (!out) {
      auto reason = std::strerror(errno);
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      throw Error(fmt::format("cannot write '{}': {}", path.string(), reason));
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw Error(
        fmt::format("cannot write '{}': {}", path.string(), error.message()));
  }
}

void write_private_file_atomic(const std::filesystem::path& path,
                               std::string_view content)
{
  auto temp = path;
  temp += fmt::format(".tmp{}", ::getpid());
  int fd = ::open(temp.c_str(),
                  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                  0600);
  bool written = fd >= 0 && ::fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; written && done < content.size();) {
    auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    written = n > 0;
    done += written ? static_cast<std::size_t>(n) : 0;
  }
  written = written && ::fsync(fd) == 0;
  auto reason = std::strerror(errno);
  if (fd >= 0) {
    ::close(fd);
  }
  if (!written || ::rename(temp.c_str(), path.c_str()) != 0) {
    reason = written ? std::strerror(errno) : reason;
    ::unlink(temp.c_str());
    throw Error(fmt::format("cannot write '{}': {}", path.string(), reason));
  }
}

std::filesystem::path make_temp_dir(std::string_view prefix)
{
  auto pattern =
      (std::filesystem::temp_directory_path() / fmt::format("{}XXXXXX", prefix))
          .string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(fmt::format("cannot create a temporary folder: {}",
                            std::strerror(errno)));
  }
  return pattern;
}

} // namespace slam::util
