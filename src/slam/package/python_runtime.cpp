#include "slam/package/python_runtime.hpp"

#include "slam/package/native_check.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <regex>

namespace slam::package {

namespace {

// manylinux2014 is glibc 2.17 (PEP 599); pip matches tags as plain strings,
// so each newer manylinux_2_N tag a wheel may carry alone has to be listed.
constexpr int k_manylinux2014_glibc_minor = 17;

} // namespace

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

std::vector<std::string> pip_platforms_of(const std::string& runtime,
                                          const std::string& architecture)
{
  auto machine = machine_of(architecture);
  // The runtime's glibc comes from AWS's "Lambda runtimes" page (see
  // native_check.cpp); a wheel built for a newer glibc cannot load there.
  auto glibc = runtime_glibc(runtime);
  auto newest =
      glibc && glibc->major == 2 ? glibc->minor : k_manylinux2014_glibc_minor;
  std::vector<std::string> platforms{pip_platform_of(architecture)};
  for (int minor = k_manylinux2014_glibc_minor; minor <= newest; ++minor) {
    platforms.push_back(fmt::format("manylinux_2_{}_{}", minor, machine));
  }
  return platforms;
}

std::string python_abi_of(const std::string& runtime)
{
  auto version = python_version_of(runtime);
  version.erase(version.find('.'), 1);
  return "cp" + version;
}

} // namespace slam::package
