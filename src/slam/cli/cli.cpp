#include "slam/cli/cli.hpp"

#include "slam/cli/command.hpp"
#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"
#include "slam/util/text.hpp"
#include "slam/util/utf8.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fmt/core.h>
#include <iostream>
#include <system_error>
#include <unistd.h>

namespace slam::cli {
namespace {

constexpr int k_exit_failure = 1;
constexpr int k_exit_usage = 2;

// Print MESSAGE as an error; control characters in it (from a server, a
// file name) are shown, not acted on by the terminal.
void print_error(const std::string& message)
{
  bool color = util::color_enabled();
  std::cerr << (color ? "\033[1;31mslam: error:\033[0m " : "slam: error: ")
            << util::escape_controls(message) << '\n';
}

void add_global_options(CLI::App& app, GlobalOptions& global)
{
  app.add_option("-c,--config-file", global.config_file, "Config file")
      ->capture_default_str();
  app.add_option("--profile", global.profile, "AWS profile to use");
  app.add_option("--region", global.region, "AWS region");
  app.add_option("--endpoint-url",
                 global.endpoint_url,
                 "AWS endpoint (LocalStack, moto, tests)");
  auto* verbose =
      app.add_flag("-v,--verbose", global.verbose, "Show each AWS call");
  app.add_flag(
         "-q,--quiet", global.quiet, "Print only warnings, errors and results")
      ->excludes(verbose);
  app.add_flag("--no-color", global.no_color, "Do not use colours");
  app.set_version_flag("--version", "slam " SLAM_VERSION);
}

// The options that take a value, so that the command can be found
// before CLI11 parses anything.
bool takes_value(const std::string& arg)
{
  return arg == "-c" || arg == "--config-file" || arg == "--profile" ||
         arg == "--region" || arg == "--endpoint-url";
}

// Return an error message when the first word is not a command.
std::optional<std::string>
check_command_name(int argc, char** argv, const std::vector<Command>& commands)
{
  std::vector<std::string> names;
  for (const auto& command : commands) {
    names.push_back(command.name);
  }
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (takes_value(arg)) {
      ++i;
    } else if (!arg.empty() && arg[0] != '-') {
      if (std::find(names.begin(), names.end(), arg) != names.end()) {
        return std::nullopt;
      }
      auto message = fmt::format("unknown command '{}'", arg);
      if (auto match = util::closest_match(arg, names)) {
        message += fmt::format("; did you mean '{}'?", *match);
      }
      return message + " (see 'slam --help')";
    }
  }
  return std::nullopt;
}

void apply_global_options(const GlobalOptions& global)
{
  util::set_verbosity(global.verbose ? util::Verbosity::verbose
                      : global.quiet ? util::Verbosity::quiet
                                     : util::Verbosity::normal);
  util::set_color(!global.no_color && ::isatty(STDERR_FILENO) != 0 &&
                  std::getenv("NO_COLOR") == nullptr);
  util::set_status_enabled(!global.quiet && ::isatty(STDERR_FILENO) != 0);
}

// Flush stdout and return the errno of a write to it that failed (EIO
// when the error is known but its cause is not), or 0. Both std::cout
// and fmt::print write through C's stdout: iostreams are synced with it.
int flush_standard_output()
{
  // stdout first: std::cout's flush is an fflush(stdout) too, and a
  // second one after a failure no longer says why.
  errno = 0;
  bool failed = std::fflush(stdout) != 0;
  int error = errno;
  std::cout.flush();
  if (!failed && std::ferror(stdout) == 0 && !std::cout.fail()) {
    return 0;
  }
  return error != 0 ? error : EIO;
}

// Report output that could not be written: a result that did not reach
// its reader is a failure. A reader that went away (`slam ... | head`)
// already has what it wanted, so that ends quietly, still with status 1.
int output_failure(int error)
{
  if (error != EPIPE) {
    print_error(fmt::format("cannot write output: {}", std::strerror(error)));
  }
  return k_exit_failure;
}

// Run the command; a failed write to stdout, noticed by fmt::print as it
// happens or by the final flush, turns the status into a failure.
int run_and_flush(const Command& command, const GlobalOptions& global)
{
  int status = 0;
  try {
    status = command.run(global);
  } catch (const std::system_error& error) {
    if (std::ferror(stdout) == 0) {
      throw;
    }
    return output_failure(error.code().value());
  }
  if (int error = flush_standard_output(); error != 0) {
    return output_failure(error);
  }
  return status;
}

// Run the selected command, turning failures into exit statuses.
int dispatch(const Command& command, const GlobalOptions& global)
{
  try {
    int status = run_and_flush(command, global);
    // A Ctrl-C that came while it was deferred and nothing checked it
    // still means the user wanted to stop.
    if (util::interrupt_requested()) {
      throw Interrupted();
    }
    return status;
  } catch (const Interrupted& interrupted) {
    if (::isatty(STDERR_FILENO) != 0) {
      std::cerr << '\n'; // after the ^C the terminal echoed
    }
    print_error(interrupted.what());
    return util::interrupted_exit_status();
  } catch (const UsageError& error) {
    print_error(error.what());
    return k_exit_usage;
  } catch (const Error& error) {
    print_error(error.what());
    return k_exit_failure;
  } catch (const std::exception& error) {
    print_error(fmt::format("internal error: {}", error.what()));
    return k_exit_failure;
  }
}

} // namespace

int run(int argc, char** argv)
{
  // A child that exits before reading its input (pip, python) must give
  // an error from write(), not kill slam with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  // At once, so that Ctrl-C ends slam with its status from the start;
  // again below with colour once the options say.
  util::install_interrupt_handlers(false);
  CLI::App app("Deploy Python web apps and functions to AWS Lambda", "slam");
  app.fallthrough();
  app.require_subcommand(1);
  GlobalOptions global;
  add_global_options(app, global);
  auto commands = all_commands();
  std::vector<std::pair<CLI::App*, const Command*>> subcommands;
  for (const auto& command : commands) {
    auto* sub = app.add_subcommand(command.name, command.description);
    command.define(*sub);
    subcommands.emplace_back(sub, &command);
  }
  if (auto message = check_command_name(argc, argv, commands)) {
    print_error(*message);
    return k_exit_usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return app.exit(success); // --help, --version
  } catch (const CLI::ParseError& error) {
    // CLI11 capitalises its messages; ours start lowercase.
    std::string message = error.what();
    if (!message.empty()) {
      message[0] = static_cast<char>(
          std::tolower(static_cast<unsigned char>(message[0])));
    }
    print_error(message);
    CLI::App* failed = &app;
    for (auto [sub, command] : subcommands) {
      if (sub->parsed()) {
        failed = sub;
      }
    }
    std::cerr << failed->help(failed == &app ? "" : "slam",
                              CLI::AppFormatMode::Normal);
    return k_exit_usage;
  }
  apply_global_options(global);
  util::install_interrupt_handlers(util::color_enabled());
  for (auto [sub, command] : subcommands) {
    if (sub->parsed()) {
      return dispatch(*command, global);
    }
  }
  return k_exit_usage;
}

} // namespace slam::cli
