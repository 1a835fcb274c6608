#include "slam/package/file_stamp.hpp"

#include "slam/package/little_endian.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <sys/stat.h>
#include <time.h>

namespace slam::package {
namespace {

std::int64_t nanoseconds(const timespec& time)
{
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

FileStamp stamp_from(const struct stat& status)
{
  return {.size = static_cast<std::uint64_t>(status.st_size),
          .modified_ns = nanoseconds(status.st_mtim),
          .inode = static_cast<std::uint64_t>(status.st_ino),
          .device = static_cast<std::uint64_t>(status.st_dev),
          .changed_ns = nanoseconds(status.st_ctim)};
}

std::filesystem::file_type type_of(mode_t mode)
{
  using std::filesystem::file_type;
  switch (mode & S_IFMT) {
  case S_IFREG:
    return file_type::regular;
  case S_IFDIR:
    return file_type::directory;
  case S_IFLNK:
    return file_type::symlink;
  case S_IFBLK:
    return file_type::block;
  case S_IFCHR:
    return file_type::character;
  case S_IFIFO:
    return file_type::fifo;
  case S_IFSOCK:
    return file_type::socket;
  default:
    return file_type::unknown;
  }
}

[[noreturn]] void throw_read_error(const std::filesystem::path& path)
{
  throw Error(
      fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
}

} // namespace

FileStamp file_stamp(const std::filesystem::path& path)
{
  struct stat status
  {
  };
  if (::stat(path.c_str(), &status) != 0) {
    throw_read_error(path);
  }
  return stamp_from(status);
}

FileStamp stamp_of(const std::filesystem::path& path)
{
  return stamp_at(path.c_str());
}

FileStamp stamp_at(int folder, const char* name)
{
  struct stat status
  {
  };
  if (::fstatat(folder, name, &status, 0) != 0) {
    return {};
  }
  return stamp_from(status);
}

FileStamp stamp_at(const char* path)
{
  struct stat status
  {
  };
  if (::stat(path, &status) != 0) {
    return {};
  }
  return stamp_from(status);
}

StatusAndStamp status_and_stamp(const std::filesystem::path& path,
                                std::error_code& error)
{
  using std::filesystem::file_type;
  error.clear();
  struct stat status
  {
  };
  if (::stat(path.c_str(), &status) != 0) {
    error.assign(errno, std::generic_category());
    bool missing = errno == ENOENT || errno == ENOTDIR;
    return {std::filesystem::file_status(missing ? file_type::not_found
                                                 : file_type::none),
            {}};
  }
  auto permissions =
      static_cast<std::filesystem::perms>(status.st_mode & 07777);
  return {std::filesystem::file_status(type_of(status.st_mode), permissions),
          stamp_from(status)};
}

FileStamp stamp_of(int fd)
{
  struct stat status
  {
  };
  if (::fstat(fd, &status) != 0) {
    return {};
  }
  return stamp_from(status);
}

void check_unchanged(const std::filesystem::path& path, const FileStamp& listed)
{
  auto now = stamp_of(path);
  bool changed = now.size != listed.size ||
                 now.modified_ns != listed.modified_ns ||
                 now.inode != listed.inode || now == FileStamp{};
  if (changed) {
    throw Error(
        fmt::format("'{}' changed while it was being packaged; build again",
                    path.string()));
  }
}

StampedContent read_stamped(const std::filesystem::path& path)
{
  util::ReadOnlyFile file(path);
  if (file.fd() < 0) {
    throw_read_error(path);
  }
  auto stamp = stamp_of(file.fd());
  return {util::read_rest(file.fd(), path, stamp.size), stamp};
}

bool modified_before(const FileStamp& stamp, std::int64_t saved_ns)
{
  return stamp.modified_ns < saved_ns - k_timestamp_granularity_ns;
}

bool settled_before(const FileStamp& stamp, std::int64_t saved_ns)
{
  return modified_before(stamp, saved_ns) &&
         stamp.changed_ns < saved_ns - k_timestamp_granularity_ns;
}

std::int64_t now_ns()
{
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return nanoseconds(now);
}

void put_stamp(std::string& out, const FileStamp& stamp)
{
  put64(out, stamp.device);
  put64(out, stamp.inode);
  put64(out, stamp.size);
  put64(out, static_cast<std::uint64_t>(stamp.modified_ns));
  put64(out, static_cast<std::uint64_t>(stamp.changed_ns));
}

FileStamp take_stamp(std::string_view& in)
{
  FileStamp stamp;
  stamp.device = take_uint(in, 8);
  stamp.inode = take_uint(in, 8);
  stamp.size = take_uint(in, 8);
  stamp.modified_ns = static_cast<std::int64_t>(take_uint(in, 8));
  stamp.changed_ns = static_cast<std::int64_t>(take_uint(in, 8));
  return stamp;
}

} // namespace slam::package
