#include "slam/package/dependencies_pip.hpp"

#include "slam/package/dependencies_cache.hpp"
#include "slam/package/distribution_name.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/package/requirements_file.hpp"
#include "slam/package/source_wheels.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"
#include "slam/util/process.hpp"
#include "slam/util/text.hpp"

#include <fmt/core.h>
#include <regex>

namespace slam::package {
namespace {

constexpr std::string_view k_entry_prefix = "pip-";
constexpr size_t k_kept_entries = 3;
constexpr size_t k_error_lines = 15;

// Append FIELD with its length, so that no two inputs hash alike.
void add_field(std::string& data, std::string_view field)
{
  data += fmt::format("{}:{}\n", field.size(), field);
}

// Return the requirements file of REQUEST that lists REQUIREMENT (as pip
// names it: "name==1.0"), which may be one the first includes; the first
// file when none does.
std::string file_listing(const PipRequest& request,
                         const std::string& requirement)
{
  auto name = normalize_name(distribution_of(requirement));
  auto set = read_requirements(
      request.requirements, request.requirements_name, Strictness::lenient);
  for (const auto& listed : set.requirements) {
    if (normalize_name(listed.name) == name) {
      return listed.file;
    }
  }
  return request.requirements_name;
}

// Return the advice for the requirement NAME that has no wheel for REQUEST's
// target.
std::string no_wheel_advice(const PipRequest& request, const std::string& name)
{
  return fmt::format(
      "'{}' in '{}' has no wheel for Lambda ({} on {}, platform {} or "
      "manylinux up to the runtime's glibc); pin a version of it that "
      "publishes such a wheel, or build one for Lambda (on Amazon Linux or in "
      "a manylinux container) and give its folder to pip with "
      "package.pip_options: [--find-links, FOLDER], or let pip build it "
      "from source on this machine with package.build_from_source: [{}] "
      "(this machine must then be Linux on {})",
      name,
      file_listing(request, name),
      request.runtime,
      request.architecture,
      pip_platform_of(request.architecture),
      distribution_of(name),
      machine_of(request.architecture));
}

// Append FIELDS and their count.
void add_fields(std::string& data, const std::vector<std::string>& fields)
{
  add_field(data, fmt::format("{}", fields.size()));
  for (const auto& field : fields) {
    add_field(data, field);
  }
}

// Return the advice for the requirement pip found nothing for in OUTPUT,
// or "" when there is none.
std::string missing_advice(const PipRequest& request,
                           const std::string& output,
                           const std::filesystem::path& source_wheels)
{
  auto missing = unavailable_requirement(output);
  if (missing.empty()) {
    return "";
  }
  if (is_built_from_source(request, missing)) {
    return source_wheel_mismatch(request, missing, source_wheels);
  }
  return no_wheel_advice(request, missing);
}

void install(const PipRequest& request,
             const std::filesystem::path& target,
             const std::filesystem::path& source_wheels)
{
  util::notef("installing the requirements of '{}' with pip",
              request.requirements_name);
  util::ProcessOptions options;
  if (!request.project_dir.empty()) {
    options.cwd = request.project_dir;
  }
  auto result =
      util::run_process(pip_command(request, target, source_wheels), options);
  if (result.exit_code != 0) {
    auto output = result.err.empty() ? result.out : result.err;
    auto message = fmt::format(
        "pip failed to install the requirements in '{}' (exit {}):\n{}",
        request.requirements_name,
        result.exit_code,
        util::last_lines(output, k_error_lines));
    auto advice = missing_advice(request, output, source_wheels);
    if (!advice.empty()) {
      message += "\n" + advice;
    }
    throw Error(message);
  }
}

void run_pip(const PipRequest& request, const std::filesystem::path& target)
{
  if (request.build_from_source.empty()) {
    install(request, target, {});
    return;
  }
  // Beside TARGET, so that the cache's clean-up of abandoned work folders
  // also removes it after an interruption.
  auto wheels = target;
  wheels += "-wheels";
  std::filesystem::create_directories(wheels);
  try {
    build_source_wheels(request, wheels);
    install(request, target, wheels);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(wheels, ignored);
    throw;
  }
  std::filesystem::remove_all(wheels);
}

} // namespace

std::vector<std::string> pip_target_options(const PipRequest& request)
{
  std::vector<std::string> options;
  for (const auto& platform :
       pip_platforms_of(request.runtime, request.architecture)) {
    options.insert(options.end(), {"--platform", platform});
  }
  // With --abi pip accepts only the ABIs listed, so the stable ABI and
  // pure-Python wheels are named too.
  options.insert(options.end(),
                 {"--implementation",
                  "cp",
                  "--python-version",
                  python_version_of(request.runtime),
                  "--abi",
                  python_abi_of(request.runtime),
                  "--abi",
                  "abi3",
                  "--abi",
                  "none",
                  "--only-binary=:all:"});
  // What pip builds here is tagged for this machine only (linux_x86_64),
  // a tag the index never serves; the native-file check then decides
  // whether it runs on Lambda.
  if (!request.build_from_source.empty()) {
    options.insert(options.end(),
                   {"--platform",
                    fmt::format("linux_{}", machine_of(request.architecture))});
  }
  return options;
}

std::string unavailable_requirement(const std::string& output)
{
  // pip's two wordings when nothing matches, such as "No matching
  // distribution found for numpy==1.0" or "...satisfies the requirement
  // numpy==1.0 (from versions: ...)".
  static const std::regex k_missing(
      R"((?:No matching distribution found for|Could not find a version that satisfies the requirement) ([^\s;]+))");
  std::smatch match;
  if (!std::regex_search(output, match, k_missing)) {
    return "";
  }
  return match[1];
}

std::vector<std::string> pip_command(const PipRequest& request,
                                     const std::filesystem::path& target,
                                     const std::filesystem::path& source_wheels)
{
  std::vector<std::string> command{
      request.python,
      "-m",
      "pip",
      "install",
      "-r",
      std::filesystem::absolute(request.requirements).string(),
      "--target",
      std::filesystem::absolute(target).string()};
  auto target_options = pip_target_options(request);
  command.insert(command.end(), target_options.begin(), target_options.end());
  command.insert(command.end(),
                 {"--upgrade", "--no-compile", "--disable-pip-version-check"});
  command.insert(
      command.end(), request.pip_options.begin(), request.pip_options.end());
  if (!source_wheels.empty()) {
    command.insert(
        command.end(),
        {"--find-links", std::filesystem::absolute(source_wheels).string()});
  }
  return command;
}

std::string pip_cache_key(const PipRequest& request)
{
  std::string data;
  add_field(data, request.runtime);
  add_field(data, request.architecture);
  add_field(data, request.python);
  // The options that pick wheels change when slam learns newer platform
  // tags; entries installed with older ones must not be reused.
  add_fields(data, pip_target_options(request));
  add_fields(data, request.pip_options);
  add_fields(data, normalized_names(request.build_from_source));
  // Files included with -r or -c change what pip installs as much as the
  // first one does.
  auto set = read_requirements(
      request.requirements, request.requirements_name, Strictness::lenient);
  for (const auto& file : set.files) {
    add_field(data, util::read_file(file));
  }
  return util::sha256_hex(data);
}

std::filesystem::path install_with_pip(const PipRequest& request,
                                       const std::filesystem::path& cache_root,
                                       bool rebuild,
                                       bool* reused)
{
  auto name = std::string(k_entry_prefix) + pip_cache_key(request);
  auto entry = cached_entry(
      cache_root,
      name,
      rebuild,
      [&](const std::filesystem::path& target) { run_pip(request, target); },
      reused);
  prune_entries(cache_root, std::string(k_entry_prefix), k_kept_entries);
  return entry;
}

} // namespace slam::package
