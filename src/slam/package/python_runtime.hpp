#pragma once

#include <string>
#include <vector>

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

// Return every platform tag whose wheels load on the Lambda RUNTIME with
// ARCHITECTURE: manylinux2014 and manylinux_2_17 up to the runtime's glibc.
std::vector<std::string> pip_platforms_of(const std::string& runtime,
                                          const std::string& architecture);

// Return the CPython ABI tag of RUNTIME ("python3.12" gives "cp312").
std::string python_abi_of(const std::string& runtime);

} // namespace slam::package
