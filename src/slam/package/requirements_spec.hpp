#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slam::package {

// One named requirement, as in a requirements file (PEP 508).
struct Requirement
{
  std::string name{};                // as written
  std::vector<std::string> extras{}; // as written, in order
  std::string specifier{};           // without spaces: ">=1.0,<2"; may be ""
  std::string url{};                 // of "name @ url"; usually ""
  std::string marker{};              // as written: python_version < "3.10"
  std::string file{};                // the requirements file, for messages
  int line = 0;                      // where it starts in that file

  bool operator==(const Requirement&) const = default;
};

// Return the requirement SPEC ("name[extra]>=1; marker"), or throw
// slam::Error saying why, and WHERE it is written when given, when it is
// not a valid PEP 508 requirement.
Requirement parse_requirement(std::string_view spec,
                              std::string_view where = {});

} // namespace slam::package
