#pragma once

#include <filesystem>
#include <string>

namespace slam::package {

// Return the interpreter of the Python ENVIRONMENT: the bin/python of a
// virtualenv folder, else an interpreter given by path or by name on PATH.
// Relative paths start at PROJECT_DIR. Throw slam::Error when there is
// none.
std::filesystem::path
find_interpreter(const std::string& environment,
                 const std::filesystem::path& project_dir);

} // namespace slam::package
