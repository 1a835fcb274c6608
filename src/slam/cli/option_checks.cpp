#include "slam/cli/option_checks.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/core.h>

namespace slam::cli {
namespace {

bool is_number(const std::string& value)
{
  return !value.empty() &&
         std::all_of(value.begin(), value.end(), [](unsigned char c) {
           return std::isdigit(c) != 0;
         });
}

std::string empty_message(const std::string& what)
{
  return fmt::format("the {} is empty; give a name or leave the option out",
                     what);
}

} // namespace

std::string normalise_version(const std::string& value)
{
  if (!is_number(value)) {
    return value;
  }
  return value.substr(std::min(value.find_first_not_of('0'), value.size()));
}

CLI::Validator non_empty(const std::string& what)
{
  return CLI::Validator(
      [what](std::string& value) {
        return value.empty() ? empty_message(what) : std::string();
      },
      "");
}

CLI::Validator number_from_to(const std::string& what, int low, int high)
{
  return CLI::Validator(
      [what, low, high](std::string& value) {
        if (!is_number(value)) {
          return fmt::format("the {} '{}' is not a number", what, value);
        }
        // More digits than an int holds are out of range too.
        auto digits = value.substr(
            std::min(value.find_first_not_of('0'), value.size() - 1));
        if (digits.size() > 9 || std::stoi(digits) < low ||
            std::stoi(digits) > high) {
          return fmt::format(
              "the {} {} is not from {} to {}", what, value, low, high);
        }
        return std::string();
      },
      "");
}

CLI::Validator stage_or_version()
{
  return CLI::Validator(
      [](std::string& value) {
        if (value.empty()) {
          return std::string("the version is empty; give a stage or a "
                             "version number, or leave the option out");
        }
        auto number = normalise_version(value);
        if (number.empty()) {
          return fmt::format("there is no version {}: versions count from 1",
                             value);
        }
        value = number;
        return std::string();
      },
      "");
}

} // namespace slam::cli
