#include "slam/aws/region.hpp"

#include "slam/aws/profile.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/core.h>
#include <utility>
#include <vector>

namespace slam::aws {
namespace {

// A region ends up in host names and in signatures: lowercase letters,
// digits and dashes only.
bool is_region_name(const std::string& region)
{
  return std::all_of(region.begin(), region.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

} // namespace

std::string resolve_region(const std::string& option,
                           const Profile& profile,
                           const std::string& config_region)
{
  auto env = [](const char* name) {
    const char* value = std::getenv(name);
    return std::string(value != nullptr ? value : "");
  };
  std::vector<std::pair<std::string, std::string>> candidates = {
      {option, "--region"},
      {env("AWS_REGION"), "AWS_REGION"},
      {env("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"},
      {profile.value("region").value_or(""),
       fmt::format("the region of profile '{}'", profile.name)},
      {config_region, "aws.region in slam.yaml"},
  };
  for (const auto& [region, source] : candidates) {
    if (region.empty()) {
      continue;
    }
    if (!is_region_name(region)) {
      throw UsageError(fmt::format(
          "'{}' (from {}) is not an AWS region name such as 'us-east-1'",
          region,
          source));
    }
    return region;
  }
  throw UsageError("no AWS region configured; pass --region, set "
                   "AWS_REGION, add a region to your AWS profile or set "
                   "aws.region in slam.yaml");
}

std::string partition_of(const std::string& region)
{
  if (region.starts_with("cn-")) {
    return "aws-cn";
  }
  if (region.starts_with("us-gov-")) {
    return "aws-us-gov";
  }
  return "aws";
}

} // namespace slam::aws
