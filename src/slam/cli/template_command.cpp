#include "slam/cfn/template.hpp"
#include "slam/cli/command.hpp"
#include "slam/cli/project.hpp"

#include <fmt/core.h>

namespace slam::cli {

Command make_template_command()
{
  return Command{"template",
                 "Print the CloudFormation template (JSON)",
                 [](CLI::App&) {},
                 [](const GlobalOptions& global) {
                   auto config = load_project(global);
                   fmt::print("{}\n", cfn::build_template(config).dump(2));
                   return 0;
                 }};
}

} // namespace slam::cli
