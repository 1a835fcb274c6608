#include "slam/local/worker_environment.hpp"

#include <gtest/gtest.h>
#include <map>

using namespace slam::local;

namespace {

slam::config::Config sample_config()
{
  slam::config::Config config;
  config.name = "shop";
  config.devstage = "dev";
  config.environment = {{"SHARED", "1"}, {"MODE", "global"}};
  config.stages = {{"dev", {{"MODE", "dev"}}}, {"prod", {{"MODE", "prod"}}}};
  config.aws.lambda_memory = 256;
  config.aws.lambda_runtime = "python3.12";
  return config;
}

HostVariable host(std::map<std::string, std::string> variables)
{
  return [variables](const std::string& name) -> std::optional<std::string> {
    auto found = variables.find(name);
    if (found == variables.end()) {
      return std::nullopt;
    }
    return found->second;
  };
}

std::map<std::string, std::string>
as_map(const std::vector<std::string>& environment)
{
  std::map<std::string, std::string> variables;
  for (const auto& entry : environment) {
    auto equals = entry.find('=');
    EXPECT_TRUE(
        variables.emplace(entry.substr(0, equals), entry.substr(equals + 1))
            .second)
        << "twice: " << entry;
  }
  return variables;
}

FunctionSite site(const std::string& stage)
{
  return {stage, "eu-west-1", "/p/.slam/local/packages/abc", "/p/rt"};
}

} // namespace

TEST(WorkerEnvironment, holds_the_stage_then_lambda_variables)
{
  auto variables = as_map(worker_environment(
      sample_config(),
      site("prod"),
      host({{"PATH", "/usr/bin"}, {"HOME", "/home/u"}, {"SECRET", "x"}})));
  auto stream = variables.at("AWS_LAMBDA_LOG_STREAM_NAME");
  EXPECT_NE(stream.find("/[$LATEST]"), std::string::npos);
  variables.erase("AWS_LAMBDA_LOG_STREAM_NAME");
  EXPECT_EQ(variables,
            (std::map<std::string, std::string>{
                {"SHARED", "1"},
                {"MODE", "prod"},
                {"STAGE", "prod"},
                {"AWS_LAMBDA_FUNCTION_NAME", "shop"},
                {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
                {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"},
                {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/shop"},
                {"AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"},
                {"AWS_REGION", "eu-west-1"},
                {"AWS_DEFAULT_REGION", "eu-west-1"},
                {"AWS_EXECUTION_ENV", "AWS_Lambda_python3.12"},
                {"_HANDLER", "slam_handler.lambda_handler"},
                {"LAMBDA_TASK_ROOT", "/p/.slam/local/packages/abc"},
                {"LAMBDA_RUNTIME_DIR", "/p/rt"},
                {"PYTHONPATH", "/p/.slam/local/packages/abc"},
                {"PYTHONUNBUFFERED", "1"},
                {"PYTHONDONTWRITEBYTECODE", "1"},
                {"LANG", "en_US.UTF-8"},
                {"TZ", ":UTC"},
                {"PATH", "/usr/bin"},
            }));
}

// Credentials pass only when set; nothing is read from profiles.
TEST(WorkerEnvironment, passes_credentials_only_when_set)
{
  auto with = as_map(worker_environment(sample_config(),
                                        site("dev"),
                                        host({{"AWS_ACCESS_KEY_ID", "AKID"},
                                              {"AWS_SECRET_ACCESS_KEY", "S"},
                                              {"AWS_PROFILE", "p"}})));
  EXPECT_EQ(with.at("AWS_ACCESS_KEY_ID"), "AKID");
  EXPECT_EQ(with.at("AWS_SECRET_ACCESS_KEY"), "S");
  EXPECT_EQ(with.count("AWS_SESSION_TOKEN"), 0u);
  EXPECT_EQ(with.count("AWS_PROFILE"), 0u);
  auto without =
      as_map(worker_environment(sample_config(), site("dev"), host({})));
  EXPECT_EQ(without.count("AWS_ACCESS_KEY_ID"), 0u);
}

// Lambda's own variables cannot be overridden by the configuration.
TEST(WorkerEnvironment, lambda_variables_win_over_the_config)
{
  auto config = sample_config();
  config.environment.emplace_back("AWS_REGION", "mine");
  auto variables = as_map(worker_environment(config, site("dev"), host({})));
  EXPECT_EQ(variables.at("AWS_REGION"), "eu-west-1");
}

TEST(WorkerEnvironment, region_comes_from_config_then_environment)
{
  auto config = sample_config();
  EXPECT_EQ(local_region(config, host({})), "us-east-1");
  EXPECT_EQ(local_region(config, host({{"AWS_DEFAULT_REGION", "b"}})), "b");
  EXPECT_EQ(
      local_region(config,
                   host({{"AWS_REGION", "a"}, {"AWS_DEFAULT_REGION", "b"}})),
      "a");
  config.aws.region = "c";
  EXPECT_EQ(local_region(config, host({{"AWS_REGION", "a"}})), "c");
}

TEST(WorkerEnvironment, arn_names_the_stage_alias)
{
  EXPECT_EQ(function_arn(sample_config(), site("prod")),
            "arn:aws:lambda:eu-west-1:123456789012:function:shop:prod");
}
