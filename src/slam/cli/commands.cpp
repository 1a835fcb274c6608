#include "slam/cli/command.hpp"

namespace slam::cli {

std::vector<Command> all_commands()
{
  return {make_init_command(),
          make_build_command(),
          make_deploy_command(),
          make_publish_command(),
          make_invoke_command(),
          make_status_command(),
          make_logs_command(),
          make_delete_command(),
          make_template_command(),
          make_serve_command()};
}

} // namespace slam::cli
