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
      [](CLI::App& sub) {
        // Take any arguments, so that the message below is what users see.
        static std::vector<std::string> ignored;
        sub.add_option("arguments", ignored);
        sub.allow_extras();
      },
      [name](const GlobalOptions&) -> int {
        throw Error(fmt::format(
            "'{}' is not available yet in this version of slam", name));
      }};
}

} // namespace

Command make_serve_command()
{
  return pending("serve", "Run the package locally behind an emulated API");
}

} // namespace slam::cli
