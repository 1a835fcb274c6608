#include "slam/package/python_interpreter.hpp"

#include "slam/package/build_inputs.hpp"
#include "slam/util/error.hpp"
#include "slam/util/process.hpp"

#include <cstdlib>
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

// Record the folders of PATH as inputs of the build.
void record_path_folders()
{
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "";
  while (!rest.empty()) {
    auto end = rest.find(':');
    auto folder = rest.substr(0, end);
    if (!folder.empty()) {
      record_exact_input(fs::path(folder));
    }
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
}

} // namespace

std::filesystem::path find_interpreter(const std::string& environment,
                                       const std::filesystem::path& project_dir)
{
  // Absolute, since the interpreter runs in the project folder.
  auto path = fs::absolute(project_dir / environment);
  if (fs::is_directory(path)) {
    // Which of its interpreters is taken depends on what bin/ holds.
    record_exact_input(path / "bin");
    return environment_interpreter(path, environment);
  }
  if (environment.find('/') != std::string::npos) {
    if (is_executable(path)) {
      record_exact_input(path);
      return path;
    }
  } else if (auto program = util::find_program(environment)) {
    // Any folder of PATH may get another interpreter of that name.
    record_path_folders();
    return *program;
  }
  throw Error(fmt::format(
      "the python environment '{}' is neither a virtualenv folder nor a "
      "Python interpreter; check package.python_environment",
      environment));
}

} // namespace slam::package
