#pragma once

#include "slam/config/config.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace slam::local {

// Return the value of an environment variable of slam's, if set.
using HostVariable =
    std::function<std::optional<std::string>(const std::string&)>;

// Return getenv() as a HostVariable.
HostVariable host_environment();

// Where the local function runs and as what.
struct FunctionSite
{
  std::string stage;
  std::string region;
  std::filesystem::path task_root;   // the extracted package
  std::filesystem::path runtime_dir; // slam_bootstrap.py's folder
};

// Return the region of the local function: aws.region, else AWS_REGION,
// else AWS_DEFAULT_REGION of HOST, else us-east-1. Never a profile.
std::string local_region(const config::Config& config,
                         const HostVariable& host);

// Return the ARN Lambda would give CONFIG's function at SITE's stage
// alias, in a made-up account.
std::string function_arn(const config::Config& config,
                         const FunctionSite& site);

// Return the whole environment of a worker ("NAME=value"): the config's
// environment, then the stage's, then what Lambda sets for a Python
// function (which the user cannot override there either), then from HOST
// only PATH, and the AWS credentials when they are set.
std::vector<std::string> worker_environment(const config::Config& config,
                                            const FunctionSite& site,
                                            const HostVariable& host);

} // namespace slam::local
