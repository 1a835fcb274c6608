#include "slam/config/names.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace slam::config {
namespace {

bool matches(const std::string& value, const char* pattern)
{
  return std::regex_match(value, std::regex(pattern));
}

} // namespace

std::optional<std::string> check_project_name(const std::string& value)
{
  // A CloudFormation stack name allows letters, digits and '-', starting
  // with a letter; the function name (max 64) is the tighter length bound.
  if (value.size() <= 64 && matches(value, "[A-Za-z][A-Za-z0-9-]*")) {
    return std::nullopt;
  }
  return "must start with a letter and contain only letters, digits and "
         "'-' (at most 64 characters)";
}

std::optional<std::string> check_stage_name(const std::string& value)
{
  // A Lambda alias may not be all digits (that would read as a version).
  if (value.size() <= 64 && matches(value, "[A-Za-z0-9_-]+") &&
      !matches(value, "[0-9]+")) {
    return std::nullopt;
  }
  return "must contain only letters, digits, '-' and '_', not only digits "
         "(at most 64 characters)";
}

std::optional<std::string> check_variable_name(const std::string& value)
{
  if (matches(value, "[A-Za-z_][A-Za-z0-9_]*")) {
    return std::nullopt;
  }
  return "must be a valid environment variable name (letters, digits and "
         "'_', not starting with a digit)";
}

std::optional<std::string> check_module(const std::string& value)
{
  if (matches(value, "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
    return std::nullopt;
  }
  return "must be a Python module path such as 'app' or 'package.module'";
}

std::optional<std::string> check_attribute(const std::string& value)
{
  if (matches(value, "[A-Za-z_][A-Za-z0-9_]*")) {
    return std::nullopt;
  }
  return "must be a Python name such as 'app'";
}

std::optional<std::string> check_bucket_name(const std::string& value)
{
  if (value.size() >= 3 && value.size() <= 63 &&
      matches(value, "[a-z0-9][a-z0-9.-]*[a-z0-9]") &&
      value.find("..") == std::string::npos) {
    return std::nullopt;
  }
  return "must be a valid S3 bucket name (3 to 63 lowercase letters, digits, "
         "'.' and '-')";
}

std::optional<std::string> check_table_name(const std::string& value)
{
  if (value.size() <= 190 && matches(value, "[A-Za-z0-9_.-]+")) {
    return std::nullopt;
  }
  return "must contain only letters, digits, '_', '-' and '.'";
}

std::optional<std::string> check_schedule_name(const std::string& value)
{
  if (value.size() <= 64 && matches(value, "[A-Za-z0-9_-]+")) {
    return std::nullopt;
  }
  return "must contain only letters, digits, '-' and '_' (at most 64 "
         "characters)";
}

std::optional<std::string> check_plugin_name(const std::string& value)
{
  // The name becomes part of a program name looked up on PATH.
  if (value.size() <= 64 && matches(value, "[A-Za-z0-9][A-Za-z0-9_-]*")) {
    return std::nullopt;
  }
  return "must start with a letter or digit and contain only letters, "
         "digits, '-' and '_' (at most 64 characters)";
}

} // namespace slam::config
