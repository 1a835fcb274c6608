#include "aws_fake_server.hpp"
#include "aws_test_support.hpp"
#include "cfn_test_configs.hpp"
#include "logs_fake.hpp"
#include "slam/deploy/logs.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::deploy;
using slam::aws::ClientOptions;
using slam::aws::RetryPolicy;
using slam::aws::Session;
using slam::aws::testing::FakeLogs;
using slam::aws::testing::FakeResponse;
using slam::aws::testing::FakeServer;
using slam::aws::testing::SeenRequest;
using namespace std::chrono_literals;

namespace {

constexpr const char* k_lambda = "/aws/lambda/myapp";
constexpr const char* k_api = "API-Gateway-Execution-Logs_abc123/dev";
constexpr const char* k_latest_stream = "2024/01/31/[$LATEST]aaaaaaaa1111";
constexpr const char* k_other_stream = "2024/01/31/[$LATEST]bbbbbbbb2222";
constexpr const char* k_version_stream = "2024/01/31/[4]cccccccc3333";
constexpr const char* k_api_stream = "dddddddd4444";

const std::vector<LogSource> k_sources = {{k_lambda, "lambda", "$LATEST"},
                                          {k_api, "api", ""}};

std::int64_t now_ms()
{
  return slam::aws::to_epoch_ms(std::chrono::system_clock::now());
}

// Return the line `slam logs` prints for an event.
std::string
expected(std::int64_t ms, const std::string& label, const std::string& message)
{
  return format_local_time(slam::aws::from_epoch_ms(ms)) + " " + label + " " +
         message + "\n";
}

class Logs : public slam::aws::testing::AwsEnvTest
{
protected:
  void SetUp() override
  {
    AwsEnvTest::SetUp();
    set_env("AWS_ACCESS_KEY_ID", "AKIDTEST");
    set_env("AWS_SECRET_ACCESS_KEY", "very-secret-key");
    set_env("AWS_REGION", "us-east-1");
    m_server =
        std::make_unique<FakeServer>([this](int, const SeenRequest& request) {
          return m_logs.answer(request);
        });
    m_session = std::make_unique<Session>(
        ClientOptions{"", "", m_server->url()}, "", RetryPolicy{1, 0ms, 0ms});
  }

  // Run show_logs with OPTIONS, calling each of WAITS in turn between
  // reads of a tail; return what it printed.
  std::string show(const LogsOptions& options,
                   std::vector<std::function<bool()>> waits = {})
  {
    std::string output;
    std::size_t next = 0;
    m_printed = show_logs(
        *m_session,
        k_sources,
        options,
        [&output](std::string_view text) {
          output += text;
          return true;
        },
        [&](std::chrono::milliseconds) {
          return next < waits.size() && waits[next++]();
        });
    return output;
  }

  // Return the startTime of each request for GROUP.
  std::vector<std::int64_t> start_times(const std::string& group)
  {
    std::vector<std::int64_t> times;
    for (const auto& request : m_server->requests()) {
      auto input = nlohmann::json::parse(request.body);
      if (input["logGroupName"] == group) {
        times.push_back(input["startTime"]);
      }
    }
    return times;
  }

  FakeLogs m_logs{3};
  std::unique_ptr<FakeServer> m_server;
  std::unique_ptr<Session> m_session;
  std::size_t m_printed = 0;
};

} // namespace

// Both groups are read, merged in time order, and only the stage's
// version of the function is shown.
TEST_F(Logs, groups_merged_and_kept_to_the_stage_version)
{
  auto t = now_ms() - 10'000;
  m_logs.put(k_lambda, k_latest_stream, t + 3, "latest 2");
  m_logs.put(k_lambda, k_version_stream, t + 2, "version 4");
  m_logs.put(k_lambda, k_latest_stream, t + 1, "latest 1\n");
  m_logs.put(k_api, k_api_stream, t + 2, "api");
  LogsOptions options;
  EXPECT_EQ(show(options),
            expected(t + 1, "lambda/aaaaaaaa", "latest 1") +
                expected(t + 2, "api/dddddddd", "api") +
                expected(t + 3, "lambda/aaaaaaaa", "latest 2"));
  EXPECT_EQ(m_printed, 3u);
}

// Only the period is asked for; older events stay out.
TEST_F(Logs, period_sets_the_start_time)
{
  auto now = now_ms();
  m_logs.put(k_lambda, k_latest_stream, now - 120'000, "two minutes ago");
  m_logs.put(k_lambda, k_latest_stream, now - 30'000, "half a minute ago");
  LogsOptions options;
  options.period = 1min;
  EXPECT_EQ(show(options),
            expected(now - 30'000, "lambda/aaaaaaaa", "half a minute ago"));
  auto starts = start_times(k_lambda);
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_GE(starts[0], now - 60'000);
  EXPECT_LE(starts[0], now_ms() - 60'000);
}

// Several pages in each group: every event is shown once, and no token
// crosses from one group to the other (the fake refuses such a token).
TEST_F(Logs, every_page_of_every_group_is_read)
{
  auto t = now_ms() - 10'000;
  std::string want;
  for (int i = 0; i < 7; ++i) {
    auto stream = i % 2 == 0 ? k_latest_stream : k_other_stream;
    m_logs.put(k_lambda, stream, t + 2 * i, "lambda " + std::to_string(i));
    m_logs.put(k_api, k_api_stream, t + 2 * i + 1, "api " + std::to_string(i));
    want += expected(t + 2 * i,
                     i % 2 == 0 ? "lambda/aaaaaaaa" : "lambda/bbbbbbbb",
                     "lambda " + std::to_string(i));
    want += expected(t + 2 * i + 1, "api/dddddddd", "api " + std::to_string(i));
  }
  EXPECT_EQ(show(LogsOptions{}), want);
  // 7 events in pages of 3: three requests per group.
  EXPECT_EQ(start_times(k_lambda).size(), 3u);
  EXPECT_EQ(start_times(k_api).size(), 3u);
}

// A group that does not exist yet shows nothing and is no error.
TEST_F(Logs, missing_groups_show_nothing)
{
  EXPECT_EQ(show(LogsOptions{}), "");
  EXPECT_EQ(m_printed, 0u);
}

// A tail shows events added between reads, each once, including one that
// arrives late with an earlier time inside the overlap.
TEST_F(Logs, tail_shows_new_events_once)
{
  auto t = now_ms();
  m_logs.put(k_lambda, k_latest_stream, t - 5'000, "before");
  LogsOptions options;
  options.tail = true;
  options.overlap = 60s;
  auto output =
      show(options,
           {[&] {
              m_logs.put(k_api, k_api_stream, t + 1, "during 1");
              return true;
            },
            [&] {
              m_logs.put(k_lambda, k_latest_stream, t - 4'000, "late");
              m_logs.put(k_lambda, k_version_stream, t + 2, "other");
              return true;
            },
            [] { return true; }});
  EXPECT_EQ(output,
            expected(t - 5'000, "lambda/aaaaaaaa", "before") +
                expected(t + 1, "api/dddddddd", "during 1") +
                expected(t - 4'000, "lambda/aaaaaaaa", "late"));
  EXPECT_EQ(start_times(k_lambda).size(), 4u);
}

// An event of the same millisecond as one already shown, arriving after
// it was read, still shows: the tail tells them apart by id, not by time.
TEST_F(Logs, tail_keeps_a_later_event_of_the_same_millisecond)
{
  auto t = now_ms() - 1'000;
  m_logs.put(k_lambda, k_latest_stream, t, "first");
  LogsOptions options;
  options.tail = true;
  auto output = show(options,
                     {[&] {
                        m_logs.put(k_lambda, k_latest_stream, t, "second");
                        return true;
                      },
                      [] { return true; }});
  EXPECT_EQ(output,
            expected(t, "lambda/aaaaaaaa", "first") +
                expected(t, "lambda/aaaaaaaa", "second"));
}

// Each tail window starts the overlap before the previous read, never
// before the period's start.
TEST_F(Logs, tail_windows_overlap_the_previous_read)
{
  LogsOptions options;
  options.tail = true;
  options.period = 10s;
  options.overlap = 1s;
  auto before = now_ms();
  show(options, {[] {
         std::this_thread::sleep_for(1500ms);
         return true;
       }});
  auto after = now_ms();
  auto starts = start_times(k_lambda);
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_GE(starts[0], before - 10'000);
  // The second read starts 1 s before the first read, not at the period's
  // start 10 s back.
  EXPECT_GE(starts[1], before - 1'000);
  EXPECT_LE(starts[1], after - 1'500 - 1'000);
  EXPECT_GT(starts[1], starts[0]);
}

// A printer whose reader is gone ends a tail without waiting.
TEST_F(Logs, closed_output_ends_the_tail)
{
  m_logs.put(k_lambda, k_latest_stream, now_ms(), "one");
  LogsOptions options;
  options.tail = true;
  int waits = 0;
  auto printed = show_logs(
      *m_session,
      k_sources,
      options,
      [](std::string_view) { return false; },
      [&waits](std::chrono::milliseconds) { return ++waits < 5; });
  EXPECT_EQ(printed, 0u);
  EXPECT_EQ(waits, 0);
}

// An unknown stage is a usage error before any AWS call.
TEST_F(Logs, unknown_stage_is_a_usage_error)
{
  auto config = slam::cfn::testing::config_with_stages({"dev", "prod"});
  config.file = "slam.yaml";
  std::string message = "no usage error";
  try {
    stage_log_sources(config, *m_session, "staging");
  } catch (const slam::UsageError& error) {
    message = error.what();
  }
  EXPECT_EQ(message,
            "unknown stage 'staging'; the stages in slam.yaml are: dev, prod");
  EXPECT_TRUE(m_server->requests().empty());
}

// Without a stack there is nothing to show logs of.
TEST_F(Logs, project_not_deployed_is_an_error)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{400,
                        "<ErrorResponse><Error><Code>ValidationError</Code>"
                        "<Message>Stack with id myapp does not exist"
                        "</Message></Error></ErrorResponse>"};
  });
  Session session(
      ClientOptions{"", "", server.url()}, "", RetryPolicy{1, 0ms, 0ms});
  auto config = slam::cfn::testing::config_with_stages({"dev"});
  std::string message = "no error";
  try {
    stage_log_sources(config, session, "");
  } catch (const slam::Error& error) {
    message = error.what();
  }
  EXPECT_EQ(message, "'myapp' is not deployed; run 'slam deploy' first");
}
