#include "slam/package/python_runtime.hpp"

#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <regex>

namespace slam::package {

std::string python_version_of(const std::string& runtime)
{
  static const std::regex k_runtime(R"(python(3\.[0-9]+))");
  std::smatch match;
  if (!std::regex_match(runtime, match, k_runtime)) {
    throw Error(
        fmt::format("unsupported Lambda runtime '{}'; use a Python one such as "
                    "'python3.12'",
                    runtime));
  }
  return match[1];
}

std::string machine_of(const std::string& architecture)
{
  if (architecture == "x86_64") {
    return "x86_64";
  }
  if (architecture == "arm64") {
    return "aarch64";
  }
  throw Error(fmt::format(
      "unsupported Lambda architecture '{}'; use 'x86_64' or 'arm64'",
      architecture));
}

std::string pip_platform_of(const std::string& architecture)
{
  return "manylinux2014_" + machine_of(architecture);
}

} // namespace slam::package
