#include "slam/cli/command.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/remove.hpp"

#include <memory>

namespace slam::cli {

Command make_delete_command()
{
  auto options = std::make_shared<deploy::RemoveOptions>();
  auto define = [options](CLI::App& sub) {
    sub.add_flag("--no-logs",
                 options->keep_logs,
                 "Keep the function's log groups (delete everything else)");
  };
  auto run = [options](const GlobalOptions& global) {
    auto config = load_project(global);
    auto session = open_session(global, config);
    deploy::remove_deployment(config, session, *options);
    return 0;
  };
  return Command{"delete",
                 "Delete the stack, its logs and the uploaded packages",
                 define,
                 run};
}

} // namespace slam::cli
