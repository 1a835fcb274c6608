#include "slam/cli/command.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/remove.hpp"

namespace slam::cli {

Command make_delete_command()
{
  return Command{"delete",
                 "Delete the stack, its logs and the uploaded packages",
                 [](CLI::App&) {},
                 [](const GlobalOptions& global) {
                   auto config = load_project(global);
                   auto session = open_session(global, config);
                   deploy::remove_deployment(config, session);
                   return 0;
                 }};
}

} // namespace slam::cli
