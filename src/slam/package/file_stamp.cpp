#include "slam/package/file_stamp.hpp"

#include "slam/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <sys/stat.h>

namespace slam::package {

FileStamp file_stamp(const std::filesystem::path& path)
{
  struct stat status
  {
  };
  if (::stat(path.c_str(), &status) != 0) {
    throw Error(fmt::format(
        "cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  return {static_cast<std::uint64_t>(status.st_size),
          static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 +
              status.st_mtim.tv_nsec,
          static_cast<std::uint64_t>(status.st_ino)};
}

void check_unchanged(const std::filesystem::path& path, const FileStamp& listed)
{
  bool changed = true;
  try {
    changed = file_stamp(path) != listed;
  } catch (const Error&) {
    // Gone or unreadable now: changed as well.
  }
  if (changed) {
    throw Error(
        fmt::format("'{}' changed while it was being packaged; build again",
                    path.string()));
  }
}

} // namespace slam::package
