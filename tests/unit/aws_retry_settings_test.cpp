#include "aws_test_support.hpp"
#include "slam/aws/retry_settings.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;
using namespace std::chrono_literals;
using slam::aws::testing::ScopedEnv;

namespace {

class AwsRetrySettings : public slam::aws::testing::AwsEnvTest
{
protected:
  void SetUp() override
  {
    AwsEnvTest::SetUp();
    for (auto name : {"SLAM_RETRY_BASE_MS",
                      "SLAM_RETRY_TIME_LIMIT",
                      "SLAM_CONNECT_TIMEOUT",
                      "SLAM_REQUEST_TIMEOUT"}) {
      m_cleared.emplace_back(std::make_unique<ScopedEnv>(name, std::nullopt));
    }
  }

  // Return the settings of profile NAME of a config file holding CONFIG.
  CallSettings settings_of(const std::string& config,
                           const std::string& name = "")
  {
    write_home_file(".aws/config", config);
    return load_call_settings(load_profile(name));
  }

  // Return the message of the UsageError that loading CONFIG throws.
  std::string error_of(const std::string& config)
  {
    try {
      settings_of(config);
    } catch (const slam::UsageError& error) {
      return error.what();
    }
    return "no error";
  }

private:
  std::vector<std::unique_ptr<ScopedEnv>> m_cleared;
};

} // namespace

// Without settings Slam makes 8 attempts, the first wait up to 250 ms,
// within 2 minutes, each request within a minute.
TEST_F(AwsRetrySettings, defaults_suit_real_aws)
{
  auto settings = settings_of("");
  EXPECT_EQ(settings.retry.max_attempts, 8);
  EXPECT_EQ(settings.retry.base_delay, 250ms);
  EXPECT_EQ(settings.retry.max_delay, 20'000ms);
  EXPECT_EQ(settings.retry.time_limit, 120'000ms);
  EXPECT_EQ(settings.timeouts.connect, 10'000ms);
  EXPECT_EQ(settings.timeouts.total, 60'000ms);
  EXPECT_EQ(settings.timeouts.stall, 30s);
}

// The profile's max_attempts counts; AWS_MAX_ATTEMPTS wins over it.
TEST_F(AwsRetrySettings, max_attempts_from_profile_then_environment)
{
  EXPECT_EQ(settings_of("[profile dev]\nmax_attempts = 2\n", "dev")
                .retry.max_attempts,
            2);
  set_env("AWS_MAX_ATTEMPTS", "11");
  EXPECT_EQ(settings_of("[profile dev]\nmax_attempts = 2\n", "dev")
                .retry.max_attempts,
            11);
}

// A retry mode without max_attempts makes as many attempts as the AWS
// SDKs make in it.
TEST_F(AwsRetrySettings, retry_mode_sets_the_default_attempts)
{
  EXPECT_EQ(settings_of("[default]\nretry_mode = legacy\n").retry.max_attempts,
            5);
  EXPECT_EQ(
      settings_of("[default]\nretry_mode = standard\n").retry.max_attempts, 3);
  set_env("AWS_RETRY_MODE", "adaptive");
  EXPECT_EQ(settings_of("[default]\nretry_mode = legacy\n").retry.max_attempts,
            3);
  EXPECT_EQ(settings_of("[default]\nretry_mode = legacy\nmax_attempts = 6\n")
                .retry.max_attempts,
            6);
}

// A bad value is a usage error naming where it came from.
TEST_F(AwsRetrySettings, bad_values_name_their_source)
{
  EXPECT_EQ(error_of("[default]\nmax_attempts = 0\n"),
            "max_attempts of profile 'default' must be a whole number of at "
            "least 1, not '0'");
  EXPECT_EQ(error_of("[default]\nretry_mode = eager\n"),
            "retry_mode of profile 'default' must be legacy, standard or "
            "adaptive, not 'eager'");
  set_env("AWS_MAX_ATTEMPTS", "many");
  EXPECT_EQ(error_of(""),
            "AWS_MAX_ATTEMPTS must be a whole number of at least 1, not "
            "'many'");
  ScopedEnv base("SLAM_RETRY_BASE_MS", "-5");
  set_env("AWS_MAX_ATTEMPTS", "3");
  EXPECT_EQ(error_of(""),
            "SLAM_RETRY_BASE_MS must be a whole number of at least 0, not "
            "'-5'");
}

// Slam's own settings shorten the waits and timeouts, for tests; the
// stall check of an upload is no longer than a request's timeout.
TEST_F(AwsRetrySettings, slam_settings_shorten_waits_and_timeouts)
{
  ScopedEnv base("SLAM_RETRY_BASE_MS", "5");
  ScopedEnv limit("SLAM_RETRY_TIME_LIMIT", "4.5");
  ScopedEnv connect("SLAM_CONNECT_TIMEOUT", "0.5");
  ScopedEnv request("SLAM_REQUEST_TIMEOUT", "1.5");
  auto settings = settings_of("");
  EXPECT_EQ(settings.retry.base_delay, 5ms);
  EXPECT_EQ(settings.retry.time_limit, 4'500ms);
  EXPECT_EQ(settings.timeouts.connect, 500ms);
  EXPECT_EQ(settings.timeouts.total, 1'500ms);
  EXPECT_EQ(settings.timeouts.stall, 2s);
}
