#include "slam/util/files.hpp"

#include "slam/util/error.hpp"
#include "slam/util/interrupt_cleanup.hpp"
#include "slam/util/process.hpp"
#include "slam/util/unique_fd.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slam::util {

namespace {

[[noreturn]] void throw_read_error(const std::filesystem::path& path)
{
  throw Error(
      fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
}

// What an atomic write adds to the name of its temporary file, before the
// writer's pid.
constexpr std::string_view k_temp_marker = ".tmp";

// Write PIECES to the new file PATH, on disk before returning when FLUSH
// says so; return false with errno set on failure.
bool write_pieces(const std::filesystem::path& path,
                  const std::vector<std::string_view>& pieces,
                  Flush flush)
{
  UniqueFd file(::open(path.c_str(),
                       O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                       0666)); // less the umask, as for any new file
  if (file.get() < 0) {
    return false;
  }
  for (auto piece : pieces) {
    while (!piece.empty()) {
      auto written = ::write(file.get(), piece.data(), piece.size());
      if (written < 0 && errno == EINTR) {
        continue;
      }
      if (written <= 0) {
        return false;
      }
      piece.remove_prefix(static_cast<std::size_t>(written));
    }
  }
  return flush == Flush::cache || ::fdatasync(file.get()) == 0;
}

// Return the pid in NAME when it is the name of an atomic write's
// temporary file ("<file>.tmp<pid>.<count>"), else 0.
pid_t temp_file_writer(std::string_view name)
{
  auto marker = name.rfind(k_temp_marker);
  if (marker == std::string_view::npos || marker == 0) {
    return 0;
  }
  auto rest = name.substr(marker + k_temp_marker.size());
  auto dot = rest.find('.');
  auto pid_text = rest.substr(0, dot);
  auto count = dot == std::string_view::npos ? "0" : rest.substr(dot + 1);
  auto digits = [](std::string_view text) {
    return !text.empty() &&
           text.find_first_not_of("0123456789") == std::string_view::npos;
  };
  pid_t pid = 0;
  auto [end, error] =
      std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
  if (!digits(pid_text) || !digits(count) || error != std::errc() ||
      end != pid_text.data() + pid_text.size()) {
    return 0;
  }
  return pid;
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

std::string read_file(const std::filesystem::path& path,
                      std::size_t limit,
                      std::string_view what)
{
  ReadOnlyFile file(path);
  if (file.fd() < 0) {
    throw_read_error(path);
  }
  // Read a byte past the limit: a device or a pipe has no size to check
  // first (`-c /dev/zero` read until memory ran out).
  auto content = read_rest(file.fd(), path, 0, limit + 1);
  if (content.size() > limit) {
    throw Error(fmt::format("{} '{}' is larger than {} KiB; is it the right "
                            "file?",
                            what,
                            path.string(),
                            limit / 1024));
  }
  return content;
}

std::string read_rest(int fd,
                      const std::filesystem::path& path,
                      std::size_t size,
                      std::size_t limit)
{
  // One byte more than expected, so that a file that grew is seen at once.
  std::string content(std::min(size + 1, limit), '\0');
  std::size_t length = 0;
  while (length < limit) {
    if (length == content.size()) {
      content.resize(std::min(std::max<std::size_t>(length * 2, 4096), limit));
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
                       std::string_view content,
                       Flush flush)
{
  write_file_atomic(path, std::vector<std::string_view>{content}, flush);
}

void write_file_atomic(const std::filesystem::path& path,
                       const std::vector<std::string_view>& pieces,
                       Flush flush)
{
  // Unique per process and call, so that threads writing the same file
  // at once each rename a whole one; the pid lets a later run tell a
  // file whose writer was killed (remove_abandoned_temp_files).
  static std::atomic<unsigned> writes{0};
  auto temp = path;
  temp += fmt::format("{}{}.{}", k_temp_marker, ::getpid(), writes++);
  TemporaryFileGuard guard(temp);
  if (!write_pieces(temp, pieces, flush)) {
    auto reason = std::strerror(errno);
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw Error(fmt::format("cannot write '{}': {}", path.string(), reason));
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
  TemporaryFileGuard guard(temp);
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

void flush_file_system(const std::filesystem::path& path)
{
  UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file || ::syncfs(file.get()) != 0) {
    throw Error(fmt::format(
        "cannot write '{}' to disk: {}", path.string(), std::strerror(errno)));
  }
}

bool is_abandoned_temp_file(std::string_view name)
{
  return is_process_gone(temp_file_writer(name));
}

void remove_abandoned_temp_files(const std::filesystem::path& folder)
{
  std::error_code error;
  for (std::filesystem::directory_iterator it(folder, error), end;
       !error && it != end;
       it.increment(error)) {
    if (is_abandoned_temp_file(it->path().filename().native())) {
      std::error_code ignored; // a file that went meanwhile is as good
      std::filesystem::remove(it->path(), ignored);
    }
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
