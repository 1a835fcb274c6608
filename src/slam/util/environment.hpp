#pragma once

#include <optional>

namespace slam::util {

// Return the environment variable NAME as a positive number of seconds
// (fractions allowed), or nothing when it is unset or empty. Throw
// UsageError naming it for anything else.
std::optional<double> seconds_from_environment(const char* name);

// Return the environment variable NAME as a whole number of at least
// MINIMUM, or nothing when it is unset or empty. Throw UsageError naming
// it for anything else.
std::optional<long long> whole_number_from_environment(const char* name,
                                                       long long minimum);

} // namespace slam::util
