#include "slam/package/source_wheels.hpp"

#include "slam/package/distribution_name.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/package/requirements_file.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
#include "slam/util/process.hpp"
#include "slam/util/text.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <map>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

constexpr size_t k_error_lines = 15;

// Return what pip needs to build REQUIREMENT: its URL or version specifier.
// Its marker and extras are left out: markers speak of Lambda, not of this
// machine, and extras only add dependencies, which the install step finds.
std::string wheel_spec(const Requirement& requirement)
{
  if (!requirement.url.empty()) {
    return fmt::format("{} @ {}", requirement.name, requirement.url);
  }
  return requirement.name + requirement.specifier;
}

// Return the requirements of REQUEST's files by normalized name; the first
// one named wins, as with pip.
std::map<std::string, Requirement> named_requirements(const PipRequest& request)
{
  auto set = read_requirements(
      request.requirements, request.requirements_name, Strictness::lenient);
  std::map<std::string, Requirement> named;
  for (const auto& requirement : set.requirements) {
    named.emplace(normalize_name(requirement.name), requirement);
  }
  return named;
}

// Return the names of the wheel files in WHEELS, sorted.
// Return the names of the wheel files of DISTRIBUTION in WHEELS, sorted:
// the others (pure-Python ones, say) are not what did not fit.
std::vector<std::string> wheel_names(const fs::path& wheels,
                                     const std::string& distribution)
{
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& item : fs::directory_iterator(wheels, error)) {
    auto file = item.path().filename().string();
    // NAME-VERSION-...whl: the name is escaped with '_' for '-'.
    auto name = file.substr(0, file.find('-'));
    if (item.path().extension() == ".whl" &&
        normalize_name(name) == normalize_name(distribution)) {
      names.push_back(file);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

std::vector<std::string> normalized_names(const std::vector<std::string>& names)
{
  std::vector<std::string> normal;
  for (const auto& name : names) {
    normal.push_back(normalize_name(name));
  }
  std::sort(normal.begin(), normal.end());
  normal.erase(std::unique(normal.begin(), normal.end()), normal.end());
  return normal;
}

std::vector<std::string> source_requirements(const PipRequest& request)
{
  auto named = named_requirements(request);
  std::vector<std::string> specs;
  for (const auto& name : request.build_from_source) {
    auto found = named.find(normalize_name(name));
    specs.push_back(found == named.end() ? name : wheel_spec(found->second));
  }
  return specs;
}

// Return true when PYTHON is on PATH and runs: a pyenv shim is on PATH for
// every version pyenv knows, but fails for those not selected.
bool runs(const std::string& python)
{
  if (!util::find_program(python)) {
    return false;
  }
  return util::run_process({python, "--version"}).exit_code == 0;
}

std::string source_python(const PipRequest& request)
{
  if (request.python == PipRequest{}.python && runs(request.runtime)) {
    return request.runtime;
  }
  return request.python;
}

std::vector<std::string> source_wheel_command(const PipRequest& request,
                                              const fs::path& wheels)
{
  // --no-deps: the dependencies are the install step's business, where
  // they get wheels for Lambda rather than for this machine.
  std::vector<std::string> command{
      source_python(request),
      "-m",
      "pip",
      "wheel",
      "--no-deps",
      "--no-binary",
      fmt::format("{}", fmt::join(request.build_from_source, ",")),
      "--wheel-dir",
      fs::absolute(wheels).string(),
      "--disable-pip-version-check"};
  command.insert(
      command.end(), request.pip_options.begin(), request.pip_options.end());
  auto specs = source_requirements(request);
  command.insert(command.end(), specs.begin(), specs.end());
  return command;
}

void build_source_wheels(const PipRequest& request, const fs::path& wheels)
{
  util::notef("building {} from source on this machine with {}",
              fmt::join(request.build_from_source, ", "),
              source_python(request));
  util::ProcessOptions options;
  if (!request.project_dir.empty()) {
    options.cwd = request.project_dir;
  }
  auto result =
      util::run_process(source_wheel_command(request, wheels), options);
  if (result.exit_code == 0) {
    return;
  }
  auto output = result.err.empty() ? result.out : result.err;
  throw Error(fmt::format(
      "pip could not build {} from source (exit {}):\n{}\nThe build needs "
      "what those distributions need to compile (a compiler, headers, "
      "libraries) on this machine; or remove them from "
      "package.build_from_source and pin versions that publish wheels for "
      "Lambda",
      fmt::join(request.build_from_source, ", "),
      result.exit_code,
      util::last_lines(output, k_error_lines)));
}

std::string source_wheel_mismatch(const PipRequest& request,
                                  const std::string& name,
                                  const fs::path& wheels)
{
  auto built = wheel_names(wheels, distribution_of(name));
  return fmt::format(
      "'{}' is in package.build_from_source, but the wheels this machine "
      "built with {} ({}) do not fit Lambda's {} on {}: build on Linux {} "
      "with {} on PATH",
      name,
      source_python(request),
      built.empty() ? "none" : fmt::format("{}", fmt::join(built, ", ")),
      request.runtime,
      request.architecture,
      machine_of(request.architecture),
      request.runtime);
}

std::string distribution_of(const std::string& requirement)
{
  try {
    return parse_requirement(requirement).name;
  } catch (const Error&) {
    return requirement;
  }
}

bool is_built_from_source(const PipRequest& request,
                          const std::string& requirement)
{
  auto normal = normalize_name(distribution_of(requirement));
  return std::any_of(
      request.build_from_source.begin(),
      request.build_from_source.end(),
      [&](const std::string& item) { return normalize_name(item) == normal; });
}

} // namespace slam::package
