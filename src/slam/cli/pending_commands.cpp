#include "slam/cli/command.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::cli {
namespace {

// A command of the original that this version does not implement yet: it
// parses its arguments loosely and says so.
Command pending(const std::string& name, const std::string& description)
{
  return Command{
      name,
      description,
      [](CLI::App& sub) { sub.allow_extras(); },
      [name](const GlobalOptions&) -> int {
        throw Error(fmt::format(
            "'{}' is not available yet in this version of slam", name));
      }};
}

} // namespace

Command make_publish_command()
{
  return pending("publish", "Publish a version and point a stage at it");
}

Command make_invoke_command()
{
  return pending("invoke", "Invoke the function directly");
}

Command make_logs_command()
{
  return pending("logs", "Show the function's logs");
}

Command make_serve_command()
{
  return pending("serve", "Run the package locally behind an emulated API");
}

} // namespace slam::cli

// TEMPORARY until the package, cfn and aws areas land.
namespace slam::cli {
Command make_build_command()
{
  return pending("build", "Build the package");
}
Command make_deploy_command()
{
  return pending("deploy", "Deploy");
}
Command make_status_command()
{
  return pending("status", "Status");
}
Command make_delete_command()
{
  return pending("delete", "Delete");
}
Command make_template_command()
{
  return pending("template", "Template");
}
} // namespace slam::cli
