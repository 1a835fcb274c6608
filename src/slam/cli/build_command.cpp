#include "slam/cli/command.hpp"
#include "slam/cli/project.hpp"
#include "slam/package/package.hpp"
#include "slam/package/project_lock.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <memory>

namespace slam::cli {
namespace {

using package::human_size;

// What `slam build` is asked for besides the build itself.
struct BuildCommandOptions
{
  package::BuildOptions build{};
  bool report = false; // print the largest distributions and folders
};

// How many groups of each kind --report lists.
constexpr std::size_t k_report_rows = 20;

int run_build(const BuildCommandOptions& options, const GlobalOptions& global)
{
  auto config = load_project(global);
  auto build_options = options.build;
  build_options.report = options.report;
  build_options.command_ends = true;
  auto lock = package::lock_project(config.project_dir, "building");
  auto result = package::build(config, build_options);
  util::note(package::format_build_summary(package::build_summary(result)));
  if (options.report) {
    fmt::print("{}", package::format_size_report(result.report, k_report_rows));
  }
  auto path = std::filesystem::relative(result.zip_path).string();
  fmt::print("{}: {} files ({} compressed, {} cached), {} ({} unzipped), "
             "sha256 {}{}\n",
             path,
             result.file_count,
             result.compressed_count,
             result.cached_count,
             human_size(result.size),
             human_size(result.unzipped_size),
             result.sha256,
             result.unchanged ? " (unchanged)" : "");
  return 0;
}

} // namespace

Command make_build_command()
{
  auto options = std::make_shared<BuildCommandOptions>();
  return Command{"build",
                 "Build the Lambda package into .slam/",
                 [options](CLI::App& sub) {
                   sub.add_flag("--rebuild-deps",
                                options->build.rebuild_deps,
                                "Ignore the dependency cache");
                   sub.add_flag("--report",
                                options->report,
                                "List the largest distributions and folders");
                 },
                 [options](const GlobalOptions& global) {
                   return run_build(*options, global);
                 }};
}

} // namespace slam::cli
