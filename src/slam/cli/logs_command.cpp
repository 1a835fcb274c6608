#include "slam/cli/command.hpp"
#include "slam/cli/option_checks.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/log_period.hpp"
#include "slam/deploy/logs.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"
#include "slam/util/utf8.hpp"

#include <cstdio>
#include <fmt/core.h>
#include <memory>
#include <poll.h>
#include <unistd.h>

namespace slam::cli {
namespace {

struct LogsArguments
{
  std::string stage;
  std::string period = "1m";
  bool tail = false;
};

// Write TEXT to stdout at once, so that a tail shows events as they come
// even through a pipe; return false when the reader has gone (SIGPIPE is
// ignored, so a closed pipe is a write error).
bool print_now(std::string_view text)
{
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() &&
         std::fflush(stdout) == 0;
}

// Return the printer of log lines: on a terminal, their control characters
// are shown rather than acted on (a message could set colours or the
// window title); through a pipe they pass unchanged, for the reader.
deploy::LogPrinter printer()
{
  if (::isatty(STDOUT_FILENO) == 0) {
    return print_now;
  }
  return [](std::string_view text) {
    return print_now(util::escape_controls(text));
  };
}

// Return whether stdout is a pipe whose reader has gone, as after
// `slam logs -t | head`: a tail with nothing new to write would not notice
// otherwise.
bool output_closed()
{
  pollfd out{STDOUT_FILENO, 0, 0};
  return ::poll(&out, 1, 0) == 1 && (out.revents & POLLERR) != 0;
}

int run_logs(const GlobalOptions& global, const LogsArguments& arguments)
{
  deploy::LogsOptions options;
  options.stage = arguments.stage;
  options.period = deploy::parse_period(arguments.period);
  options.tail = arguments.tail;
  auto config = load_project(global);
  auto session = open_session(global, config);
  auto sources = deploy::stage_log_sources(config, session, options.stage);
  auto stage = options.stage.empty() ? config.devstage : options.stage;
  if (!options.tail) {
    auto printed = deploy::show_logs(
        session, sources, options, printer(), [](auto) { return false; });
    if (printed == 0) {
      util::notef("no log events of stage '{}' in the last {}",
                  stage,
                  deploy::format_period(options.period));
    }
    return 0;
  }
  // Ctrl-C (or SIGTERM) is how a tail ends, not a failure: it stops after
  // the read under way, silently, with status 0.
  util::DeferredInterrupts deferred;
  util::notef("following the logs of stage '{}'; press Ctrl-C to stop", stage);
  bool reader_gone = false;
  deploy::show_logs(session,
                    sources,
                    options,
                    printer(),
                    [&reader_gone](std::chrono::milliseconds interval) {
                      if (!util::sleep_unless_interrupted(interval)) {
                        return false;
                      }
                      reader_gone = output_closed();
                      return !reader_gone;
                    });
  util::clear_interrupt();
  // As when a write finds the reader gone (see cli.cpp): quietly, status 1.
  return reader_gone ? 1 : 0;
}

} // namespace

Command make_logs_command()
{
  auto arguments = std::make_shared<LogsArguments>();
  auto define = [arguments](CLI::App& sub) {
    sub.add_option(
           "--stage", arguments->stage, "Stage to show (default: the devstage)")
        ->check(non_empty("stage"));
    sub.add_option("-p,--period",
                   arguments->period,
                   "How far back to start: a number and s, m, h, d or w")
        ->capture_default_str();
    sub.add_flag(
        "-t,--tail", arguments->tail, "Keep showing new events until Ctrl-C");
  };
  auto run = [arguments](const GlobalOptions& global) {
    return run_logs(global, *arguments);
  };
  return Command{
      "logs", "Show the logs of a stage: function and API", define, run};
}

} // namespace slam::cli
