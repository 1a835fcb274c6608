#pragma once

#include <filesystem>
#include <sys/types.h>

// What an interrupt that ends slam undoes first: the child processes still
// running and the temporary files not yet renamed into place. The handler
// may only call async-signal-safe functions, so both are kept in fixed
// tables of lock-free slots rather than in containers.

namespace slam::util {

// While one exists, an interrupt that ends slam first passes its signal to
// the child process PID (to the process group -PID when negative), gives
// it a moment to end, then kills what is left of it, so that no pip,
// interpreter or plugin outlives slam.
class ChildProcessGuard
{
public:
  explicit ChildProcessGuard(pid_t pid);
  ~ChildProcessGuard();
  ChildProcessGuard(const ChildProcessGuard&) = delete;
  ChildProcessGuard& operator=(const ChildProcessGuard&) = delete;

private:
  int m_slot; // -1 when every slot was taken
};

// While one exists, an interrupt that ends slam removes the file PATH: a
// temporary file that an atomic write has not renamed into place yet.
// Without a free slot (or once slam is ending) nothing is recorded, and
// the next run sweeps the file instead (remove_abandoned_temp_files).
class TemporaryFileGuard
{
public:
  explicit TemporaryFileGuard(const std::filesystem::path& path);
  ~TemporaryFileGuard();
  TemporaryFileGuard(const TemporaryFileGuard&) = delete;
  TemporaryFileGuard& operator=(const TemporaryFileGuard&) = delete;

private:
  int m_slot; // -1 when not recorded
};

// For the interrupt handler, async-signal-safe: mark slam as ending, send
// SIGNAL to every guarded child, wait up to GRACE_MS for each to end,
// then SIGKILL their process groups.
void end_children(int signal, int grace_ms);

// For the interrupt handler, async-signal-safe: remove every guarded
// temporary file.
void remove_temporary_files();

// Return whether an interrupt is ending slam (end_children has begun).
bool is_ending();

} // namespace slam::util
