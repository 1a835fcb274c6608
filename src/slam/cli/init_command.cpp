#include "slam/cfn/plugin.hpp"
#include "slam/cli/command.hpp"
#include "slam/config/init_file.hpp"
#include "slam/config/lambda_runtimes.hpp"
#include "slam/config/load.hpp"
#include "slam/config/names.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"
#include "slam/util/text.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/core.h>
#include <map>
#include <memory>

namespace slam::cli {
namespace {

struct InitArguments
{
  std::string function;
  std::string stages = "dev";
  config::InitOptions options;
  // The built-in plugins' options: each one's value (a flag's stays
  // empty), and the parsed option to ask whether it was given.
  std::map<std::string, std::string> plugin_values;
  std::map<std::string, CLI::Option*> plugin_options;
  CLI::Option* requirements_option = nullptr;
};

// Without --requirements, name the default file only when it exists: a
// named file that is missing fails the build, and a new project may have
// no dependencies yet.
void drop_missing_default_requirements(InitArguments& args)
{
  if (args.requirements_option->count() == 0 &&
      !std::filesystem::exists(args.options.requirements)) {
    args.options.requirements.clear();
  }
}

void throw_if_invalid(const std::string& what,
                      const std::string& value,
                      std::optional<std::string> problem)
{
  if (problem) {
    throw UsageError(fmt::format("{} '{}' {}", what, value, *problem));
  }
}

// Return the project name used when --name is not given: the folder's
// name, made into a valid stack name.
std::string default_name(const std::string& module)
{
  auto folder = std::filesystem::current_path().filename().string();
  std::string name;
  for (char c : folder.empty() ? module : folder) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  }
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) {
    name = "app-" + name;
  }
  return name.substr(0, 64);
}

void complete_options(InitArguments& args)
{
  auto& options = args.options;
  auto colon = args.function.find(':');
  options.module = args.function.substr(0, colon);
  options.app =
      colon == std::string::npos ? "app" : args.function.substr(colon + 1);
  throw_if_invalid(
      "module", options.module, config::check_module(options.module));
  throw_if_invalid("app", options.app, config::check_attribute(options.app));
  if (options.name.empty()) {
    options.name = default_name(options.module);
  }
  throw_if_invalid(
      "--name", options.name, config::check_project_name(options.name));
  if (!options.bucket.empty()) {
    throw_if_invalid(
        "--bucket", options.bucket, config::check_bucket_name(options.bucket));
  }
  options.stages = util::split_list(args.stages, ',');
  if (options.stages.empty()) {
    throw UsageError("--stages needs at least one stage name");
  }
  for (const auto& stage : options.stages) {
    throw_if_invalid("stage", stage, config::check_stage_name(stage));
    if (std::count(options.stages.begin(), options.stages.end(), stage) > 1) {
      throw UsageError(fmt::format("--stages names '{}' twice", stage));
    }
  }
  if (auto problem = config::check_python_runtime(options.runtime)) {
    throw UsageError(
        fmt::format("--runtime '{}' {}", options.runtime, *problem));
  }
  if (options.description.size() > 1024) {
    throw UsageError("--description must be at most 1024 characters "
                     "(CloudFormation's limit)");
  }
}

cfn::InitChoices plugin_choices(const InitArguments& args)
{
  cfn::InitChoices choices;
  for (const auto& [name, option] : args.plugin_options) {
    if (option->count() > 0) {
      choices[name] = args.plugin_values.at(name);
    }
  }
  return choices;
}

// Add each built-in plugin's init options to SUB.
void define_plugin_options(CLI::App& sub, InitArguments& args)
{
  for (const auto& plugin : cfn::builtin_plugins()) {
    for (const auto& option : plugin->init_options()) {
      auto flag = "--" + option.name;
      auto& value = args.plugin_values[option.name];
      args.plugin_options[option.name] =
          option.value_name.empty() ? sub.add_flag(flag, option.help)
                                    : sub.add_option(flag, value, option.help)
                                          ->type_name(option.value_name);
    }
    for (const auto& option : plugin->init_options()) {
      for (const auto& other : option.excludes) {
        args.plugin_options.at(option.name)
            ->excludes(args.plugin_options.at(other));
      }
    }
  }
}

int run_init(InitArguments& args, const GlobalOptions& global)
{
  complete_options(args);
  drop_missing_default_requirements(args);
  std::filesystem::path path = global.config_file;
  if (std::filesystem::exists(path)) {
    throw Error(fmt::format("'{}' already exists; delete it first or write "
                            "another file with -c",
                            path.string()));
  }
  auto text = config::render_init_file(args.options) +
              cfn::render_init_sections(plugin_choices(args));
  // What init writes must load cleanly; a failure here is a bug.
  config::parse_config(text, path.string(), std::filesystem::current_path());
  util::write_file_atomic(path, text);
  util::notef("wrote {} for {}:{} (project '{}', stages {})",
              path.string(),
              args.options.module,
              args.options.app,
              args.options.name,
              args.stages);
  return 0;
}

} // namespace

Command make_init_command()
{
  auto args = std::make_shared<InitArguments>();
  auto define = [args](CLI::App& sub) {
    auto& o = args->options;
    sub.add_option("function", args->function, "The app, as module:app")
        ->required();
    sub.add_option("--name", o.name, "Project name (default: the folder's)");
    sub.add_option("--description", o.description, "Project description")
        ->capture_default_str();
    sub.add_option("--bucket", o.bucket, "S3 bucket for packages");
    sub.add_option("--timeout", o.timeout, "Lambda timeout in seconds")
        ->check(CLI::Range(1, 900))
        ->capture_default_str();
    sub.add_option("--memory", o.memory, "Lambda memory in MB")
        ->check(CLI::Range(128, 10240))
        ->capture_default_str();
    sub.add_option("--stages", args->stages, "Comma-separated stage names")
        ->capture_default_str();
    args->requirements_option =
        sub.add_option("--requirements", o.requirements, "Requirements file")
            ->capture_default_str();
    sub.add_option("--runtime", o.runtime, "Lambda Python runtime")
        ->capture_default_str();
    define_plugin_options(sub, *args);
  };
  return Command{
      "init",
      "Write slam.yaml for a module:app",
      define,
      [args](const GlobalOptions& global) { return run_init(*args, global); }};
}

} // namespace slam::cli
