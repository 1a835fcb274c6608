#include "slam/cfn/external_plugin.hpp"

#include "slam/cfn/logical_ids.hpp"
#include "slam/cfn/plugin_answer.hpp"
#include "slam/cfn/resource_names.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
#include "slam/util/process.hpp"
#include "slam/util/text.hpp"

#include <fmt/core.h>
#include <sstream>
#include <unistd.h>

namespace slam::cfn {
namespace {

// The most of a plugin's stderr that an error message shows: its end,
// where the reason usually is.
constexpr std::size_t k_max_stderr = 4000;

std::string program_name(const std::string& name)
{
  return "slam-plugin-" + name;
}

// Return the plugin's stderr indented below an error message, or nothing.
std::string stderr_block(const std::string& err)
{
  auto text = util::trim(err);
  if (text.empty()) {
    return "";
  }
  if (text.size() > k_max_stderr) {
    text = "..." + text.substr(text.size() - k_max_stderr);
  }
  std::string block = "; its stderr:";
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    block += "\n  " + line;
  }
  return block;
}

std::string seconds(std::chrono::milliseconds duration)
{
  return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000);
}

void pass_on_stderr(const std::string& name, const std::string& err)
{
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) {
    if (!util::trim(line).empty()) {
      util::note(fmt::format("{}: {}", program_name(name), line));
    }
  }
}

Json parse_answer(const std::string& name, const util::ProcessResult& run)
{
  try {
    return Json::parse(run.out);
  } catch (const Json::exception& error) {
    // Not only syntax: 1e999 is an out_of_range error.
    std::string reason = error.what();
    auto bracket = reason.find("] ");
    if (bracket != std::string::npos) {
      reason = reason.substr(bracket + 2);
    }
    throw Error(fmt::format("external plugin '{}' wrote no valid JSON on "
                            "stdout ({}){}",
                            name,
                            reason,
                            stderr_block(run.err)));
  }
}

// Return whether PATH is a file this process may run.
bool is_executable_file(const std::filesystem::path& path)
{
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) &&
         ::access(path.c_str(), X_OK) == 0;
}

} // namespace

std::optional<std::filesystem::path>
find_external_plugin(const std::string& name,
                     const std::filesystem::path& project_dir)
{
  // The project's own plugins first, so a project can ship one beside its
  // slam.yaml and need nothing installed.
  auto local = project_dir / program_name(name);
  if (!project_dir.empty() && is_executable_file(local)) {
    return std::filesystem::absolute(local);
  }
  return util::find_program(program_name(name));
}

std::vector<std::string> check_external_plugins(const config::Config& config)
{
  std::vector<std::string> problems;
  for (const auto& name : config.plugins) {
    if (!find_external_plugin(name, config.project_dir)) {
      problems.push_back(fmt::format("plugins: no program '{}' in the "
                                     "project folder or on PATH for plugin "
                                     "'{}'; install it or remove '{}' from "
                                     "plugins",
                                     program_name(name),
                                     name,
                                     name));
    }
  }
  return problems;
}

Json plugin_request(const std::string& name,
                    const config::Config& config,
                    const Json& stack_template)
{
  LogicalIds ids(config);
  auto stages = Json::array();
  for (const auto& stage : config.stages) {
    const auto& stage_id = ids.stage(stage.name);
    stages.push_back({{"name", stage.name},
                      {"id", stage_id},
                      {"alias", alias_resource(stage_id)},
                      {"version_parameter", version_parameter_name(stage_id)}});
  }
  auto section =
      config.document.contains(name) ? config.document[name] : nlohmann::json();
  return {{"protocol", k_plugin_protocol},
          {"plugin", name},
          {"slam_version", SLAM_VERSION},
          {"project_dir", config.project_dir.string()},
          {"section", Json(section)},
          {"config", Json(config.document)},
          {"stages", stages},
          {"resources",
           {{"function", k_function},
            {"role", k_role},
            {"log_group", k_log_group}}},
          {"template", stack_template}};
}

void run_external_plugin(const std::string& name,
                         const config::Config& config,
                         Json& stack_template,
                         std::chrono::milliseconds timeout)
{
  auto program = find_external_plugin(name, config.project_dir);
  if (!program) {
    throw Error(fmt::format("external plugin '{}' not found: no program "
                            "'{}' in the project folder or on PATH",
                            name,
                            program_name(name)));
  }
  util::ProcessOptions options;
  options.input = plugin_request(name, config, stack_template).dump();
  options.timeout = timeout;
  if (!config.project_dir.empty()) {
    options.cwd = config.project_dir;
  }
  auto run = util::run_process({program->string()}, options);
  if (run.timed_out) {
    throw Error(fmt::format("external plugin '{}' did not finish within {} "
                            "and was stopped{}",
                            name,
                            seconds(timeout),
                            stderr_block(run.err)));
  }
  if (run.exit_code != 0) {
    throw Error(fmt::format("external plugin '{}' failed with exit status "
                            "{}{}",
                            name,
                            run.exit_code,
                            stderr_block(run.err)));
  }
  auto answer = parse_answer(name, run);
  pass_on_stderr(name, run.err);
  merge_plugin_answer(name, answer, stack_template);
}

} // namespace slam::cfn
