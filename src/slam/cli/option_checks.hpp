#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace slam::cli {

// Refuse an empty value: `--stage ''` is a mistake, not the default.
// WHAT names the value in the message ("stage").
CLI::Validator non_empty(const std::string& what);

// Refuse a value that is not a decimal number from LOW to HIGH, saying
// which it is not. WHAT names the value in the message ("port").
CLI::Validator number_from_to(const std::string& what, int low, int high);

// Refuse an empty value and write a version number in its usual form
// (01 is version 1); refuse version 0, which Lambda never publishes.
// A stage name passes unchanged.
CLI::Validator stage_or_version();

// Return VALUE as a version number without leading zeros when it is one
// (only digits), or unchanged; "" for a number that is all zeros.
std::string normalise_version(const std::string& value);

} // namespace slam::cli
