#include "slam/util/files.hpp"
#include "slam/util/process.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>

using namespace slam;
using namespace std::chrono_literals;

namespace {

// Return whether process PID still runs (a zombie has finished).
bool is_running(const std::string& pid)
{
  std::filesystem::path stat = "/proc/" + pid + "/stat";
  if (!std::filesystem::exists(stat)) {
    return false;
  }
  auto text = util::read_file(stat);
  auto state = text.find(") ");
  return state != std::string::npos && text[state + 2] != 'Z';
}

} // namespace

// A child runs with its input and gives back its outputs and status.
TEST(Process, runs_with_input_and_collects_outputs)
{
  util::ProcessOptions options;
  options.input = "hello\n";

  auto result =
      util::run_process({"sh", "-c", "cat; echo oops >&2; exit 4"}, options);

  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out, "hello\n");
  EXPECT_EQ(result.err, "oops\n");
  EXPECT_FALSE(result.timed_out);
}

// A timeout that is not reached changes nothing.
TEST(Process, finished_child_is_not_timed_out)
{
  util::ProcessOptions options;
  options.timeout = 10s;

  auto result = util::run_process({"sh", "-c", "echo fine"}, options);

  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "fine\n");
  EXPECT_FALSE(result.timed_out);
}

// A child past its timeout is killed with what it started, which would
// otherwise hold its output pipes open; what it wrote so far is kept.
TEST(Process, timeout_kills_the_child_and_its_children)
{
  util::ProcessOptions options;
  options.timeout = 200ms;

  auto start = std::chrono::steady_clock::now();
  auto result = util::run_process(
      {"sh", "-c", "echo waiting >&2; sleep 30 & echo $!; wait"}, options);
  auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.exit_code, 128 + 9);
  EXPECT_EQ(result.err, "waiting\n");
  EXPECT_LT(elapsed, 10s);
  auto sleep_pid = result.out.substr(0, result.out.find('\n'));
  ASSERT_FALSE(sleep_pid.empty());
  for (int i = 0; i < 100 && is_running(sleep_pid); ++i) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_FALSE(is_running(sleep_pid)) << "sleep " << sleep_pid;
}

// A child that closes its outputs and goes on running is still stopped at
// its timeout: the timeout covered the outputs only, and slam waited for
// the child as long as it lived (found by a tester with credential_process).
TEST(Process, timeout_holds_after_the_outputs_close)
{
  util::ProcessOptions options;
  options.timeout = 200ms;

  auto start = std::chrono::steady_clock::now();
  auto result = util::run_process(
      {"sh", "-c", "echo done; exec >&- 2>&-; sleep 30"}, options);
  auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.out, "done\n");
  EXPECT_LT(elapsed, 10s);
}

// A child that prints without end is stopped past max_output, not read
// until memory runs out.
TEST(Process, output_past_the_limit_stops_the_child)
{
  util::ProcessOptions options;
  options.max_output = 100000;

  auto result = util::run_process({"yes"}, options);

  EXPECT_TRUE(result.output_exceeded);
  EXPECT_FALSE(result.timed_out);
  EXPECT_GT(result.out.size(), 100000u);
  EXPECT_LT(result.out.size(), 100000u + 65536u);
  // Killed, or ended by SIGPIPE when it wrote to the closed pipe first.
  EXPECT_TRUE(result.exit_code == 128 + SIGKILL ||
              result.exit_code == 128 + SIGPIPE)
      << result.exit_code;
}

// A child that may ask on the terminal stays in slam's process group, and
// is still stopped at its timeout.
TEST(Process, child_can_stay_in_our_process_group)
{
  util::ProcessOptions options;
  options.timeout = 10s;
  options.own_process_group = false;
  auto group =
      util::run_process({"sh", "-c", "cut -d' ' -f5 /proc/$$/stat"}, options);
  EXPECT_EQ(group.out, std::to_string(::getpgrp()) + "\n");

  options.timeout = 100ms;
  auto start = std::chrono::steady_clock::now();
  auto slow = util::run_process({"sleep", "5"}, options);
  EXPECT_TRUE(slow.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

// With pass_stderr the child writes to our stderr as it goes, and
// nothing is collected.
TEST(Process, passed_stderr_reaches_ours)
{
  auto folder = util::make_temp_dir("slam-process-");
  auto file = folder / "stderr";
  int saved = ::dup(STDERR_FILENO);
  int redirected = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(redirected, STDERR_FILENO);
  ::close(redirected);
  util::ProcessOptions options;
  options.pass_stderr = true;
  auto result = util::run_process(
      {"sh", "-c", "echo out; echo to-the-user >&2"}, options);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);

  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(util::read_file(file), "to-the-user\n");
  std::filesystem::remove_all(folder);
}
