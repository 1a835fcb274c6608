#pragma once

#include <string>

namespace slam::package {

// Return the Python version of the Lambda RUNTIME ("python3.12" gives
// "3.12"); throw slam::Error for a runtime that is not a Python one.
std::string python_version_of(const std::string& runtime);

// Return what platform.machine() says on Lambda for ARCHITECTURE
// ("x86_64" or "arm64"): "x86_64" or "aarch64".
std::string machine_of(const std::string& architecture);

// Return the platform tag pip installs wheels for on Lambda with
// ARCHITECTURE, such as "manylinux2014_aarch64".
std::string pip_platform_of(const std::string& architecture);

} // namespace slam::package
