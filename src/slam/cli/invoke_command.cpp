#include "slam/cli/command.hpp"
#include "slam/cli/option_checks.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/deploy.hpp"
#include "slam/deploy/invoke.hpp"
#include "slam/local/local_function.hpp"
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
  bool local = false; // run it on this machine, not in AWS
  std::string python; // the local interpreter; empty: the runtime's
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

// Answer the invocation with one local worker, as Lambda's Invoke API
// would have answered it: every failure is an "Unhandled" function error.
int run_local_invoke(const config::Config& config, const InvokeArguments& args)
{
  auto event = deploy::invocation_event(args.options.arguments);
  local::LocalFunctionOptions options{args.options.stage, 1, args.python};
  auto function = local::LocalFunction::start(config, options);
  auto result = function->invoke(event.dump(), "");
  aws::Invocation invocation;
  invocation.status = 200;
  invocation.payload = result.payload;
  if (result.outcome != local::Outcome::success) {
    invocation.function_error = "Unhandled";
  }
  auto target =
      fmt::format("'{}' (stage '{}')", config.name, args.options.stage);
  return report_result(invocation, args, target);
}

int run_invoke(InvokeArguments& args, const GlobalOptions& global)
{
  auto config = load_project(global);
  args.options.stage = deploy::resolve_stage(config, args.options.stage);
  if (args.local) {
    return run_local_invoke(config, args);
  }
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
    auto* dry_run =
        sub.add_flag("--dry-run",
                     options.dry_run,
                     "Only check that the invocation would be allowed");
    dry_run->excludes(nowait);
    sub.add_flag("--json", args->json, "Print the raw result payload");
    auto* local = sub.add_flag(
        "--local", args->local, "Run the function here, not in AWS");
    local->excludes(nowait)->excludes(dry_run);
    sub.add_option("--python",
                   args->python,
                   "Python interpreter for --local (default: the runtime's)")
        ->needs(local)
        ->check(non_empty("python"));
  };
  return Command{"invoke",
                 "Invoke the function directly",
                 define,
                 [args](const GlobalOptions& global) {
                   return run_invoke(*args, global);
                 }};
}

} // namespace slam::cli
