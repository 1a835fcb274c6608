#pragma once

#include "slam/package/distribution.hpp"

#include <string>
#include <vector>

namespace slam::package {

// A distribution the package needs, and why.
struct Wanted
{
  std::string name{};                // as written
  std::vector<std::string> extras{}; // as written
  std::string wanted_by{};           // for messages: "'requirements.txt'"
};

// Return the DISTRIBUTIONS that WANTED needs, with their dependencies and
// the dependencies of the extras asked for, sorted by normalised name.
// Throw slam::Error naming a needed distribution that is missing from
// ENVIRONMENT (the configured name, for messages).
std::vector<Distribution>
distribution_closure(const std::vector<Wanted>& wanted,
                     const std::vector<Distribution>& distributions,
                     const std::string& environment);

} // namespace slam::package
