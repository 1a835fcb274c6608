#include "slam/package/python_interpreter.hpp"

#include "slam/util/error.hpp"
#include "slam/util/process.hpp"

#include <fmt/core.h>
#include <unistd.h>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

bool is_executable(const fs::path& path)
{
  return fs::is_regular_file(path) && ::access(path.c_str(), X_OK) == 0;
}

// A virtualenv's bin/python is a symlink to its base interpreter; it must
// be run through the link, since Python finds pyvenv.cfg next to it.
fs::path environment_interpreter(const fs::path& folder,
                                 const std::string& environment)
{
  for (const auto* name : {"bin/python", "bin/python3"}) {
    if (is_executable(folder / name)) {
      return folder / name;
    }
  }
  throw Error(
      fmt::format("the python environment '{}' is a folder without "
                  "'bin/python'; give a virtualenv or a Python interpreter",
                  environment));
}

} // namespace

std::filesystem::path find_interpreter(const std::string& environment,
                                       const std::filesystem::path& project_dir)
{
  // Absolute, since the interpreter runs in the project folder.
  auto path = fs::absolute(project_dir / environment);
  if (fs::is_directory(path)) {
    return environment_interpreter(path, environment);
  }
  if (environment.find('/') != std::string::npos) {
    if (is_executable(path)) {
      return path;
    }
  } else if (auto program = util::find_program(environment)) {
    return *program;
  }
  throw Error(fmt::format(
      "the python environment '{}' is neither a virtualenv folder nor a "
      "Python interpreter; check package.python_environment",
      environment));
}

} // namespace slam::package
