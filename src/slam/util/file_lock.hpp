#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace slam::util {

// Who holds a FileLock, as the lock file says.
struct LockHolder
{
  pid_t pid = 0; // 0 when the file does not say (yet)
  std::string activity;
};

// An exclusive lock on a file (flock), held by one process at a time. The
// kernel releases it when the holder ends, however it ends, so a killed
// holder never leaves a stale lock; the file itself stays, since removing
// it would let two processes lock two different files of one name.
class FileLock
{
public:
  // Take the lock of PATH (created when missing) for ACTIVITY ("building"),
  // written into the file with this process's pid for those that wait.
  // While another process holds it, call ON_WAIT once with what the file
  // says of the holder, then wait until it is released. Throw
  // slam::Interrupted when an interrupt comes while waiting (inside a
  // DeferredInterrupts scope; outside, the interrupt ends slam), and
  // slam::Error when the file cannot be opened or locked.
  FileLock(const std::filesystem::path& path,
           std::string_view activity,
           const std::function<void(const LockHolder&)>& on_wait);
  ~FileLock();
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

private:
  int m_fd;
};

} // namespace slam::util
