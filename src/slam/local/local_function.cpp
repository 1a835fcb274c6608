#include "slam/local/local_function.hpp"

#include "slam/local/local_python.hpp"
#include "slam/local/package_folder.hpp"
#include "slam/local/worker_environment.hpp"
#include "slam/local/worker_pool.hpp"
#include "slam/package/package.hpp"
#include "slam/package/project_lock.hpp"
#include "slam/util/embedded.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <fmt/core.h>
#include <thread>

namespace slam::local {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_bootstrap = "slam_bootstrap.py";

// Return the folder of slam_bootstrap.py (LAMBDA_RUNTIME_DIR) under
// FOLDER, writing the embedded one when what is there differs.
fs::path install_bootstrap(const fs::path& folder)
{
  auto runtime_dir = folder / "runtime";
  auto path = runtime_dir / k_bootstrap;
  auto content = util::embedded_file(k_bootstrap);
  std::error_code missing;
  if (!fs::exists(path, missing) || util::read_file(path) != content) {
    fs::create_directories(runtime_dir);
    util::write_file_atomic(path, content);
  }
  return runtime_dir;
}

std::string checked_stage(const config::Config& config, std::string stage)
{
  if (stage.empty()) {
    return config.devstage;
  }
  if (config.find_stage(stage) == nullptr) {
    throw UsageError(fmt::format(
        "no stage '{}' in {}", stage, config.file.filename().string()));
  }
  return stage;
}

int worker_count(int requested)
{
  if (requested > 0) {
    return requested;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// The function's package, run by a WorkerPool.
class PooledFunction final : public LocalFunction
{
public:
  PooledFunction(const config::Config& config,
                 const LocalFunctionOptions& options)
      : m_stage(checked_stage(config, options.stage)),
        m_python(choose_local_python(
            config,
            options.python,
            package::cached_interpreter_probe(config.project_dir / ".slam" /
                                              "interpreters")))
  {
    m_pool = std::make_unique<WorkerPool>(prepare(config),
                                          worker_count(options.workers));
  }

  InvocationResult invoke(const std::string& event,
                          const std::string& request_id) override
  {
    return m_pool->invoke(event, request_id);
  }

  void reload(const config::Config& config) override
  {
    m_pool->replace(prepare(config));
  }

private:
  // Build CONFIG's package, extract it and return how workers run it.
  WorkerSettings prepare(const config::Config& config)
  {
    // Until the package is extracted: another build rewrites the zip.
    auto lock = package::lock_project(config.project_dir, "building");
    auto built = package::build(config, {});
    auto folder = config.project_dir / ".slam" / "local";
    FunctionSite site;
    site.stage = m_stage;
    site.region = local_region(config, host_environment());
    site.task_root =
        extract_package(built.zip_path, built.sha256, folder / "packages");
    site.runtime_dir = install_bootstrap(folder);
    WorkerSettings settings;
    settings.command.argv = {m_python.string(),
                             (site.runtime_dir / k_bootstrap).string()};
    settings.command.cwd = site.task_root;
    settings.command.environment =
        worker_environment(config, site, host_environment());
    settings.function_arn = function_arn(config, site);
    settings.timeout = std::chrono::seconds(config.aws.lambda_timeout);
    settings.memory_size_mb = config.aws.lambda_memory;
    return settings;
  }

  std::string m_stage;
  fs::path m_python;
  std::unique_ptr<WorkerPool> m_pool;
};

} // namespace

std::unique_ptr<LocalFunction>
LocalFunction::start(const config::Config& config,
                     const LocalFunctionOptions& options)
{
  return std::make_unique<PooledFunction>(config, options);
}

} // namespace slam::local
