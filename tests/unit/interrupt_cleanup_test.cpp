#include "process_watch.hpp"
#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/interrupt_cleanup.hpp"
#include "slam/util/process.hpp"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using slam::test::has_ended;

// Return whether PID ends within a few seconds; kill it when it does not,
// so that a failing test leaves nothing behind.
bool ends_soon(pid_t pid)
{
  for (int i = 0; i < 250 && !has_ended(pid); ++i) {
    std::this_thread::sleep_for(20ms);
  }
  if (!has_ended(pid)) {
    ::kill(pid, SIGKILL);
    return false;
  }
  return true;
}

// A file name of its own for each test, removed at the end.
class ScratchFile
{
public:
  explicit ScratchFile(const std::string& name)
      : m_path(fs::temp_directory_path() /
               ("slam-" + name + "-" + std::to_string(::getpid())))
  {
    fs::remove(m_path);
  }
  ~ScratchFile() { fs::remove(m_path); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const fs::path& path() const { return m_path; }

  // Return the pid written into the file, once it is there.
  pid_t wait_for_pid() const
  {
    pid_t pid = 0;
    for (int i = 0; i < 500 && pid == 0; ++i) {
      std::ifstream in(m_path);
      in >> pid;
      if (pid == 0) {
        std::this_thread::sleep_for(10ms);
      }
    }
    return pid;
  }

private:
  fs::path m_path;
};

// In a forked slam-like process: install the handlers, send SIGNAL to
// itself once PID_FILE exists, and run SCRIPT as a child meanwhile.
[[noreturn]] void run_until_signalled(const fs::path& pid_file,
                                      const std::string& script,
                                      int signal)
{
  slam::util::install_interrupt_handlers(false);
  std::thread([&pid_file, signal] {
    while (!fs::exists(pid_file)) {
      std::this_thread::sleep_for(10ms);
    }
    std::this_thread::sleep_for(50ms);
    ::kill(::getpid(), signal);
  }).detach();
  slam::util::run_process({"sh", "-c", script});
  ::_exit(0); // not reached when the handler works
}

int exit_status_of(pid_t child)
{
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
    return -1;
  }
  return WEXITSTATUS(status);
}

} // namespace

// SIGTERM ends slam with 143, SIGINT with 130; before, both gave 130.
TEST(InterruptCleanup, exit_status_names_the_signal)
{
  for (int signal : {SIGINT, SIGTERM}) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      slam::util::install_interrupt_handlers(false);
      ::raise(signal);
      ::_exit(0);
    }
    EXPECT_EQ(exit_status_of(child), 128 + signal) << signal;
  }
}

// The children of a child without a timeout end with slam too: the
// signal goes to its whole process group. Before, only the child got it,
// and a process it had started outlived slam.
TEST(InterruptCleanup, signal_reaches_what_a_child_started)
{
  ScratchFile pid_file("grandchild");
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    run_until_signalled(pid_file.path(),
                        "sleep 300 & echo $! > " + pid_file.path().string() +
                            "; wait",
                        SIGINT);
  }
  EXPECT_EQ(exit_status_of(child), 130);
  pid_t sleeper = pid_file.wait_for_pid();
  ASSERT_GT(sleeper, 0);
  EXPECT_TRUE(ends_soon(sleeper));
}

// A child that ignores the signal is killed once its moment has passed.
TEST(InterruptCleanup, child_that_ignores_the_signal_is_killed)
{
  ScratchFile pid_file("stubborn");
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    run_until_signalled(pid_file.path(),
                        "trap '' TERM; echo $$ > " + pid_file.path().string() +
                            "; while :; do sleep 1; done",
                        SIGTERM);
  }
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(exit_status_of(child), 143);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  pid_t shell = pid_file.wait_for_pid();
  ASSERT_GT(shell, 0);
  EXPECT_TRUE(ends_soon(shell));
}

// Even a slam killed with SIGKILL, which runs no handler, takes its child
// along: the kernel kills it (PR_SET_PDEATHSIG). Before, it ran on.
TEST(InterruptCleanup, child_ends_with_a_killed_slam)
{
  ScratchFile pid_file("orphan");
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    slam::util::run_process(
        {"sh",
         "-c",
         "echo $$ > " + pid_file.path().string() + "; exec sleep 300"});
    ::_exit(0);
  }
  pid_t sleeper = pid_file.wait_for_pid();
  ASSERT_GT(sleeper, 0);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(ends_soon(sleeper));
}

// An interrupt that ends slam removes the temporary files of writes under
// way, and only those.
TEST(InterruptCleanup, interrupt_removes_guarded_temporary_files)
{
  ScratchFile guarded("temp-guarded");
  ScratchFile released("temp-released");
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    slam::util::install_interrupt_handlers(false);
    std::ofstream(guarded.path()) << "half";
    std::ofstream(released.path()) << "whole";
    slam::util::TemporaryFileGuard guard(guarded.path());
    {
      slam::util::TemporaryFileGuard done(released.path());
    }
    ::raise(SIGTERM);
    ::_exit(0);
  }
  EXPECT_EQ(exit_status_of(child), 143);
  EXPECT_FALSE(fs::exists(guarded.path()));
  EXPECT_TRUE(fs::exists(released.path()));
}

// Inside a deferred scope the child gets the signal and the run ends with
// slam::Interrupted, instead of waiting for the child to finish.
TEST(InterruptCleanup, deferred_interrupt_stops_the_child)
{
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    slam::util::install_interrupt_handlers(false);
    slam::util::DeferredInterrupts deferred;
    std::thread([] {
      std::this_thread::sleep_for(200ms);
      ::kill(::getpid(), SIGINT);
    }).detach();
    try {
      slam::util::run_process({"sleep", "30"});
    } catch (const slam::Interrupted&) {
      ::_exit(7);
    }
    ::_exit(0);
  }
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(exit_status_of(child), 7);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}
