#include "process_watch.hpp"
#include "slam/util/interrupt.hpp"
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
using slam::test::has_ended;
using slam::util::clear_interrupt;
using slam::util::DeferredInterrupts;
using slam::util::install_interrupt_handlers;
using slam::util::interrupt_requested;
using slam::util::sleep_unless_interrupted;

namespace {

// Installs slam's handlers for a test and puts the defaults back after it,
// so that a stray signal does not outlive the test.
class Interrupt : public ::testing::Test
{
protected:
  void SetUp() override
  {
    install_interrupt_handlers(false);
    clear_interrupt();
  }
  void TearDown() override
  {
    clear_interrupt();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }
};

} // namespace

TEST_F(Interrupt, quiet_sleep_runs_to_its_end)
{
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(sleep_unless_interrupted(120ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 120ms);
  EXPECT_FALSE(interrupt_requested());
}

// Inside a deferred scope Ctrl-C only sets the flag, and a wait ends early.
TEST_F(Interrupt, deferred_interrupt_sets_the_flag_and_ends_the_wait)
{
  DeferredInterrupts deferred;
  ASSERT_EQ(::raise(SIGINT), 0);
  EXPECT_TRUE(interrupt_requested());
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(sleep_unless_interrupted(5s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  clear_interrupt();
  EXPECT_FALSE(interrupt_requested());
}

// SIGTERM is treated like Ctrl-C.
TEST_F(Interrupt, sigterm_is_deferred_too)
{
  DeferredInterrupts deferred;
  ASSERT_EQ(::raise(SIGTERM), 0);
  EXPECT_TRUE(interrupt_requested());
}

// Outside a deferred scope the process ends at once with status 130, and a
// second signal inside a deferred scope does the same.
TEST_F(Interrupt, undeferred_and_second_interrupts_exit_130)
{
  for (bool deferred_first : {false, true}) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      if (deferred_first) {
        DeferredInterrupts deferred;
        ::raise(SIGINT);
        ::raise(SIGINT);
      } else {
        ::raise(SIGINT);
      }
      ::_exit(0); // not reached when the handler works
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << deferred_first;
    EXPECT_EQ(WEXITSTATUS(status), 130) << deferred_first;
  }
}

// SIGTERM while a timed child (a plugin) runs stops its whole process
// group; before, what the child had started outlived slam.
TEST_F(Interrupt, interrupt_stops_what_a_timed_child_started)
{
  auto pid_file = std::filesystem::temp_directory_path() /
                  ("slam-interrupt-" + std::to_string(::getpid()));
  std::filesystem::remove(pid_file);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::thread([&pid_file] {
      while (!std::filesystem::exists(pid_file)) {
        std::this_thread::sleep_for(10ms);
      }
      std::this_thread::sleep_for(50ms);
      ::kill(::getpid(), SIGTERM);
    }).detach();
    slam::util::ProcessOptions options;
    options.timeout = 60s;
    auto script = "sleep 300 & echo $! > " + pid_file.string() + "; wait";
    slam::util::run_process({"sh", "-c", script}, options);
    ::_exit(0); // not reached when the handler works
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 143); // SIGTERM
  std::ifstream file(pid_file);
  pid_t sleeper = 0;
  file >> sleeper;
  ASSERT_GT(sleeper, 0);
  for (int i = 0; i < 100 && !has_ended(sleeper); ++i) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(has_ended(sleeper));
  if (!has_ended(sleeper)) {
    ::kill(sleeper, SIGKILL);
  }
  std::filesystem::remove(pid_file);
}
