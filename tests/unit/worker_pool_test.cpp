#include "package_test_support.hpp"
#include "slam/local/worker_pool.hpp"
#include "source_dir.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <future>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

using nlohmann::json;
using slam::local::InvocationResult;
using slam::local::Outcome;
using slam::local::WorkerPool;
using slam::local::WorkerSettings;
using namespace std::chrono_literals;

namespace {

// A handler that does what the event asks, and reports which process ran
// it and when.
constexpr const char* k_handler = R"(
import os, time
def handle(event, context):
    action = event.get("action")
    started = time.time()
    if action == "sleep":
        time.sleep(event["seconds"])
    elif action == "exit":
        os._exit(3)
    elif action == "raise":
        raise KeyError("missing")
    elif action == "big":
        return "x" * 6291456
    elif action == "hog":
        hog = bytearray(event["mb"] << 20)
        hog[::4096] = b"x" * len(hog[::4096])  # touch every page
    return {"pid": os.getpid(), "started": started, "ended": time.time(),
            "remaining": context.get_remaining_time_in_millis()}
def echo(event, context):
    return event
)";

class WorkerPoolTest : public ::testing::Test
{
protected:
  WorkerPoolTest()
  {
    slam::test::write_file(m_task_root.path() / "handler.py", k_handler);
    slam::test::write_file(m_task_root.path() / "broken.py",
                           "import no_such_module_here\n");
  }

  WorkerSettings settings(const std::string& handler = "handler.handle",
                          std::chrono::milliseconds timeout = 3000ms)
  {
    WorkerSettings settings;
    auto root = m_task_root.path().string();
    settings.command.argv = {
        "/usr/bin/python3",
        (slam::test::source_dir() / "runtime" / "slam_bootstrap.py").string()};
    settings.command.cwd = m_task_root.path();
    settings.command.environment = {"_HANDLER=" + handler,
                                    "LAMBDA_TASK_ROOT=" + root,
                                    "PATH=/usr/bin:/bin",
                                    "AWS_LAMBDA_FUNCTION_NAME=f",
                                    "PYTHONDONTWRITEBYTECODE=1"};
    settings.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:f";
    settings.timeout = timeout;
    return settings;
  }

  slam::test::TempDir m_task_root;
};

json payload(const InvocationResult& result)
{
  return json::parse(result.payload);
}

bool process_exists(int pid)
{
  return ::kill(pid, 0) == 0;
}

// Expect POOL's next invocation to succeed on a new worker, the one that
// answered FIRST gone.
void expect_replaced(WorkerPool& pool, const json& first)
{
  auto next = pool.invoke(R"({})", "");
  ASSERT_EQ(next.outcome, Outcome::success);
  EXPECT_NE(payload(next).at("pid"), first.at("pid"));
  EXPECT_FALSE(process_exists(first.at("pid")));
}

} // namespace

TEST_F(WorkerPoolTest, returns_the_handler_result)
{
  WorkerPool pool(settings(), 1);
  auto result = pool.invoke(R"({"action": "echo"})", "req-1");
  EXPECT_EQ(result.outcome, Outcome::success) << result.payload;
  EXPECT_EQ(result.request_id, "req-1");
  EXPECT_GT(payload(result).at("remaining").get<int>(), 2000);
  EXPECT_GT(result.duration.count(), 0);
}

// Only a worker's first invocation reports its start, apart from Duration.
TEST_F(WorkerPoolTest, init_duration_is_reported_once_per_worker)
{
  WorkerPool pool(settings(), 1);
  testing::internal::CaptureStderr();
  pool.invoke(R"({})", "cold");
  pool.invoke(R"({})", "warm");
  auto log = testing::internal::GetCapturedStderr();
  auto cold = log.find("REPORT RequestId: cold ");
  auto warm = log.find("REPORT RequestId: warm ");
  ASSERT_NE(cold, std::string::npos) << log;
  ASSERT_NE(warm, std::string::npos) << log;
  auto line = [&](std::size_t at) {
    return log.substr(at, log.find('\n', at) - at);
  };
  EXPECT_NE(line(cold).find(" Init Duration: "), std::string::npos);
  EXPECT_EQ(line(warm).find(" Init Duration: "), std::string::npos);
}

TEST_F(WorkerPoolTest, a_raising_handler_is_a_function_error)
{
  WorkerPool pool(settings(), 1);
  auto result = pool.invoke(R"({"action": "raise"})", "req-2");
  ASSERT_EQ(result.outcome, Outcome::function_error);
  auto error = payload(result);
  EXPECT_EQ(error.at("errorType"), "KeyError");
  EXPECT_EQ(error.at("errorMessage"), "'missing'");
  EXPECT_EQ(error.at("requestId"), "req-2");
  EXPECT_EQ(error.at("stackTrace").size(), 1u);
  // The worker survives a function error.
  EXPECT_EQ(pool.invoke(R"({})", "").outcome, Outcome::success);
}

TEST_F(WorkerPoolTest, a_worker_past_the_timeout_is_killed_and_replaced)
{
  WorkerPool pool(settings("handler.handle", 500ms), 1);
  auto first = payload(pool.invoke(R"({})", ""));
  auto started = std::chrono::steady_clock::now();
  auto result = pool.invoke(R"({"action": "sleep", "seconds": 30})", "req-3");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  ASSERT_EQ(result.outcome, Outcome::timeout);
  EXPECT_EQ(payload(result),
            (json{{"errorType", "Sandbox.Timedout"},
                  {"errorMessage",
                   "RequestId: req-3 Error: Task timed out after 0.50 "
                   "seconds"}}));
  expect_replaced(pool, first);
}

TEST_F(WorkerPoolTest, a_worker_that_dies_is_replaced)
{
  WorkerPool pool(settings(), 1);
  auto first = payload(pool.invoke(R"({})", ""));
  auto result = pool.invoke(R"({"action": "exit"})", "req-4");
  ASSERT_EQ(result.outcome, Outcome::crashed);
  EXPECT_EQ(payload(result),
            (json{{"errorType", "Runtime.ExitError"},
                  {"errorMessage",
                   "RequestId: req-4 Error: Runtime exited with error: "
                   "exit status 3"}}));
  expect_replaced(pool, first);
}

// Over its memory size Lambda kills the function; the worker is replaced.
TEST_F(WorkerPoolTest, a_worker_over_its_memory_size_is_killed_and_replaced)
{
  auto over = settings();
  over.memory_size_mb = 128;
  WorkerPool pool(over, 1);
  auto first = payload(pool.invoke(R"({"action": "hog", "mb": 16})", ""));
  auto result = pool.invoke(R"({"action": "hog", "mb": 200})", "req-m");
  ASSERT_EQ(result.outcome, Outcome::crashed);
  EXPECT_EQ(payload(result),
            (json{{"errorType", "Runtime.OutOfMemory"},
                  {"errorMessage",
                   "RequestId: req-m Error: Runtime exited with error: "
                   "signal: killed"}}));
  expect_replaced(pool, first);
}

TEST_F(WorkerPoolTest, a_handler_that_fails_to_import_is_an_init_error)
{
  WorkerPool pool(settings("broken.handle"), 1);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto result = pool.invoke(R"({})", "");
    ASSERT_EQ(result.outcome, Outcome::init_error);
    auto error = payload(result);
    EXPECT_EQ(error.at("errorType"), "Runtime.ImportModuleError");
    EXPECT_EQ(error.at("errorMessage"),
              "Unable to import module 'broken': No module named "
              "'no_such_module_here'");
  }
}

TEST_F(WorkerPoolTest, an_event_over_6_mb_is_too_large)
{
  WorkerPool pool(settings(), 1);
  std::string event = "\"" + std::string(6291456 - 1, 'x') + "\"";
  auto result = pool.invoke(event, "");
  EXPECT_EQ(result.outcome, Outcome::too_large);
  EXPECT_EQ(payload(result).at("errorType"), "RequestEntityTooLargeException");
}

TEST_F(WorkerPoolTest, a_result_over_6_mb_is_too_large)
{
  WorkerPool pool(settings(), 1);
  auto result = pool.invoke(R"({"action": "big"})", "");
  EXPECT_EQ(result.outcome, Outcome::too_large);
  EXPECT_EQ(payload(result).at("errorType"), "Function.ResponseSizeTooLarge");
  EXPECT_EQ(pool.invoke(R"({})", "").outcome, Outcome::success);
}

// Four sleeps on two workers: two at a time, each worker one at a time.
TEST_F(WorkerPoolTest, runs_one_invocation_per_worker_and_as_many_as_workers)
{
  WorkerPool pool(settings(), 2);
  std::vector<std::future<InvocationResult>> calls;
  for (int i = 0; i < 4; ++i) {
    calls.push_back(std::async(std::launch::async, [&] {
      return pool.invoke(R"({"action": "sleep", "seconds": 0.3})", "");
    }));
  }
  std::vector<json> runs;
  for (auto& call : calls) {
    auto result = call.get();
    ASSERT_EQ(result.outcome, Outcome::success) << result.payload;
    runs.push_back(payload(result));
  }
  // Each worker ran one at a time; at most two ran at once (a sweep over
  // the starts and ends), and two did.
  std::set<int> pids;
  std::vector<std::pair<double, int>> changes;
  for (const auto& run : runs) {
    pids.insert(run.at("pid").get<int>());
    changes.emplace_back(run.at("ended").get<double>(), -1);
    changes.emplace_back(run.at("started").get<double>(), 1);
    for (const auto& other : runs) {
      bool overlap = other.at("started") < run.at("ended") &&
                     run.at("started") < other.at("ended");
      EXPECT_TRUE(&other == &run || !overlap ||
                  other.at("pid") != run.at("pid"));
    }
  }
  std::sort(changes.begin(), changes.end());
  int running = 0;
  int most_at_once = 0;
  for (const auto& change : changes) {
    running += change.second;
    most_at_once = std::max(most_at_once, running);
  }
  EXPECT_EQ(pids.size(), 2u);
  EXPECT_EQ(most_at_once, 2);
}

TEST_F(WorkerPoolTest, replace_starts_new_workers)
{
  WorkerPool pool(settings(), 1);
  auto first = payload(pool.invoke(R"({})", ""));
  pool.replace(settings());
  auto next = payload(pool.invoke(R"({})", ""));
  EXPECT_NE(next.at("pid"), first.at("pid"));
  EXPECT_FALSE(process_exists(first.at("pid")));
}

TEST_F(WorkerPoolTest, destruction_leaves_no_process_behind)
{
  std::set<int> pids;
  {
    WorkerPool pool(settings(), 2);
    auto a = std::async(std::launch::async, [&] {
      return pool.invoke(R"({"action": "sleep", "seconds": 0.2})", "");
    });
    auto b = pool.invoke(R"({"action": "sleep", "seconds": 0.2})", "");
    pids.insert(payload(a.get()).at("pid").get<int>());
    pids.insert(payload(b).at("pid").get<int>());
  }
  for (int pid : pids) {
    EXPECT_FALSE(process_exists(pid)) << pid;
  }
}

// Not a check: the figures of the pool's own cost, printed. Run with
// --gtest_also_run_disabled_tests --gtest_filter='*measure*'.
TEST_F(WorkerPoolTest, DISABLED_measure_round_trip_and_start)
{
  using Clock = std::chrono::steady_clock;
  std::vector<double> starts;
  for (int i = 0; i < 5; ++i) {
    auto begun = Clock::now();
    WorkerPool pool(settings("handler.echo"), 1);
    pool.invoke("{}", "");
    starts.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - begun)
            .count());
  }
  std::sort(starts.begin(), starts.end());
  WorkerPool pool(settings("handler.echo"), 1);
  for (int i = 0; i < 200; ++i) {
    pool.invoke(R"({"n": 1})", "");
  }
  constexpr int k_count = 5000;
  std::vector<double> latencies;
  auto begun = Clock::now();
  for (int i = 0; i < k_count; ++i) {
    auto one = Clock::now();
    pool.invoke(R"({"n": 1})", "");
    latencies.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - one).count());
  }
  auto seconds = std::chrono::duration<double>(Clock::now() - begun).count();
  std::sort(latencies.begin(), latencies.end());
  std::printf("worker start + first invocation: median %.1f ms\n"
              "one worker, trivial handler: %.0f invocations/s, p50 %.0f us, "
              "p99 %.0f us\n",
              starts[starts.size() / 2],
              k_count / seconds,
              latencies[latencies.size() / 2],
              latencies[latencies.size() * 99 / 100]);
}
