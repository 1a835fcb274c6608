#pragma once

#include <string_view>

namespace slam::package {

// Return the Python program that describes an environment: it takes a JSON
// request as its first argument (target marker values, requirements to
// check, whether to use the packaging library) and writes a JSON report on
// stdout (Python
// version, installed distributions with their files and dependencies whose
// markers are evaluated, status of each requirement, warnings).
std::string_view environment_script();

} // namespace slam::package
