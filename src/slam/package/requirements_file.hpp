#pragma once

#include "slam/package/requirements_parser.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace slam::package {

// The requirements of a file and of the files it includes.
struct RequirementsSet
{
  // A file's own requirements, then those of the files it includes.
  std::vector<Requirement> requirements{};
  // Every file read, the first one first, constraint files included: what
  // pip would read too.
  std::vector<std::filesystem::path> files{};
  std::vector<std::string> skipped{}; // see RequirementsText::skipped
};

// Return the requirements of FILE, called NAME in messages, and of the
// files it includes with -r (constraint files are listed, not parsed).
// Throw slam::Error naming a file that cannot be read, and, when STRICT,
// a requirement that cannot be parsed.
RequirementsSet read_requirements(const std::filesystem::path& file,
                                  const std::string& name,
                                  Strictness strictness = Strictness::strict);

} // namespace slam::package
