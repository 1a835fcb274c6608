#include "slam/cli/command.hpp"
#include "slam/cli/project.hpp"
#include "slam/package/package.hpp"

#include <fmt/core.h>
#include <memory>

namespace slam::cli {
namespace {

std::string human_size(std::uint64_t bytes)
{
  if (bytes >= 1024 * 1024) {
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1048576.0);
  }
  return fmt::format("{:.1f} kB", static_cast<double>(bytes) / 1024.0);
}

int run_build(const package::BuildOptions& options, const GlobalOptions& global)
{
  auto config = load_project(global);
  auto result = package::build(config, options);
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
  auto options = std::make_shared<package::BuildOptions>();
  return Command{"build",
                 "Build the Lambda package into .slam/",
                 [options](CLI::App& sub) {
                   sub.add_flag("--rebuild-deps",
                                options->rebuild_deps,
                                "Ignore the dependency cache");
                 },
                 [options](const GlobalOptions& global) {
                   return run_build(*options, global);
                 }};
}

} // namespace slam::cli
