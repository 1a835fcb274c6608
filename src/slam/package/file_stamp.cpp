#include "slam/package/file_stamp.hpp"

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
  return {static_cast<std::uint64_t>(status.st_dev),
          static_cast<std::uint64_t>(status.st_ino),
          static_cast<std::uint64_t>(status.st_size),
          nanoseconds(status.st_mtim),
          nanoseconds(status.st_ctim)};
}

} // namespace

FileStamp stamp_of(const std::filesystem::path& path)
{
  struct stat status
  {
  };
  if (::stat(path.c_str(), &status) != 0) {
    return {};
  }
  return stamp_from(status);
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

StampedContent read_stamped(const std::filesystem::path& path)
{
  util::ReadOnlyFile file(path);
  if (file.fd() < 0) {
    throw Error(fmt::format(
        "cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  auto stamp = stamp_of(file.fd());
  return {util::read_rest(file.fd(), path, stamp.size), stamp};
}

bool modified_before(const FileStamp& stamp, std::int64_t saved_ns)
{
  return stamp.mtime_ns < saved_ns - k_timestamp_granularity_ns;
}

bool settled_before(const FileStamp& stamp, std::int64_t saved_ns)
{
  return modified_before(stamp, saved_ns) &&
         stamp.ctime_ns < saved_ns - k_timestamp_granularity_ns;
}

std::int64_t now_ns()
{
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return nanoseconds(now);
}

} // namespace slam::package
