#include "slam/local/worker_environment.hpp"

#include <chrono>
#include <cstdlib>
#include <fmt/chrono.h>
#include <fmt/core.h>
#include <random>

namespace slam::local {
namespace {

// Credentials the function may use as Lambda gives it its role's: only
// from slam's environment, never from a profile or a metadata service.
constexpr const char* k_credential_variables[] = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"};

constexpr const char* k_default_region = "us-east-1";
constexpr const char* k_account = "123456789012";

// Return a log stream name as Lambda makes them: the date, the version and
// 32 random hex digits.
std::string log_stream_name()
{
  std::random_device random;
  std::string suffix;
  for (int i = 0; i < 4; ++i) {
    suffix += fmt::format("{:08x}", random());
  }
  auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y/%m/%d}/[$LATEST]{}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                     suffix);
}

// Set NAME to VALUE in VARIABLES, in place when it is there already.
void assign(config::Variables& variables,
            const std::string& name,
            const std::string& value)
{
  for (auto& [known, old] : variables) {
    if (known == name) {
      old = value;
      return;
    }
  }
  variables.emplace_back(name, value);
}

config::Variables lambda_variables(const config::Config& config,
                                   const FunctionSite& site)
{
  auto root = site.task_root.string();
  return {
      {"AWS_LAMBDA_FUNCTION_NAME", config.name},
      {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
      {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
       std::to_string(config.aws.lambda_memory)},
      {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.name},
      {"AWS_LAMBDA_LOG_STREAM_NAME", log_stream_name()},
      {"AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"},
      {"AWS_REGION", site.region},
      {"AWS_DEFAULT_REGION", site.region},
      {"AWS_EXECUTION_ENV", "AWS_Lambda_" + config.aws.lambda_runtime},
      {"_HANDLER", "slam_handler.lambda_handler"},
      {"LAMBDA_TASK_ROOT", root},
      {"LAMBDA_RUNTIME_DIR", site.runtime_dir.string()},
      {"PYTHONPATH", root},
      {"PYTHONUNBUFFERED", "1"},
      {"PYTHONDONTWRITEBYTECODE", "1"},
      {"LANG", "en_US.UTF-8"},
      {"TZ", ":UTC"},
  };
}

} // namespace

HostVariable host_environment()
{
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

std::string local_region(const config::Config& config, const HostVariable& host)
{
  if (!config.aws.region.empty()) {
    return config.aws.region;
  }
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    auto value = host(name);
    if (value && !value->empty()) {
      return *value;
    }
  }
  return k_default_region;
}

std::string function_arn(const config::Config& config, const FunctionSite& site)
{
  return fmt::format("arn:aws:lambda:{}:{}:function:{}:{}",
                     site.region,
                     k_account,
                     config.name,
                     site.stage);
}

std::vector<std::string> worker_environment(const config::Config& config,
                                            const FunctionSite& site,
                                            const HostVariable& host)
{
  config::Variables variables = config.environment;
  if (const auto* stage = config.find_stage(site.stage)) {
    for (const auto& [name, value] : stage->environment) {
      assign(variables, name, value);
    }
  }
  assign(variables, "STAGE", site.stage);
  for (const auto& [name, value] : lambda_variables(config, site)) {
    assign(variables, name, value);
  }
  if (auto path = host("PATH")) {
    assign(variables, "PATH", *path);
  }
  for (const char* name : k_credential_variables) {
    if (auto value = host(name); value && !value->empty()) {
      assign(variables, name, *value);
    }
  }
  std::vector<std::string> environment;
  for (const auto& [name, value] : variables) {
    environment.push_back(name + "=" + value);
  }
  return environment;
}

} // namespace slam::local
