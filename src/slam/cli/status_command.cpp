#include "slam/cli/command.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/status.hpp"

#include <fmt/core.h>
#include <memory>

namespace slam::cli {

Command make_status_command()
{
  auto json = std::make_shared<bool>(false);
  return Command{"status",
                 "Show the deployment: function, bucket, stages and URLs",
                 [json](CLI::App& sub) {
                   sub.add_flag("--json", *json, "Print one JSON object");
                 },
                 [json](const GlobalOptions& global) {
                   auto config = load_project(global);
                   auto session = open_session(global, config);
                   auto status = deploy::read_status(config, session);
                   if (*json) {
                     fmt::print("{}\n", deploy::status_json(status).dump(2));
                   } else {
                     fmt::print("{}", deploy::render_status(status));
                   }
                   return 0;
                 }};
}

} // namespace slam::cli
