#include "slam/cli/command.hpp"
#include "slam/cli/option_checks.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/deploy.hpp"
#include "slam/deploy/status.hpp"

#include <fmt/core.h>
#include <memory>

namespace slam::cli {

Command make_deploy_command()
{
  auto options = std::make_shared<deploy::DeployOptions>();
  auto define = [options](CLI::App& sub) {
    sub.add_option("--stage", options->stage, "Stage to point at $LATEST")
        ->check(non_empty("stage"));
    auto* package = sub.add_option("--lambda-package",
                                   options->lambda_package,
                                   "Deploy this zip instead of building");
    sub.add_flag("--no-lambda",
                 options->no_lambda,
                 "Keep the deployed package; update the stack only")
        ->excludes(package);
    sub.add_flag(
        "--rebuild-deps", options->rebuild_deps, "Ignore the dependency cache");
    sub.add_flag("--plan",
                 options->plan,
                 "Show what a deploy would change, and change nothing");
  };
  auto run = [options](const GlobalOptions& global) {
    auto config = load_project(global);
    auto session = open_session(global, config);
    deploy::deploy(config, session, *options);
    if (options->plan) {
      return 0;
    }
    fmt::print("{}",
               deploy::render_status(deploy::read_status(config, session)));
    return 0;
  };
  return Command{
      "deploy", "Build, upload and create or update the stack", define, run};
}

} // namespace slam::cli
