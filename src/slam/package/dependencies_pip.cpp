#include "slam/package/dependencies_pip.hpp"

#include "slam/package/dependencies_cache.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/package/requirements_file.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"
#include "slam/util/process.hpp"

#include <fmt/core.h>

namespace slam::package {
namespace {

constexpr std::string_view k_entry_prefix = "pip-";
constexpr size_t k_kept_entries = 3;
constexpr size_t k_error_lines = 15;

// Return the last non-empty lines of TEXT, up to COUNT of them.
std::string last_lines(const std::string& text, size_t count)
{
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    auto line = text.substr(start, end == text.npos ? text.npos : end - start);
    if (line.find_first_not_of(" \t\r") != line.npos) {
      lines.push_back(line);
    }
    start = end == text.npos ? text.size() : end + 1;
  }
  auto first = lines.size() > count ? lines.size() - count : 0;
  std::string tail;
  for (size_t i = first; i < lines.size(); ++i) {
    tail += (tail.empty() ? "" : "\n") + lines[i];
  }
  return tail;
}

// Append FIELD with its length, so that no two inputs hash alike.
void add_field(std::string& data, std::string_view field)
{
  data += fmt::format("{}:{}\n", field.size(), field);
}

void run_pip(const PipRequest& request, const std::filesystem::path& target)
{
  util::notef("installing the requirements of '{}' with pip",
              request.requirements_name);
  util::ProcessOptions options;
  if (!request.project_dir.empty()) {
    options.cwd = request.project_dir;
  }
  auto result = util::run_process(pip_command(request, target), options);
  if (result.exit_code != 0) {
    auto output = result.err.empty() ? result.out : result.err;
    throw Error(fmt::format(
        "pip failed to install the requirements in '{}' (exit {}):\n{}",
        request.requirements_name,
        result.exit_code,
        last_lines(output, k_error_lines)));
  }
}

} // namespace

std::vector<std::string> pip_command(const PipRequest& request,
                                     const std::filesystem::path& target)
{
  std::vector<std::string> command{
      request.python,
      "-m",
      "pip",
      "install",
      "-r",
      std::filesystem::absolute(request.requirements).string(),
      "--target",
      std::filesystem::absolute(target).string(),
      "--platform",
      pip_platform_of(request.architecture),
      "--implementation",
      "cp",
      "--python-version",
      python_version_of(request.runtime),
      "--only-binary=:all:",
      "--upgrade",
      "--no-compile",
      "--disable-pip-version-check"};
  command.insert(
      command.end(), request.pip_options.begin(), request.pip_options.end());
  return command;
}

std::string pip_cache_key(const PipRequest& request)
{
  std::string data;
  add_field(data, request.runtime);
  add_field(data, request.architecture);
  add_field(data, fmt::format("{}", request.pip_options.size()));
  for (const auto& option : request.pip_options) {
    add_field(data, option);
  }
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
