#pragma once

#include "slam/package/requirements_spec.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace slam::package {

// What a requirements file says, line by line.
struct RequirementsText
{
  std::vector<Requirement> requirements{};
  std::vector<std::string> includes{};    // -r files, as written
  std::vector<std::string> constraints{}; // -c files, as written
  // Lines that name no distribution (editable installs, paths, URLs,
  // unknown options), each with where it is and why it was skipped.
  std::vector<std::string> skipped{};

  bool operator==(const RequirementsText&) const = default;
};

// How to treat a line that is not a valid requirement.
enum class Strictness { strict, lenient };

// Return what TEXT, the content of the requirements file SOURCE, asks
// for; pip's index options are accepted and ignored. A requirement that
// cannot be parsed throws slam::Error naming SOURCE and the line, or when
// LENIENT is listed as skipped (pip may still understand it).
RequirementsText parse_requirements(std::string_view text,
                                    std::string_view source,
                                    Strictness strictness = Strictness::strict);

} // namespace slam::package
