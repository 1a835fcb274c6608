#include "package_test_support.hpp"
#include "slam/util/file_lock.hpp"
#include "slam/util/files.hpp"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <optional>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;
using slam::util::FileLock;
using slam::util::LockHolder;
namespace fs = std::filesystem;

namespace {

void must_not_wait(const LockHolder&)
{
  ADD_FAILURE() << "waited for a lock nobody holds";
}

} // namespace

// A free lock is taken at once, again and again.
TEST(FileLock, free_lock_is_taken_without_waiting)
{
  slam::test::TempDir temp;
  auto path = temp.path() / "lock";
  {
    FileLock lock(path, "building", must_not_wait);
  }
  FileLock again(path, "building", must_not_wait);
  EXPECT_TRUE(fs::exists(path));
}

// A second taker waits, is told who holds the lock and for what, and gets
// it once the holder lets go.
TEST(FileLock, second_taker_waits_for_the_holder)
{
  slam::test::TempDir temp;
  auto path = temp.path() / "lock";
  std::optional<FileLock> holder(
      std::in_place, path, "deploying", must_not_wait);
  std::optional<LockHolder> seen;
  std::atomic<bool> taken{false};
  std::thread waiter([&] {
    FileLock lock(path, "building", [&](const LockHolder& h) { seen = h; });
    taken = true;
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(taken);
  holder.reset();
  waiter.join();
  EXPECT_TRUE(taken);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->pid, ::getpid());
  EXPECT_EQ(seen->activity, "deploying");
}

// A holder killed with SIGKILL runs no clean-up, yet the kernel releases
// its lock: the next taker does not wait.
TEST(FileLock, killed_holder_leaves_no_stale_lock)
{
  slam::test::TempDir temp;
  auto path = temp.path() / "lock";
  auto ready = temp.path() / "ready";
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    FileLock lock(path, "building", [](const LockHolder&) {});
    slam::util::write_file_atomic(ready, "");
    ::pause();
    ::_exit(0);
  }
  while (!fs::exists(ready)) {
    std::this_thread::sleep_for(5ms);
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  FileLock lock(path, "building", must_not_wait);
}
