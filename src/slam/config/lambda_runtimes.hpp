#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::config {

// The operating system under a Lambda runtime, which fixes its glibc.
enum class LambdaOs {
  amazon_linux_2,
  amazon_linux_2023,
};

// One Python runtime Lambda offers for .zip packages.
struct PythonRuntime
{
  std::string_view id; // "python3.12", as in the function's Runtime
  LambdaOs os;
  // Lambda no longer patches it but still lets functions be created and
  // updated with it, for a while.
  bool deprecated;
};

// Return the Python runtime Lambda offers under ID, or nullptr.
const PythonRuntime* find_python_runtime(std::string_view id);

// Return the ids of every Python runtime Lambda offers, oldest first.
std::vector<std::string> python_runtime_ids();

// Return why ID cannot be used as the Lambda runtime (which ones can, and
// the closest one), or nothing when Lambda offers it.
std::optional<std::string> check_python_runtime(std::string_view id);

} // namespace slam::config
