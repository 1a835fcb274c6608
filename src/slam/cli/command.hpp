#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace slam::cli {

// The options every command accepts, before or after the command name.
struct GlobalOptions
{
  std::string config_file = "slam.yaml";
  std::string profile;
  std::string region;
  std::string endpoint_url;
  bool verbose = false;
  bool quiet = false;
  bool no_color = false;
};

// One subcommand: how to declare its options and how to run it.
struct Command
{
  std::string name;
  std::string description;
  // Add the command's own options to SUBCOMMAND.
  std::function<void(CLI::App& subcommand)> define;
  // Run the command and return its exit status.
  std::function<int(const GlobalOptions& global)> run;
};

// Return every command, in the order `slam --help` lists them.
std::vector<Command> all_commands();

Command make_init_command();
Command make_build_command();
Command make_deploy_command();
Command make_publish_command();
Command make_invoke_command();
Command make_status_command();
Command make_logs_command();
Command make_delete_command();
Command make_template_command();
Command make_serve_command();

} // namespace slam::cli
