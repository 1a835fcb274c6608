#include "slam/cli/command.hpp"
#include "slam/cli/option_checks.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/deploy.hpp"
#include "slam/deploy/invoke.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <iostream>
#include <memory>

namespace slam::cli {
namespace {

struct InvokeArguments
{
  deploy::InvokeOptions options;
  bool json = false;
};

int report_result(const aws::Invocation& invocation,
                  const InvokeArguments& args,
                  const std::string& target)
{
  if (!invocation.log_tail.empty()) {
    util::debugf("log tail of {}:\n{}", target, invocation.log_tail);
  }
  if (invocation.function_error.empty()) {
    fmt::print("{}\n",
               args.json ? invocation.payload
                         : deploy::render_result(invocation.payload));
    return 0;
  }
  if (args.json) {
    fmt::print("{}\n", invocation.payload);
  } else {
    std::cerr << deploy::render_function_error(invocation.payload) << '\n';
  }
  throw Error(fmt::format(
      "{} failed ({} function error)", target, invocation.function_error));
}

int run_invoke(InvokeArguments& args, const GlobalOptions& global)
{
  auto config = load_project(global);
  args.options.stage = deploy::resolve_stage(config, args.options.stage);
  auto session = open_session(global, config);
  auto invocation = deploy::invoke(config, session, args.options);
  auto target =
      fmt::format("'{}' (stage '{}')", config.name, args.options.stage);
  // Event and DryRun answer no result: their status is the answer.
  if (args.options.dry_run) {
    fmt::print("dry run: invoking {} would be allowed\n", target);
    return 0;
  }
  if (args.options.nowait) {
    fmt::print("invocation of {} queued\n", target);
    return 0;
  }
  return report_result(invocation, args, target);
}

} // namespace

Command make_invoke_command()
{
  auto args = std::make_shared<InvokeArguments>();
  auto define = [args](CLI::App& sub) {
    auto& options = args->options;
    sub.add_option("arguments",
                   options.arguments,
                   "Keyword arguments: name=value (a string) or name:=json");
    sub.add_option("--stage", options.stage, "Stage to invoke")
        ->check(non_empty("stage"));
    auto* nowait = sub.add_flag(
        "--nowait", options.nowait, "Queue the invocation; do not wait");
    sub.add_flag("--dry-run",
                 options.dry_run,
                 "Only check that the invocation would be allowed")
        ->excludes(nowait);
    sub.add_flag("--json", args->json, "Print the raw result payload");
  };
  return Command{"invoke",
                 "Invoke the function directly",
                 define,
                 [args](const GlobalOptions& global) {
                   return run_invoke(*args, global);
                 }};
}

} // namespace slam::cli
