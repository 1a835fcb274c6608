#include "slam/config/lambda_runtimes.hpp"

#include "slam/util/text.hpp"

#include <charconv>
#include <cstdlib>
#include <fmt/core.h>

namespace slam::config {
namespace {

// From AWS's "Lambda runtimes" page
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
// late 2025. python3.9 is deprecated but Lambda still lets functions be
// created and updated with it; python3.8 and older are blocked from
// updates, so a deploy with them would fail.
constexpr PythonRuntime k_python_runtimes[] = {
    {"python3.9", LambdaOs::amazon_linux_2, true},
    {"python3.10", LambdaOs::amazon_linux_2, false},
    {"python3.11", LambdaOs::amazon_linux_2, false},
    {"python3.12", LambdaOs::amazon_linux_2023, false},
    {"python3.13", LambdaOs::amazon_linux_2023, false},
    {"python3.14", LambdaOs::amazon_linux_2023, false},
};

// Return the minor version of a "python3.N" ID, or nothing for another shape.
std::optional<int> python3_minor(std::string_view id)
{
  constexpr std::string_view k_prefix = "python3.";
  if (!id.starts_with(k_prefix) || id.size() == k_prefix.size()) {
    return std::nullopt;
  }
  int minor = 0;
  auto digits = id.substr(k_prefix.size());
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), minor);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return minor;
}

// Return the supported runtime nearest in version to a retired or future
// "python3.N" (the newer one on a tie): a plain edit distance would find
// every python3.1N equally close to "python3.15".
std::optional<std::string> nearest_supported(int minor)
{
  const PythonRuntime* best = nullptr;
  int best_distance = 0;
  for (const auto& runtime : k_python_runtimes) {
    auto distance = std::abs(*python3_minor(runtime.id) - minor);
    if (!runtime.deprecated && (!best || distance <= best_distance)) {
      best = &runtime;
      best_distance = distance;
    }
  }
  return std::string(best->id);
}

} // namespace

const PythonRuntime* find_python_runtime(std::string_view id)
{
  for (const auto& runtime : k_python_runtimes) {
    if (runtime.id == id) {
      return &runtime;
    }
  }
  return nullptr;
}

std::vector<std::string> python_runtime_ids()
{
  std::vector<std::string> ids;
  for (const auto& runtime : k_python_runtimes) {
    ids.emplace_back(runtime.id);
  }
  return ids;
}

std::optional<std::string> check_python_runtime(std::string_view id)
{
  if (find_python_runtime(id) != nullptr) {
    return std::nullopt;
  }
  auto ids = python_runtime_ids();
  std::string accepted;
  for (const auto& known : ids) {
    accepted += (accepted.empty() ? "" : ", ") + known;
  }
  auto message = fmt::format(
      "is not a Python runtime Lambda offers; use one of {}", accepted);
  auto minor = python3_minor(id);
  auto match = minor ? nearest_supported(*minor) : util::closest_match(id, ids);
  if (match) {
    message += fmt::format("; did you mean '{}'?", *match);
  }
  return message;
}

} // namespace slam::config
