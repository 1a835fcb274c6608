#include "slam/cli/command.hpp"
#include "slam/cli/option_checks.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/publish.hpp"

#include <fmt/core.h>
#include <memory>

namespace slam::cli {

Command make_publish_command()
{
  auto options = std::make_shared<deploy::PublishOptions>();
  auto define = [options](CLI::App& sub) {
    sub.add_option("stage", options->stage, "Stage to point at the version")
        ->required()
        ->check(non_empty("stage"));
    // Also the name of the global option that prints slam's version: the
    // subcommand sees its arguments first, so this one wins after
    // 'publish'.
    sub.add_option("--version",
                   options->version,
                   "A stage or a version number (default: the devstage)")
        ->transform(stage_or_version());
  };
  auto run = [options](const GlobalOptions& global) {
    auto config = load_project(global);
    auto session = open_session(global, config);
    auto result = deploy::publish(config, session, *options);
    fmt::print("{}\n", deploy::render_publish(result));
    return 0;
  };
  return Command{
      "publish", "Publish a version and point a stage at it", define, run};
}

} // namespace slam::cli
